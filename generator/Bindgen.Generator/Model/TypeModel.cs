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
    Struct,
    CString,
    ImportContext,
    Tuple,
}

/// <summary>How a parameter is passed in C#: by value, or by reference (<c>ref</c>, <c>out</c>, <c>in</c>).</summary>
internal enum Passing
{
    Value,
    Ref,
    Out,
    In,
    RefReadonly,
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

    /// <summary>A host reference (wasm-bindgen's JavaScript values in a reference-types build).</summary>
    Externref,
}

/// <summary>A type as the emitter needs it: its shape, its scalar or element kind, and its fully qualified C# spelling.</summary>
/// <param name="Shape">The shape.</param>
/// <param name="Element">The scalar kind of a scalar, or the element kind of an array of scalars.</param>
/// <param name="FullName">The fully qualified C# type.</param>
/// <param name="Memory">How one value (of a scalar or struct), or one element (of an array), lies in guest memory; null for strings.</param>
/// <param name="IsNullable">A <c>string?</c>, <c>byte[]?</c> or <c>T[]?</c>: null passes the null pointer, distinct from empty.</param>
/// <param name="Owned">A C string result the caller must free (<c>[return: CString(Owned = true)]</c>).</param>
/// <param name="OutOnly">An <c>[Out] Span&lt;T&gt;</c>: a caller-allocated output buffer, copied back but not in.</param>
/// <param name="Elements">A value tuple of scalars (a multi-value result): its elements, each a scalar.</param>
internal sealed record TypeModel(TypeShape Shape, ScalarKind Element, string FullName, MemoryLayout? Memory = null, bool IsNullable = false, bool Owned = false, bool OutOnly = false,
    EquatableArray<TypeModel> Elements = default);

/// <summary>
/// One value in guest memory, as clang's wasm32 C ABI lays it out: the C# type that holds it, its size and alignment,
/// and, for a struct that C passes as one scalar (a single field, recursively), that scalar.
/// </summary>
/// <param name="TypeName">The fully qualified C# type of the value or element.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Alignment">Its alignment in bytes.</param>
/// <param name="IsStruct">Whether it is a struct (checked at binding creation with CLayout).</param>
/// <param name="Singleton">For a struct of one scalar field (recursively): that field's scalar kind; else None.</param>
/// <param name="SingletonType">The C# type of that field.</param>
internal sealed record MemoryLayout(string TypeName, int Size, int Alignment, bool IsStruct, ScalarKind Singleton = ScalarKind.None, string? SingletonType = null);
