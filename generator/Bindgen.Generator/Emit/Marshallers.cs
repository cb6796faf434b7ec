using System;
using Bindgen.Generator.Model;

namespace Bindgen.Generator.Emit;

/// <summary>
/// Emits the code for one parameter of one kind, stage by stage. A marshaller never decides when its
/// stages run: <see cref="StubEmitter"/> does, in the fixed order that is the pre-grow guard.
/// Views of guest memory are only ever taken inside the runtime's <c>GuestMemory</c> calls emitted here.
/// </summary>
internal abstract class ParameterMarshaller
{
    /// <summary>Argument checks and size computations; no guest calls.</summary>
    public virtual void EmitPrepare(IndentedWriter w, ParameterModel p)
    {
    }

    /// <summary>
    /// The length, in bytes, this parameter needs in the call's guest block (a local computed in
    /// <see cref="EmitPrepare"/>), or null when it passes by value.
    /// </summary>
    public virtual string? BlockLength(ParameterModel p) => null;

    /// <summary>Sets this parameter's guest address to its place at <paramref name="offset"/> (empty for 0) in the call's block.</summary>
    public virtual void EmitPlace(IndentedWriter w, ParameterModel p, string offset)
    {
    }

    /// <summary>Copies the argument into guest memory through a fresh view.</summary>
    public virtual void EmitWrite(IndentedWriter w, ParameterModel p)
    {
    }

    /// <summary>The wasm arguments, comma-separated.</summary>
    public abstract string Arguments(ParameterModel p);

    /// <summary>The wasm types of the arguments, comma-separated C# names.</summary>
    public abstract string WasmTypes { get; }

    /// <summary>The wasm signature fragment, comma-separated (i32, i64...).</summary>
    public abstract string WasmSignature { get; }

    /// <summary>Copies data back from guest memory after the call, through a fresh view.</summary>
    public virtual void EmitCopyBack(IndentedWriter w, ParameterModel p)
    {
    }


    public static ParameterMarshaller For(MarshalKind kind) => kind switch
    {
        MarshalKind.Int32 => ScalarMarshaller.Int32,
        MarshalKind.UInt32 => ScalarMarshaller.UInt32,
        MarshalKind.Int64 => ScalarMarshaller.Int64,
        MarshalKind.UInt64 => ScalarMarshaller.UInt64,
        MarshalKind.Single => ScalarMarshaller.Single,
        MarshalKind.Double => ScalarMarshaller.Double,
        MarshalKind.Boolean => ScalarMarshaller.Boolean,
        MarshalKind.Enum32 => ScalarMarshaller.Enum32,
        MarshalKind.Enum64 => ScalarMarshaller.Enum64,
        MarshalKind.Utf8String => BufferMarshaller.Utf8String,
        MarshalKind.ByteArray => BufferMarshaller.ByteArray,
        MarshalKind.ReadOnlyByteSpan => BufferMarshaller.ReadOnlyByteSpan,
        MarshalKind.ByteSpan => BufferMarshaller.ByteSpan,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No parameter marshaller for this kind."),
    };

    /// <summary>The name of a generated local for a parameter, e.g. <c>__text_length</c>.</summary>
    public static string Local(ParameterModel p, string suffix) => p.LocalPrefix + p.PlainName + "_" + suffix;
}

/// <summary>Scalars pass by value: one wasm value, a conversion at most.</summary>
internal sealed class ScalarMarshaller : ParameterMarshaller
{
    public static readonly ScalarMarshaller Int32 = new("int", "i32", "{0}", "{0}");
    public static readonly ScalarMarshaller UInt32 = new("int", "i32", "unchecked((int){0})", "unchecked((uint){0})");
    public static readonly ScalarMarshaller Int64 = new("long", "i64", "{0}", "{0}");
    public static readonly ScalarMarshaller UInt64 = new("long", "i64", "unchecked((long){0})", "unchecked((ulong){0})");
    public static readonly ScalarMarshaller Single = new("float", "f32", "{0}", "{0}");
    public static readonly ScalarMarshaller Double = new("double", "f64", "{0}", "{0}");
    public static readonly ScalarMarshaller Boolean = new("int", "i32", "({0} ? 1 : 0)", "({0} != 0)");
    public static readonly ScalarMarshaller Enum32 = new("int", "i32", "unchecked((int){0})", "unchecked(({1}){0})");
    public static readonly ScalarMarshaller Enum64 = new("long", "i64", "unchecked((long){0})", "unchecked(({1}){0})");

