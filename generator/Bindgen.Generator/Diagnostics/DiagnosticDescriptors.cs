using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Bindgen.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports (BG0xxx), in one catalog.</summary>
internal static class DiagnosticDescriptors
{
    public const string HelpLinkBase = "https://github.com/bindgen-dotnet/bindgen/blob/main/docs/diagnostics/";
    private const string Category = "Bindgen.Generator";

    public const string SupportedTypes =
        "int, uint, long, ulong, float, double, bool, enums over int/uint/long/ulong, string, byte[], "
        + "ReadOnlySpan<byte>, Span<byte> (parameters); void, the same primitives and enums, string, byte[] (returns)";

    public static readonly DiagnosticDescriptor UnsupportedType = Create(
        "BG0001",
        "Unsupported type in a WebAssembly binding",
        "{0} '{1}' of '{2}' has type '{3}', which Bindgen cannot pass to WebAssembly; supported: {4}");

    public static readonly DiagnosticDescriptor DuplicateExportName = Create(
        "BG0002",
        "Two methods bind the same export or import",
        "Method '{0}' binds {1} '{2}', which method '{3}' already binds; give one of them another name with [WasmExport] or [WasmImport]");

    public static readonly DiagnosticDescriptor InvalidExportName = Create(
        "BG0003",
        "Invalid export, import or module name",
        "'{0}' is not a valid WebAssembly name: {1}");

    public static readonly DiagnosticDescriptor NotAnInterface = Create(
        "BG0004",
        "Binding attributes must be on an interface",
        "'{0}' is a {1}; {2} must be placed on an interface");

    public static readonly DiagnosticDescriptor GenericInterface = Create(
        "BG0005",
        "Generic binding interfaces are not supported",
        "'{0}' is generic; WebAssembly functions have fixed types, so binding interfaces cannot have type parameters");

    public static readonly DiagnosticDescriptor TooManyParameters = Create(
        "BG0006",
        "Too many WebAssembly parameters",
        "Method '{0}' needs {1} WebAssembly parameters (strings and buffers take two, a string or byte[] result one more); at most {2} are supported for an {3}");

    public static readonly DiagnosticDescriptor UnsupportedMember = Create(
        "BG0007",
        "Unsupported interface member",
        "'{0}' is a {1}; a {2} interface may only declare methods (generic methods and ref/out/in parameters are not supported)");

    public static readonly DiagnosticDescriptor NestedInterface = Create(
        "BG0008",
        "Nested binding interfaces are not supported",
        "'{0}' is nested in '{1}'; declare binding interfaces at namespace level");

    public static readonly DiagnosticDescriptor InternalError = Create(
        "BG0099",
        "Bindgen could not generate a binding",
        "Bindgen could not generate the binding for '{0}': {1}. Please report this with the interface's source.");

    public static IReadOnlyDictionary<string, DiagnosticDescriptor> ById { get; } =
        new[] { UnsupportedType, DuplicateExportName, InvalidExportName, NotAnInterface, GenericInterface, TooManyParameters, UnsupportedMember, NestedInterface, InternalError }
            .ToDictionary(d => d.Id);

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
