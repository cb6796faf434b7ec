using System.Linq;

namespace Bindgen.Generator.Model;

/// <summary>
/// A method's wasm signature under its ABI, computed once when the method is parsed: every wasm parameter,
/// injected ones included (a return area is the last parameter in the C convention), and the results.
/// Emit, signature checks and diagnostics all read this one value.
/// </summary>
/// <param name="Parameters">The wasm parameters, in order.</param>
/// <param name="Results">The wasm results (none or one).</param>
/// <param name="ReturnArea">Whether the last parameter is a return area the host reserves.</param>
/// <param name="ResultPointer">Whether the first parameter points at room the host reserves for a struct result (clang's <c>sret</c>).</param>
internal sealed record LoweredSignature(EquatableArray<WasmType> Parameters, EquatableArray<WasmType> Results, bool ReturnArea, bool ResultPointer = false)
{
    /// <summary>The signature as the runtime formats it: <c>(i32, i32) -&gt; i32</c>, <c>() -&gt; ()</c>.</summary>
    public string Text =>
        "(" + string.Join(", ", Parameters.Select(Name)) + ") -> "
        + (Results.Count == 1 ? Name(Results[0]) : "(" + string.Join(", ", Results.Select(Name)) + ")");

    /// <summary>The most parameters Wasmtime's typed delegates take; longer signatures are called untyped.</summary>
    public const int MaxTypedParameters = 16;

    /// <summary>Whether the export is called through Wasmtime's typed delegates (at most 16 parameters).</summary>
    public bool IsTyped => Parameters.Count <= MaxTypedParameters;

    /// <summary>The C# types of the wasm parameters, as Wasmtime's typed delegates take them.</summary>
    public string[] ParameterClrTypes => Parameters.Select(ClrType).ToArray();

    /// <summary>
    /// The C# type of the wasm results as Wasmtime's typed delegates return them: the one result's type, a value tuple
    /// for several (wasm-bindgen's multi-value returns; the C and canonical ABIs lower to one result at most), or null.
    /// </summary>
    public string? ResultClrType => Results.Count switch
    {
        0 => null,
        1 => ClrType(Results[0]),
        _ => "(" + string.Join(", ", Results.Select(ClrType)) + ")",
    };

    public static string Name(WasmType type) => type switch
    {
        WasmType.I32 => "i32",
        WasmType.I64 => "i64",
        WasmType.F32 => "f32",
        WasmType.Externref => "externref",
        _ => "f64",
    };

    public static string ClrType(WasmType type) => type switch
    {
        WasmType.I32 => "int",
        WasmType.I64 => "long",
        WasmType.F32 => "float",
        WasmType.Externref => "object",
        _ => "double",
    };
}
