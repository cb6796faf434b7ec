using Bindgen.Generator.Emit;

namespace Bindgen.Generator.Abi.Component;

/// <summary>
/// The WASI host tier (docs/components.md, "WASI", tier 2): the whole plan runs on core Wasmtime, and each lowered
/// WASI function and each <c>resource.drop</c> of a WASI resource is bound to the runtime's <c>WasiHost</c>, with the
/// memory and realloc its <c>canon lower</c> names.
/// </summary>
internal static partial class ComponentEmitter
{
    private const string WasiHostClass = "global::Bindgen.Internals.WasiHost";

    private static bool IsWasiLowering(ComponentFile file, DescribedStep step) =>
        file.Wasi is { Host: true } && step.Kind == "lower" && step.Interface is { } name && name.StartsWith("wasi:", System.StringComparison.Ordinal);

    private static void EmitWasiHost(IndentedWriter w, ComponentFile file)
    {
        if (file.Wasi is { Host: true })
        {
            w.Line($"var __wasi = new {WasiHostClass}(__c, wasi);");
        }
    }

    private static void EmitWasiLowering(IndentedWriter w, DescribedStep step)
    {
        string memory = step.Memory is null ? "-1, null" : $"{ExportOf(step.Memory).Instance}, {ExportOf(step.Memory).Name}";
        string realloc = step.Realloc is null ? "-1, null" : $"{ExportOf(step.Realloc).Instance}, {ExportOf(step.Realloc).Name}";
        w.Line($"global::Wasmtime.Function __lowered{Number(step.Number)} = __wasi.Lower({Number(step.Number)}, {CSharpText.Literal(step.Interface!)}, {CSharpText.Literal(step.Function ?? string.Empty)}, {memory}, {realloc});");
    }

    /// <summary>A <c>wasi-drop interface resource</c> core definition as the host's drop function, or null.</summary>
    private static string? WasiDrop(string definition)
    {
        string[] parts = definition.Split(' ');
        return parts.Length == 3 && parts[0] == "wasi-drop"
            ? $"__wasi.Drop({CSharpText.Literal(global::Bindgen.Generator.Check.ModuleDescription.Unescape(parts[1]))}, {CSharpText.Literal(global::Bindgen.Generator.Check.ModuleDescription.Unescape(parts[2]))})"
            : null;
    }

    private static string? WasiDrop(ComponentFile file, string definition) => file.Wasi is { Host: true } ? WasiDrop(definition) : null;
}
