using System.Collections.Generic;
using System.Globalization;
using Bindgen.Generator.Abi.Canonical;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Component;

/// <summary>
/// A fused adapter of a composed component as two canonical models of one private C# interface: the callee's side
/// (its lift, as an exported interface's glue calls it) and the caller's side (its lowering, as an imported
/// interface's callback lifts it). The caller's callback calls the callee's glue through the interface, so each value
/// is lifted from one memory with one side's options and lowered into the other with the other side's.
/// </summary>
/// <param name="Step">The adapter's plan step (the caller's memory, realloc and encoding).</param>
/// <param name="Callee">The callee's side: an exported-interface model whose one lift is the adapter's.</param>
/// <param name="Caller">The caller's side: an imported-interface model of the same function.</param>
internal sealed record ComponentAdapter(DescribedStep Step, ComponentInterface Callee, ComponentInterface Caller)
{
    /// <summary>The models of every adapter of <paramref name="file"/>; null with <paramref name="problem"/> when one cannot be bound.</summary>
    public static List<ComponentAdapter>? All(ComponentFile file, ComponentTypes types, string worldFullName, out string? problem)
    {
        problem = null;
        var result = new List<ComponentAdapter>();
        foreach (DescribedAdapter adapter in file.Adapters)
        {
            DescribedStep? step = null;
            foreach (DescribedStep s in file.Plan)
            {
                step = s.Kind == "adapter" && s.Number == adapter.Number ? s : step;
            }

            string number = adapter.Number.ToString(CultureInfo.InvariantCulture);
            string typeName = "__IComposed" + number;
            string full = worldFullName + "." + typeName;
            ComponentInterface? callee = Side(adapter, types, typeName, full, "__Composed" + number + "Callee", isExport: true);
            ComponentInterface? caller = Side(adapter, types, typeName, full, "__Composed" + number + "Caller", isExport: false);
            if (step is null || callee is null || caller is null)
            {
                problem = types.Problem ?? $"the composed function '{adapter.Function.Name}' (adapter {number}) cannot be bound";
                return null;
            }

            result.Add(new ComponentAdapter(step, callee, caller));
        }

        return result;
    }

    private static ComponentInterface? Side(DescribedAdapter adapter, ComponentTypes types, string typeName, string full, string className, bool isExport)
    {
        MethodModel? method = ComponentBinding.Method(adapter.Function, types, full, isExport, 0, new HashSet<string>(), out string signature);
        if (method is null)
        {
            return null;
        }

        var module = new ModuleModel(
            isExport ? BindingKind.Exports : BindingKind.Imports, "composition", null, "Composition", full, className, "private",
            string.Empty, new[] { method }.ToEquatableArray(), EquatableArray<MemberStub>.Empty, EquatableArray<DiagnosticInfo>.Empty, true, null, CanonicalModule.Instance);
        return new ComponentInterface("composed " + adapter.Function.Name, isExport, typeName, full, module, isExport ? new List<DescribedLift> { adapter.Lift } : new List<DescribedLift>(), new List<string> { signature });
    }
}
