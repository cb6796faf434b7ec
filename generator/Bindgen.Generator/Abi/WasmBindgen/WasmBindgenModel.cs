using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>What only the wasm-bindgen ABI reads of a binding: the glue it names and, once bound, the glue as read.</summary>
/// <param name="Glue">[WasmModule(Glue = ...)] reduced to its file name; null when not given.</param>
/// <param name="GlueLocation">Where Glue is given (else the interface's name).</param>
/// <param name="Bound">The glue as read, once bound (the emitter reads its module-wide facts).</param>
internal sealed record WasmBindgenModule(string? Glue, LocationInfo? GlueLocation, GlueModel? Bound = null) : ModuleAbi(AbiKind.WasmBindgen);

/// <summary>A wasm-bindgen method: the C# type of each parameter and the result, and how the export name was given.</summary>
/// <param name="Parameters">The parameters' types.</param>
/// <param name="Result">The result's type, <see cref="WasmBindgenType.Void"/> for none.</param>
/// <param name="NameGiven">Whether [WasmExport] names the JavaScript function (else camelCase, then snake_case, is looked up).</param>
/// <param name="SnakeName">The method's name in snake_case, the fallback name.</param>
/// <param name="Export">The glue's wrapper, once bound.</param>
internal sealed record WasmBindgenSignature(EquatableArray<WasmBindgenType> Parameters, WasmBindgenType Result, bool NameGiven, string SnakeName, GlueExport? Export = null) : MethodAbi;

/// <summary>Typed access to the wasm-bindgen parts of the model.</summary>
internal static class WasmBindgenModelAccess
{
    /// <summary>The binding's wasm-bindgen part.</summary>
    public static WasmBindgenModule WasmBindgen(this ModuleModel module) => (WasmBindgenModule)module.Abi;

    /// <summary>The method's wasm-bindgen part.</summary>
    public static WasmBindgenSignature WasmBindgen(this MethodModel method) => (WasmBindgenSignature)method.Abi;
}
