using System.Collections.Generic;
using System.Linq;
using Bindgen.Generator.Abi.Canonical;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Component;

/// <summary>The canonical glue of a component: lifted exports (the canonical stage driver) and lowered imports (the canonical import callbacks).</summary>
internal static partial class ComponentEmitter
{
    private const string ReallocSignature = "(i32, i32, i32, i32) -> i32";

    /// <summary>
    /// The exports of one interface as the canonical stage driver calls them: each core function resolved from the core
    /// instance its lift names, with its post-return function, and the memory and realloc its own lift names (one
    /// canonical guest per distinct pair, so functions of one interface may use the memories of different core instances).
    /// </summary>
    private static void EmitCore(IndentedWriter w, ComponentFile file, ComponentInterface e, bool definesResources, string? implements = null, IEnumerable<int>? resources = null)
    {
        ModuleModel module = e.Module;
        var codec = new CanonicalCodec();
        List<(string? Memory, string? Realloc)> guests = GuestsOf(e);
        // Reachable from the classes of the resources it defines, which lift and lower their handles through it.
        w.Open($"{(definesResources ? "internal" : "private")} sealed class {module.ClassName}{(implements is null ? string.Empty : " : " + implements)}");
        if (definesResources)
        {
            w.Line($"internal readonly {Runtime} __component;");
        }

        w.Line($"private const string Binding = {CSharpText.Literal(e.Wit ?? file.FileName)};");
        for (int g = 0; g < guests.Count; g++)
        {
            w.Line($"private readonly global::Bindgen.Internals.CanonicalGuest {GuestField(g)};");
        }

        if (module.Methods.Count > 0)
        {
            StoreGateText.DeclareField(w);
        }

        foreach (MethodModel method in module.Methods)
        {
            w.Line($"private readonly {ExportDelegates.DelegateType(method)} {method.FieldName};");
            w.Line($"private readonly {CanonicalEmitter.PostDelegateType(method)}? _post_{method.FieldName};");
        }

        w.Line();
        w.Open($"public {module.ClassName}({Runtime} __c)");
        for (int g = 0; g < guests.Count; g++)
        {
            (string? memory, string? realloc) = guests[g];
            string memoryExpression = memory is null ? "null" : $"__c.Exports({ExportOf(memory).Instance}, Binding).Memory({ExportOf(memory).Name})";
            string reallocExpression = realloc is null ? "null" : $"__c.Exports({ExportOf(realloc).Instance}, Binding).CheckedFunction({ExportOf(realloc).Name}, {CSharpText.Literal(ReallocSignature)})";
            w.Line($"{GuestField(g)} = __c.Guest({memoryExpression}, {reallocExpression});");
        }

        if (definesResources)
        {
            w.Line("__component = __c;");
            foreach (int resource in resources ?? Enumerable.Empty<int>())
            {
                w.Line($"__c.SetResourceOwner({Number(resource)}, this);");
            }
        }

        if (module.Methods.Count > 0)
        {
            // Every export method enters its store's thread check first, as the other ABIs' methods do.
            StoreGateText.Assign(w, $"__c.Exports({ExportOf(e.Lifts[0].Core).Instance}, Binding)");
        }

        for (int m = 0; m < module.Methods.Count; m++)
        {
            MethodModel method = module.Methods[m];
            DescribedLift lift = e.Lifts[m];
            (string instance, string name) = ExportOf(lift.Core);
            w.Line($"{method.FieldName} = __c.Exports({instance}, Binding).{ExportDelegates.ResolveCall(method)}({name}, {CSharpText.Literal(method.Lowered.Text)});");
            if (lift.PostReturn is { } post)
            {
                (string postInstance, string postName) = ExportOf(post);
                w.Line($"_post_{method.FieldName} = __c.Exports({postInstance}, Binding).{PostResolveCall(method)}({postName}, {CSharpText.Literal(CanonicalEmitter.PostSignature(method))});");
            }
            else
            {
                w.Line($"_post_{method.FieldName} = null;");
            }
        }

        w.Line("__c.ThrowIfProblems();");
        w.Close();
        for (int m = 0; m < module.Methods.Count; m++)
        {
            w.Line();
            codec.Encoding = e.Lifts[m].Encoding;
            CanonicalStageDriver.EmitMethod(w, codec, module, module.Methods[m], "this." + GuestField(GuestIndex(guests, e.Lifts[m])));
        }

        codec.EmitHelpers(w);
        w.Close();
        w.Line();
    }

    /// <summary>
    /// One lowered import: a core function whose callback is the canonical import glue, with the memory and realloc
    /// the lowering's options name (resolved on first use: they belong to a core instance created after this function).
    /// </summary>
    private static void EmitLowering(IndentedWriter w, CanonicalCodec codec, ComponentInterface owner, MethodModel method, DescribedStep step)
    {
        string memory = step.Memory is null ? "-1, null" : $"{ExportOf(step.Memory).Instance}, {ExportOf(step.Memory).Name}";
        string realloc = step.Realloc is null ? "-1, null" : $"{ExportOf(step.Realloc).Instance}, {ExportOf(step.Realloc).Name}";
        w.Line(step.Kind == "adapter"
            ? $"/// <summary>The composed function <c>{CSharpText.DocText(step.Function ?? string.Empty)}</c>, lowered for the inner component that imports it.</summary>"
            : $"/// <summary>The host import <c>{CSharpText.DocText(step.Function ?? string.Empty)}</c> of <c>{CSharpText.DocText(step.Interface ?? "the world")}</c>, lowered for the guest.</summary>");
        w.Open($"private static global::Wasmtime.Function __Lower{Number(step.Number)}({Runtime} __c, {owner.FullName} implementation)");
        codec.Encoding = step.Encoding;
        string guest = $"__c.LoweringGuest({Number(step.Number)}, {memory}, {realloc}, {CSharpText.Literal(owner.TypeName)})";
        (bool onSelf, string? afterCall) = HostResourceLowering(w, method);
        CanonicalImportsEmitter.EmitCallback(w, codec, owner.Module, method, "return global::Wasmtime.Function.FromCallback(__c.Store, new {0}(({1}) =>", guest,
            "return global::Wasmtime.Function.FromCallback(__c.Store, ", onSelf, afterCall);
        w.Close();
        w.Line();
    }

    /// <summary>The distinct (memory, realloc) pairs of an interface's lifts, in lift order; one with neither when it has no lifts.</summary>
    private static List<(string? Memory, string? Realloc)> GuestsOf(ComponentInterface e)
    {
        var guests = new List<(string?, string?)>();
        foreach (DescribedLift lift in e.Lifts)
        {
            if (GuestIndex(guests, lift) < 0)
            {
                guests.Add((lift.Memory, lift.Realloc));
            }
        }

        if (guests.Count == 0)
        {
            guests.Add((null, null));
        }

        return guests;
    }

    private static int GuestIndex(List<(string? Memory, string? Realloc)> guests, DescribedLift lift) =>
        guests.IndexOf((lift.Memory, lift.Realloc));

    /// <summary><c>_guest</c>, then <c>_guest1</c>, <c>_guest2</c>... for further memories.</summary>
    private static string GuestField(int index) =>
        index == 0 ? "_guest" : "_guest" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string PostResolveCall(MethodModel method) =>
        method.Lowered.ResultClrType is { } r ? $"Action<{r}>" : "Action";
}
