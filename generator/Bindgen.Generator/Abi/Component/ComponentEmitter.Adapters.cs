using System.Collections.Generic;
using Bindgen.Generator.Abi.Canonical;
using Bindgen.Generator.Emit;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.Component;

/// <summary>The fused adapters of a composed component (see <see cref="ComponentAdapter"/>).</summary>
internal static partial class ComponentEmitter
{
    /// <summary>Per adapter: its private interface, the callee's glue implementing it, and the caller's lowering calling it.</summary>
    private static void EmitAdapters(IndentedWriter w, ComponentFile file, List<ComponentAdapter> adapters, CanonicalCodec codec)
    {
        foreach (ComponentAdapter adapter in adapters)
        {
            MethodModel method = adapter.Caller.Module.Methods[0];
            w.Line($"/// <summary>The composed function <c>{CSharpText.DocText(adapter.Callee.WitSignatures[0])}</c>: lifted by one inner component, lowered into another.</summary>");
            w.Open($"private interface {adapter.Callee.TypeName}");
            w.Line($"{method.ReturnType.FullName} {method.Identifier}({Parameters(method)});");
            w.Close();
            w.Line();
            EmitCore(w, file, adapter.Callee, definesResources: false, implements: adapter.Callee.TypeName);
            EmitLowering(w, codec, adapter.Caller, method, adapter.Step);
        }
    }

    /// <summary>The callee's side of adapter <paramref name="step"/>, as <c>Instantiate</c> creates it (its core instances exist by then).</summary>
    private static string AdapterCallee(DescribedStep step) =>
        $"new __Composed{Number(step.Number)}Callee(__c)";
}
