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
        "Two methods call the same export",
        "Method '{0}' calls export '{1}', which method '{2}' already calls; give one of them another [WasmExport] name");

    public static readonly DiagnosticDescriptor InvalidExportName = Create(
        "BG0003",
        "Invalid export name",
        "'{0}' is not a valid export name: {1}");

    public static readonly DiagnosticDescriptor NotAnInterface = Create(
        "BG0004",
        "[WasmModule] must be on an interface",
        "'{0}' is a {1}; [WasmModule] describes a module's exports and must be placed on an interface");

    public static readonly DiagnosticDescriptor GenericInterface = Create(
        "BG0005",
        "Generic binding interfaces are not supported",
        "'{0}' is generic; a WebAssembly module's exports have fixed types, so [WasmModule] interfaces cannot have type parameters");

    public static readonly DiagnosticDescriptor TooManyParameters = Create(
        "BG0006",
        "Too many WebAssembly parameters",
        "Method '{0}' needs {1} WebAssembly parameters (strings and buffers take two, a string or byte[] result one more); at most 16 are supported");

    public static readonly DiagnosticDescriptor UnsupportedMember = Create(
        "BG0007",
        "Unsupported interface member",
        "'{0}' is a {1}; a [WasmModule] interface may only declare methods (generic methods and ref/out/in parameters are not supported)");

    public static readonly DiagnosticDescriptor NestedInterface = Create(
        "BG0008",
        "Nested binding interfaces are not supported",
        "'{0}' is nested in '{1}'; declare the [WasmModule] interface at namespace level");

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
