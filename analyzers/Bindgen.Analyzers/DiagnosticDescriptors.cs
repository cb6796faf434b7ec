using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Bindgen.Analyzers;

/// <summary>Every diagnostic the analyzer reports (BG1xxx), in one catalog.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>Each diagnostic's help page is <c>HelpLinkBase + id + ".md"</c>.</summary>
    public const string HelpLinkBase = "https://github.com/bindgen-dotnet/bindgen/blob/main/docs/diagnostics/";

    public const string Category = "Bindgen.Safety";

    public const string StaleViewId = "BG1001";
    public const string EscapingAddressId = "BG1002";
    public const string ViewPassedToGrowingCallId = "BG1003";

    /// <summary>BG1001 property: the name of the call that may grow guest memory (also the additional location).</summary>
    public const string GrowNameProperty = "GrowName";

    /// <summary>BG1003 property, present when the argument can be replaced by a host copy (the parameter is a ReadOnlySpan).</summary>
    public const string CopyableProperty = "Copyable";

    /// <summary>BG1001: a guest-memory view is used after a call that may grow guest memory.</summary>
    public static readonly DiagnosticDescriptor StaleView = Create(
        StaleViewId,
        "Guest-memory view used after a call that may grow guest memory",
        "Guest-memory view '{0}' is used after '{1}' may have grown guest memory; re-fetch the view after the call",
        "A span or pointer into WebAssembly linear memory is valid only until the next call that may grow that memory "
        + "(a guest export, Memory.Grow, an allocator). When the engine moves the memory to grow it, the old view points "
        + "at freed native memory. Take a fresh view after the call.");

    /// <summary>BG1002: a guest-memory address escapes the code that took it.</summary>
    public static readonly DiagnosticDescriptor EscapingAddress = Create(
        EscapingAddressId,
        "Guest-memory address escapes",
        "Guest-memory address '{0}' escapes: it is {1}; it dies at the next call that may grow guest memory, so keep the guest offset instead",
        "A pointer or address into WebAssembly linear memory (from Memory.GetPointer, or a view converted to a pointer) "
        + "is valid only until the next call that may grow that memory. Storing it in a field, returning it or capturing "
        + "it in a lambda lets it outlive that call. Keep the guest offset and take a fresh view where it is used.");

    /// <summary>BG1003: a guest-memory view is passed to a call that may grow guest memory before reading it.</summary>
    public static readonly DiagnosticDescriptor ViewPassedToGrowingCall = Create(
        ViewPassedToGrowingCallId,
        "Guest-memory view passed to a call that may grow guest memory",
        "Guest-memory view '{0}' is passed to '{1}', which may grow guest memory before it reads the view; copy the data to a host buffer first",
        "A call that may grow guest memory (a generated binding, an allocator, a method that calls into the guest) may read "
        + "a span argument after its own guest calls, when the memory may have moved: the span then points at freed native "
        + "memory. Pass a host copy of guest data (ToArray(), a pooled buffer) instead of a view of guest memory.");

    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(StaleView, EscapingAddress, ViewPassedToGrowingCall);

    private static DiagnosticDescriptor Create(string id, string title, string message, string description) =>
        new(
            id,
            title,
            message,
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLinkBase + id + ".md");
}
