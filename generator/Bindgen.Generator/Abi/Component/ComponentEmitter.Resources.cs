using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Component;

/// <summary>
/// Resources the component exports: one sealed class each, nested in the world class, deriving from
/// <c>Bindgen.ComponentResource</c> (Dispose drops it once; a moved or disposed one is unusable). Its constructor,
/// methods and static functions enter the component as every export does and call the interface's canonical glue,
/// which lowers <c>borrow</c> to the representation, moves <c>own</c> into the guest's table and lifts an <c>own</c>
/// result into a new object.
/// </summary>
internal static partial class ComponentEmitter
{
    private static readonly HashSet<string> ResourceBaseMembers = new() { "Dispose", "IsDisposed", "Equals", "GetHashCode", "ToString", "GetType", "Finalize", "MemberwiseClone" };

    /// <summary>Whether an interface defines resources, so its glue is reachable from their classes.</summary>
    private static bool DefinesResources(ComponentInterface i, ComponentTypes types) => types.Resources.Values.Any(r => !r.Imported && r.Owner == (i.Wit ?? "-"));

    private static IEnumerable<int> ResourcesDefinedBy(ComponentInterface i, ComponentTypes types) =>
        types.Resources.Values.Distinct().Where(r => !r.Imported && r.Owner == (i.Wit ?? "-")).OrderBy(r => r.Index).Select(r => r.Index);

    private static void EmitResources(IndentedWriter w, string worldClass, List<ComponentInterface> exports, ComponentTypes types)
    {
        foreach (ComponentResourceType resource in types.Resources.Values.Distinct().Where(r => !r.Imported).OrderBy(r => r.Index))
        {
            ComponentInterface owner = exports.First(e => e.Wit == resource.Owner);
            EmitResource(w, worldClass, owner, resource);
        }
    }

    private static void EmitResource(IndentedWriter w, string worldClass, ComponentInterface owner, ComponentResourceType resource)
    {
        string name = resource.ClassName;
        string core = owner.Module.ClassName;
        string index = Number(resource.Index);
        w.Line($"/// <summary>");
        w.Line($"/// The resource <c>{CSharpText.DocText(resource.WitName)}</c> of <c>{CSharpText.DocText(resource.Owner)}</c>, exported by the component: dispose it");
        w.Line("/// to drop it (the component's destructor runs once). Passed where the component takes ownership, it is moved and");
        w.Line("/// unusable afterwards; one never disposed is dropped by the instance's next call, on the store's thread.");
        w.Line("/// </summary>");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"Bindgen.Generator\", \"1.0.0\")]");
        w.Open($"public sealed class {name} : global::Bindgen.ComponentResource");
        w.Line($"private readonly {core} _core;");
        w.Line();
        w.Line($"private {name}({core} core, int rep) : base(core.__component, {index}, rep, {CSharpText.Literal(name)}) => _core = core;");
        w.Line();
        w.Line($"private {name}({name} made) : base(made) => _core = made._core;");
        w.Line();
        w.Line($"/// <summary>For the glue: an owning handle the component returned, taken out of its table.</summary>");
        w.Line($"internal static {name} __Own({core} core, int handle, string operation) => new {name}(core, core.__component.LiftOwn({index}, handle, operation));");
        w.Line();
        w.Line($"/// <summary>For the glue's static helpers: an owning handle inside a list, option, record or the like, lifted in the running instance.</summary>");
        w.Line($"internal static {name} __Lift(int handle, string operation) => __Own(({core})global::Bindgen.Internals.ComponentInstance.Running.ResourceOwner({index}), handle, operation);");
        w.Line();
        w.Open($"private static {core} __CoreOf({owner.FullName} owner)");
        w.Line($"if (owner is {Gate(owner)} __gate) return __gate.Core;");
        w.Line("if (owner is null) throw new global::System.ArgumentNullException(nameof(owner));");
        w.Line($"throw new global::System.ArgumentException(\"the {CSharpText.LiteralContent(owner.TypeName)} is not the exported interface of a {CSharpText.LiteralContent(worldClass)} instance\", nameof(owner));");
        w.Close();
        for (int m = 0; m < owner.Module.Methods.Count; m++)
        {
            MethodModel method = owner.Module.Methods[m];
            if (ComponentBinding.ResourceMember(method.ExportName) is not { } member || member.Resource != resource.WitName)
            {
                continue;
            }

            w.Line();
            w.Line($"/// <summary>WIT: <c>{CSharpText.DocText(owner.WitSignatures[m])}</c>.</summary>");
            EmitResourceMember(w, owner, resource, method, member.Kind, member.Name);
        }

