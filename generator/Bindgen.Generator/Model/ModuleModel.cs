using Microsoft.CodeAnalysis.Text;

namespace Bindgen.Generator.Model;

/// <summary>How one .NET type crosses the boundary; each kind has one marshaller in Emit.</summary>
internal enum MarshalKind
{
    Void,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Boolean,
    Enum32,
    Enum64,
    Utf8String,
    ReadOnlyByteSpan,
    ByteArray,
    ByteSpan,
}

/// <summary>Which side of the boundary an interface describes.</summary>
internal enum BindingKind
{
    /// <summary>[WasmModule]: the guest's exports, called by the host.</summary>
    Exports,

    /// <summary>[WasmImports]: host functions, called by the guest.</summary>
    Imports,
}

/// <summary>
/// One [WasmModule] or [WasmImports] interface, as plain data. <see cref="Initialize"/> is
/// [WasmModule(Initialize = ...)]: null when not given (the runtime then calls <c>_initialize</c> if exported).
/// </summary>
internal sealed record ModuleModel(
    BindingKind Kind,
    string? ImportModule,
    string? Namespace,
    string InterfaceName,
    string InterfaceFullName,
    string ClassName,
    string Accessibility,
    string HintName,
    EquatableArray<MethodModel> Methods,
    EquatableArray<DiagnosticInfo> Diagnostics,
    string? Initialize = null)
{
    public bool HasErrors => Diagnostics.Count > 0;
}

/// <summary>One method of a binding interface and the export it calls (or the import it provides).</summary>
internal sealed record MethodModel(
    string Name,
    string ExportName,
    EquatableArray<ParameterModel> Parameters,
    TypeModel ReturnType);

/// <summary>A parameter: its escaped C# name and its type.</summary>
internal sealed record ParameterModel(string Name, TypeModel Type);

/// <summary>A type as the emitter needs it: its marshalling kind and fully qualified C# spelling.</summary>
internal sealed record TypeModel(MarshalKind Kind, string FullName);

/// <summary>A diagnostic as data: descriptor id, message arguments and a source location.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArgs);

/// <summary>A source location as data, so models never hold syntax trees.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan);
