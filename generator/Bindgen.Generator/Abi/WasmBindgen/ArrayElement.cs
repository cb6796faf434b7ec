namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>Typed arrays: the glue's element names (<c>passArray32ToWasm0</c>, <c>getArrayF64FromWasm0</c>) against C# element types.</summary>
internal static class ArrayElement
{
    /// <summary>Whether a C# array type fits a <c>passArray{element}ToWasm0</c> argument (the helper is the same for signed and unsigned).</summary>
    public static bool Accepts(string element, WasmBindgenType type) => element switch
    {
        "16" => type is WasmBindgenType.ArrayI16 or WasmBindgenType.ArrayU16,
        "32" => type is WasmBindgenType.ArrayI32 or WasmBindgenType.ArrayU32,
        "64" => type is WasmBindgenType.ArrayI64 or WasmBindgenType.ArrayU64,
        "F32" => type == WasmBindgenType.ArrayF32,
        "F64" => type == WasmBindgenType.ArrayF64,
        _ => false,
    };

    /// <summary>The C# type of a <c>getArray{element}FromWasm0</c> result.</summary>
    public static WasmBindgenType? TypeOfResult(string element) => element switch
    {
        "I16" => WasmBindgenType.ArrayI16,
        "U16" => WasmBindgenType.ArrayU16,
        "I32" => WasmBindgenType.ArrayI32,
        "U32" => WasmBindgenType.ArrayU32,
        "I64" => WasmBindgenType.ArrayI64,
        "U64" => WasmBindgenType.ArrayU64,
        "F32" => WasmBindgenType.ArrayF32,
        "F64" => WasmBindgenType.ArrayF64,
        _ => null,
    };

    /// <summary>The C# types an <c>Option&lt;u32&gt;</c> or <c>Option&lt;i32&gt;</c> argument (element <c>u32</c> or <c>i32</c>) accepts.</summary>
    public static bool AcceptsOptionalInt(string? element, WasmBindgenType type) => element switch
    {
        "u32" => type is WasmBindgenType.U32 or WasmBindgenType.NullableU32,
        "i32" => type is WasmBindgenType.I32 or WasmBindgenType.NullableI32,
        "24" => type is WasmBindgenType.I32 or WasmBindgenType.NullableI32 or WasmBindgenType.U32 or WasmBindgenType.NullableU32,
        _ => false,
    };
}