        w.Close();
        w.Line();
    }

    private static void EmitResourceMember(IndentedWriter w, ComponentInterface owner, ComponentResourceType resource, MethodModel method, string kind, string witName)
    {
        string name = resource.ClassName;
        IEnumerable<ParameterModel> own = kind == "method" ? method.Parameters.Skip(1) : method.Parameters;
        string parameters = string.Join(", ", own.Select(p => p.Type.FullName + " " + p.Name));
        string withOwner = $"{owner.FullName} owner" + (parameters.Length == 0 ? string.Empty : ", " + parameters);
        string arguments = string.Join(", ", (kind == "method" ? new[] { "this" } : new string[0]).Concat(own.Select(p => p.Name)));
        string L(string local) => method.Local(local);
        string member = ComponentNames.Pascal(witName);
        if (member == name || ResourceBaseMembers.Contains(member))
        {
            member += "Method";
        }

        string operation = CSharpText.Literal(name + "." + (kind == "constructor" ? "ctor" : member));
        if (kind == "constructor")
        {
            w.Line("/// <param name=\"owner\">The exported interface of the component instance that makes the resource.</param>");
            w.Line($"public {name}({withOwner}) : this(__New(owner{(parameters.Length == 0 ? string.Empty : ", ")}{string.Join(", ", own.Select(p => p.Name))})) {{ }}");
            w.Line();
            w.Open($"private static {name} __New({withOwner})");
            w.Line($"{owner.Module.ClassName} {L("core")} = __CoreOf(owner);");
        }
        else if (kind == "static")
        {
            w.Open($"public static {method.ReturnType.FullName} {member}({withOwner})");
            w.Line($"{owner.Module.ClassName} {L("core")} = __CoreOf(owner);");
        }
        else
        {
            w.Open($"public {method.ReturnType.FullName} {member}({parameters})");
            w.Line($"{owner.Module.ClassName} {L("core")} = _core;");
        }

        w.Line($"global::Bindgen.Internals.ComponentInstance {L("c")} = {L("core")}.__component;");
        w.Line($"{L("c")}.Enter({operation});");
        w.Open("try");
        EmitCoreCall(w, method, L("c"), $"{L("core")}.{method.Identifier}({arguments})", operation);
        w.Close();
        w.Open($"catch (global::Bindgen.BindgenException {L("e")})");
        w.Line($"{L("c")}.Poison({L("e")});");
        w.Line("throw;");
        w.Close();
        w.Open("finally");
        w.Line($"{L("c")}.Exit();");
        w.Close();
        w.Close();
    }

    /// <summary>Declares the resource types before the plan runs (the built-ins name them) and gives each its destructor after.</summary>
    private static void EmitResourceSetUp(IndentedWriter w, ComponentTypes types, bool afterPlan)
    {
        foreach (ComponentResourceType resource in types.Resources.Values.Distinct().OrderBy(r => r.Index))
        {
            if (!afterPlan && resource.Imported)
            {
                w.Line($"__c.DefineHostResource({Number(resource.Index)}, {CSharpText.Literal(ComponentNames.Pascal(resource.WitName))});");
            }
            else if (!afterPlan)
            {
                w.Line($"__c.DefineResource({Number(resource.Index)}, {CSharpText.Literal(resource.ClassName)});");
            }
            else if (resource.Destructor is { } destructor)
            {
                (string instance, string export) = ExportOf(destructor);
                w.Line($"__c.SetDestructor({Number(resource.Index)}, {instance}, {export}, {CSharpText.Literal(resource.Owner)});");
            }
        }
    }

    /// <summary>A resource built-in of the plan (<c>builtin resource.new #3</c>) as the runtime's function for it.</summary>
    private static string? ResourceBuiltin(string definition, ComponentTypes types)
    {
        string[] parts = definition.Split(' ');
        return parts.Length == 3 && parts[0] == "builtin" && types.Resources.TryGetValue(parts[2], out ComponentResourceType? resource)
            ? parts[1] switch
            {
                "resource.new" => $"__c.ResourceNew({Number(resource.Index)})",
                "resource.rep" => $"__c.ResourceRep({Number(resource.Index)})",
                "resource.drop" => $"__c.ResourceDrop({Number(resource.Index)})",
                _ => null,
            }
            : null;
    }
}
