namespace Bindgen.Generator.Model;

/// <summary>The shape of a type at the boundary; with <see cref="ScalarKind"/>, what picks its marshaller.</summary>
internal enum TypeShape
{
    Void,
    Scalar,
    Utf8String,
    Array,
    ReadOnlySpan,
    Span,
}

/// <summary>A scalar type, or the element type of an array or span (see <c>Marshalling.ScalarInfo</c>).</summary>
internal enum ScalarKind
{
    None,
    SByte,
    Byte,
    Int16,
    UInt16,
    Char,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Boolean,
    Enum32,
    Enum64,
}

/// <summary>The wasm value types a signature is lowered to.</summary>
internal enum WasmType
{
    I32,
    I64,
    F32,
    F64,
}

/// <summary>A type as the emitter needs it: its shape, its scalar or element kind, and its fully qualified C# spelling.</summary>
internal sealed record TypeModel(TypeShape Shape, ScalarKind Element, string FullName);