    private readonly string _toWasm;
    private readonly string _fromWasm;

    private ScalarMarshaller(string wasmType, string signature, string toWasm, string fromWasm)
    {
        WasmTypes = wasmType;
        WasmSignature = signature;
        _toWasm = toWasm;
        _fromWasm = fromWasm;
    }

    public override string WasmTypes { get; }

    public override string WasmSignature { get; }

    public override string Arguments(ParameterModel p) => ToWasm(p.Name);

    /// <summary>Converts a .NET expression to the wasm value type.</summary>
    public string ToWasm(string expression) => string.Format(_toWasm, expression);

    /// <summary>Converts a wasm result expression back to the .NET type.</summary>
    public string FromWasm(string expression, TypeModel type) => string.Format(_fromWasm, expression, type.FullName);
}

/// <summary>
/// Strings and byte buffers pass as (pointer, length) into the call's guest block, which the host allocates
/// with the guest's allocator and frees after the call. Span&lt;byte&gt; is also copied back after the call.
/// </summary>
internal sealed class BufferMarshaller : ParameterMarshaller
{
    public static readonly BufferMarshaller Utf8String = new(Kind.String);
    public static readonly BufferMarshaller ByteArray = new(Kind.Array);
    public static readonly BufferMarshaller ReadOnlyByteSpan = new(Kind.ReadOnlySpan);
    public static readonly BufferMarshaller ByteSpan = new(Kind.Span);

    private readonly Kind _kind;

    private BufferMarshaller(Kind kind) => _kind = kind;

    private enum Kind
    {
        String,
        Array,
        ReadOnlySpan,
        Span,
    }

    public override string? BlockLength(ParameterModel p) => Local(p, "length");

    public override string WasmTypes => "int, int";

    public override string WasmSignature => "i32, i32";

    public override void EmitPrepare(IndentedWriter w, ParameterModel p)
    {
        switch (_kind)
        {
            case Kind.String:
                w.Line($"if ({p.Name} is null) throw new global::System.ArgumentNullException({CSharpText.Literal(p.PlainName)});");
                w.Line($"int {Local(p, "length")} = global::Bindgen.GuestMemory.Utf8ByteCount({p.Name});");
                break;
            case Kind.Array:
                w.Line($"if ({p.Name} is null) throw new global::System.ArgumentNullException({CSharpText.Literal(p.PlainName)});");
                w.Line($"int {Local(p, "length")} = {p.Name}.Length;");
                break;
            default:
                w.Line($"int {Local(p, "length")} = {p.Name}.Length;");
                break;
        }

        w.Line($"int {Local(p, "address")} = 0;");
    }

    public override void EmitPlace(IndentedWriter w, ParameterModel p, string offset) =>
        // An empty buffer is passed as (0, 0) and takes no room (docs/abi.md, the empty-buffer rule).
        w.Line($"{Local(p, "address")} = {Local(p, "length")} == 0 ? 0 : {(offset.Length == 0 ? $"{p.LocalPrefix}block" : $"unchecked({p.LocalPrefix}block + {offset})")};");

    public override void EmitWrite(IndentedWriter w, ParameterModel p) =>
        w.Line(_kind == Kind.String
            ? $"this._memory.WriteUtf8({Local(p, "address")}, {Local(p, "length")}, {p.Name}, {p.LocalPrefix}operation);"
            : $"this._memory.Write({Local(p, "address")}, {p.Name}, {p.LocalPrefix}operation);");

    public override string Arguments(ParameterModel p) => $"{Local(p, "address")}, {Local(p, "length")}";

    public override void EmitCopyBack(IndentedWriter w, ParameterModel p)
    {
        if (_kind == Kind.Span)
        {
            w.Line($"this._memory.ReadInto({Local(p, "address")}, {p.Name}, {p.LocalPrefix}operation);");
        }
    }
}
