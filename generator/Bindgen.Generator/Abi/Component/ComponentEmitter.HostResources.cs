using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Abi.Canonical;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Component;

/// <summary>
/// Resources the component imports, which the host implements: one C# interface each, nested in the world class
/// (<c>I</c> + the resource's name), with the resource's methods as members; its constructor and static functions are
/// members of the imported interface. The instance keeps the objects the guest holds handles to; the glue moves them in
/// and out (<c>own</c>), lends them (<c>borrow</c>) and checks what the guest did with the loans when a call returns.
/// </summary>
internal static partial class ComponentEmitter
{
    private static void EmitHostResourceInterfaces(IndentedWriter w, List<ComponentInterface> imports, ComponentTypes types)
    {
        foreach (ComponentResourceType resource in types.Resources.Values.Distinct().Where(r => r.Imported).OrderBy(r => r.Index))
        {
            ComponentInterface owner = imports.First(i => (i.Wit ?? "-") == resource.Owner);
            w.Line("/// <summary>");
            string of = resource.Owner == "-" ? "the world" : $"<c>{CSharpText.DocText(resource.Owner)}</c>";
            w.Line($"/// The resource <c>{CSharpText.DocText(resource.WitName)}</c> of {of}, imported by the component: implement it");
            w.Line($"/// (the constructor and static functions are members of <see cref=\"{owner.FullName}\"/>). The component holds handles to");
            w.Line("/// your objects; when it drops an owning handle, the object is disposed if it implements <see cref=\"global::System.IDisposable\"/>.");
            w.Line("/// An object passed as a borrowed resource is valid for that call only: do not keep it.");
            w.Line("/// </summary>");
            w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"Bindgen.Generator\", \"1.0.0\")]");
            w.Open($"public interface {resource.ClassName}");
            bool first = true;
            for (int m = 0; m < owner.Module.Methods.Count; m++)
            {
                MethodModel method = owner.Module.Methods[m];
                if (ComponentBinding.ResourceMember(method.ExportName) is not { Kind: "method" } member || member.Resource != resource.WitName)
                {
                    continue;
                }

                if (!first)
                {
                    w.Line();
                }

                first = false;
                w.Line($"/// <summary>WIT: <c>{CSharpText.DocText(owner.WitSignatures[m])}</c>.</summary>");
                w.Line($"{method.ReturnType.FullName} {method.Identifier}({string.Join(", ", method.Parameters.Skip(1).Select(p => p.Type.FullName + " " + p.Name))});");
            }

            w.Close();
            w.Line();
        }
    }

    /// <summary>Whether an exported interface passes handles of resources the host implements (its glue then needs the instance).</summary>
    private static bool UsesHostResources(ComponentInterface e) =>
        e.Module.Methods.Any(m => m.Canonical().Parameters.Any(IsHostHandle) || m.Canonical().Result is { } r && IsHostHandle(r));

    /// <summary>Whether a value of <paramref name="t"/> holds, anywhere in its tree, a handle of a resource the host implements (a borrow only, with <paramref name="borrow"/>).</summary>
    private static bool IsHostHandle(WitType t, bool borrow) =>
        t.Kind is WitKind.Own or WitKind.Borrow && t.HostResource >= 0 ? !borrow || t.Kind == WitKind.Borrow
        : t.Elements.Any(e => IsHostHandle(e, borrow)) || t.Members.Any(m => m.Type is { } type && IsHostHandle(type, borrow));

    private static bool IsHostHandle(WitType t) => IsHostHandle(t, borrow: false);

    private static bool LendsHostHandle(WitType t) => IsHostHandle(t, borrow: true);

    /// <summary>
    /// The call of an export's glue from its gated method: when the host lends resources to it, the guest must have
    /// dropped their borrowed handles by the time it returns (the canonical ABI traps otherwise).
    /// </summary>
    private static void EmitCoreCall(IndentedWriter w, MethodModel method, string component, string call, string operation)
    {
        bool lends = method.Canonical().Parameters.Any(LendsHostHandle);
        bool returns = method.ReturnType.Shape != TypeShape.Void;
        if (!lends)
        {
            w.Line((returns ? "return " : string.Empty) + call + ";");
            return;
        }

        string result = method.Local("result");
        w.Line((returns ? $"{method.ReturnType.FullName} {result} = " : string.Empty) + call + ";");
        w.Line($"{component}.EndBorrows({operation});");
        if (returns)
        {
            w.Line($"return {result};");
        }
    }

    /// <summary>
    /// For an import lowering that passes handles of resources the host implements: the instance as the glue names it
    /// (<c>__component</c>), whether the implementation is the resource itself (a <c>[method]</c>), and the statement that
    /// ends the loans of handles the guest lent once the implementation returned.
    /// </summary>
    private static (bool OnSelf, string? AfterCall) HostResourceLowering(IndentedWriter w, MethodModel method)
    {
        CanonicalSignature s = method.Canonical();
        if (!s.Parameters.Any(IsHostHandle) && !(s.Result is { } r && IsHostHandle(r)))
        {
            return (false, null);
        }

        w.Line($"{Runtime} __component = __c;");
        bool onSelf = ComponentBinding.ResourceMember(method.ExportName) is { Kind: "method" } && s.Parameters.Count > 0 && IsHostHandle(s.Parameters[0]);
        return (onSelf, s.Parameters.Any(LendsHostHandle) ? "__component.ReleaseLends();" : null);
    }
}
