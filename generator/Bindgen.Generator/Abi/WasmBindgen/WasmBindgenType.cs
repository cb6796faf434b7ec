using Bindgen.Generator.Model;

namespace Bindgen.Generator.Abi.WasmBindgen;

/// <summary>The C# types a wasm-bindgen method may declare, as the binder matches them against the glue.</summary>
internal enum WasmBindgenType
{
    /// <summary>No result.</summary>
    Void,

    /// <summary><c>int</c>.</summary>
    I32,

    /// <summary><c>uint</c>.</summary>
    U32,

    /// <summary><c>long</c>.</summary>
    I64,

    /// <summary><c>ulong</c>.</summary>
    U64,

    /// <summary><c>float</c>.</summary>
    F32,

    /// <summary><c>double</c>.</summary>
    F64,

    /// <summary><c>bool</c>.</summary>
    Bool,

    /// <summary><c>bool?</c> (parameters only).</summary>
    NullableBool,

    /// <summary><c>int?</c> (parameters only).</summary>
    NullableI32,

    /// <summary><c>uint?</c> (parameters only).</summary>
    NullableU32,

    /// <summary><c>string</c>.</summary>
    String,

    /// <summary><c>string?</c>.</summary>
    NullableString,

    /// <summary><c>object</c>: a JavaScript value.</summary>
    Js,

    /// <summary><c>byte[]</c> (or <c>ReadOnlySpan&lt;byte&gt;</c> as a parameter): a <c>Uint8Array</c>.</summary>
    Bytes,

    /// <summary><c>short[]</c>: an <c>Int16Array</c>.</summary>
    ArrayI16,

    /// <summary><c>ushort[]</c>: a <c>Uint16Array</c>.</summary>
    ArrayU16,

    /// <summary><c>int[]</c>: an <c>Int32Array</c>.</summary>
    ArrayI32,

    /// <summary><c>uint[]</c>: a <c>Uint32Array</c>.</summary>
    ArrayU32,

    /// <summary><c>long[]</c>: a <c>BigInt64Array</c>.</summary>
    ArrayI64,

    /// <summary><c>ulong[]</c>: a <c>BigUint64Array</c>.</summary>
    ArrayU64,

    /// <summary><c>float[]</c>: a <c>Float32Array</c>.</summary>
    ArrayF32,

    /// <summary><c>double[]</c>: a <c>Float64Array</c>.</summary>
    ArrayF64,

    /// <summary><c>string[]</c> (results only).</summary>
    StringArray,

    /// <summary>An interface nested in the binding interface, deriving <c>IDisposable</c>: an instance of an exported class.</summary>
    Instance,

    /// <summary><c>long?</c> (parameters only).</summary>
    NullableI64,

    /// <summary><c>ulong?</c> (parameters only).</summary>
    NullableU64,

    /// <summary><c>float?</c> (parameters only).</summary>
    NullableF32,

    /// <summary><c>double?</c> (parameters only).</summary>
    NullableF64,

    /// <summary>A record, class, struct, dictionary or sequence: a JavaScript object or array (its <c>JsShape</c> says how).</summary>
    Structured,
}

/// <summary>What the binder and the emitter ask of a <see cref="WasmBindgenType"/>.</summary>
internal static class WasmBindgenTypes
{
    /// <summary>A JavaScript number: an integer or a float.</summary>
    public static bool IsNumber(this WasmBindgenType type) => type is >= WasmBindgenType.I32 and <= WasmBindgenType.F64;

    /// <summary>A typed array other than bytes.</summary>
    public static bool IsTypedArray(this WasmBindgenType type) => type is >= WasmBindgenType.ArrayI16 and <= WasmBindgenType.ArrayF64;

    /// <summary>The C# element type of a typed array, and its size.</summary>
    public static (string Type, int Size) Element(this WasmBindgenType type) => type switch
    {
        WasmBindgenType.ArrayI16 => ("short", 2),
        WasmBindgenType.ArrayU16 => ("ushort", 2),
        WasmBindgenType.ArrayI32 => ("int", 4),
        WasmBindgenType.ArrayU32 => ("uint", 4),
        WasmBindgenType.ArrayI64 => ("long", 8),
        WasmBindgenType.ArrayU64 => ("ulong", 8),
        WasmBindgenType.ArrayF32 => ("float", 4),
        _ => ("double", 8),
    };

    /// <summary>A nullable number: <c>int?</c>, <c>uint?</c>, <c>long?</c>, <c>ulong?</c>, <c>float?</c> or <c>double?</c>.</summary>
    public static bool IsNullableNumber(this WasmBindgenType type) =>
        type is WasmBindgenType.NullableI32 or WasmBindgenType.NullableU32 or >= WasmBindgenType.NullableI64;

    /// <summary>The wasm type a number or boolean (or a nullable number's value) crosses as.</summary>
    public static WasmType CrossesAs(this WasmBindgenType type) => type switch
    {
        WasmBindgenType.I64 or WasmBindgenType.U64 or WasmBindgenType.NullableI64 or WasmBindgenType.NullableU64 => WasmType.I64,
        WasmBindgenType.F32 or WasmBindgenType.NullableF32 => WasmType.F32,
        WasmBindgenType.F64 or WasmBindgenType.NullableF64 => WasmType.F64,
        _ => WasmType.I32,
    };

    /// <summary>The type as C# spells it, for messages.</summary>
    public static string Display(this WasmBindgenType type) => type switch
    {
        WasmBindgenType.Void => "void",
        WasmBindgenType.I32 => "int",
        WasmBindgenType.U32 => "uint",
        WasmBindgenType.I64 => "long",
        WasmBindgenType.U64 => "ulong",
        WasmBindgenType.F32 => "float",
        WasmBindgenType.F64 => "double",
        WasmBindgenType.Bool => "bool",
        WasmBindgenType.NullableBool => "bool?",
        WasmBindgenType.NullableI32 => "int?",
        WasmBindgenType.NullableU32 => "uint?",
        WasmBindgenType.NullableI64 => "long?",
        WasmBindgenType.NullableU64 => "ulong?",
        WasmBindgenType.NullableF32 => "float?",
        WasmBindgenType.NullableF64 => "double?",
        WasmBindgenType.String => "string",
        WasmBindgenType.NullableString => "string?",
        WasmBindgenType.Js => "object",
        WasmBindgenType.Bytes => "byte[]",
        WasmBindgenType.StringArray => "string[]",
        WasmBindgenType.Instance => "a class instance",
        WasmBindgenType.Structured => "a structured value (an object or array)",
        _ => type.Element().Type + "[]",
    };
}
