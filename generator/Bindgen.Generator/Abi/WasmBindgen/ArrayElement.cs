namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>Typed arrays: the glue's element names (<c>passArray32ToWasm0</c>, <c>getArrayF64FromWasm0</c>) against C# element types.</summary>
internal static class ArrayElement
{
    /// <summary>Whether a C# array code fits a <c>passArray{element}ToWasm0</c> argument (the helper is the same for signed and unsigned).</summary>
    public static bool Accepts(string element, string code) => element switch
    {
        "16" => code is "array:i16" or "array:u16",
        "32" => code is "array:i32" or "array:u32",
        "64" => code is "array:i64" or "array:u64",
        "F32" => code == "array:f32",
        "F64" => code == "array:f64",
        _ => false,
    };

    /// <summary>The C# code of a <c>getArray{element}FromWasm0</c> result.</summary>
    public static string? CodeOfResult(string element) => element switch
    {
        "I16" => "array:i16",
        "U16" => "array:u16",
        "I32" => "array:i32",
        "U32" => "array:u32",
        "I64" => "array:i64",
        "U64" => "array:u64",
        "F32" => "array:f32",
        "F64" => "array:f64",
        _ => null,
    };

    /// <summary>The C# element type and its size of an array code.</summary>
    public static (string Type, int Size) Of(string code) => code switch
    {
        "array:i16" => ("short", 2),
        "array:u16" => ("ushort", 2),
        "array:i32" => ("int", 4),
        "array:u32" => ("uint", 4),
        "array:i64" => ("long", 8),
        "array:u64" => ("ulong", 8),
        "array:f32" => ("float", 4),
        _ => ("double", 8),
    };
}
