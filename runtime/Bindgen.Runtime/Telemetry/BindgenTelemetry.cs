using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Bindgen;

/// <summary>
/// The names of Bindgen's telemetry (docs/telemetry.md): one <see cref="ActivitySource"/> and one <see cref="Meter"/>,
/// both named <see cref="Name"/>. Subscribe with <c>AddSource("Bindgen")</c> and <c>AddMeter("Bindgen")</c> in
/// OpenTelemetry, or with an <see cref="ActivityListener"/> / <see cref="MeterListener"/>. Nothing is recorded, and a
/// call pays two field reads, while nobody listens.
/// </summary>
public static class BindgenTelemetry
{
    /// <summary>The name of the activity source and of the meter: "Bindgen".</summary>
    public const string Name = "Bindgen";

    /// <summary>Tag: the binding (the C# interface's name) of the module or component called.</summary>
    public const string ModuleTag = "bindgen.module";

    /// <summary>Tag: the binding method called.</summary>
    public const string FunctionTag = "bindgen.function";

    /// <summary>Tag: the export (core export name, or WIT function) the method calls.</summary>
    public const string ExportTag = "bindgen.export";

    /// <summary>Span tag: the fuel the call consumed, on stores whose engine consumes fuel.</summary>
    public const string FuelConsumedTag = "bindgen.fuel.consumed";

    /// <summary>Tag: the full name of the exception a failed call ended with (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>Tag of <c>bindgen.guest.bytes_copied</c>: <c>to_guest</c> or <c>from_guest</c>.</summary>
    public const string DirectionTag = "bindgen.direction";

    internal static readonly ActivitySource Source = TelemetryChecks.Source = new(Name, typeof(BindgenTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(Name, typeof(BindgenTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> Calls = TelemetryChecks.Calls =
        Meter.CreateCounter<long>("bindgen.guest.calls", "{call}", "Guest calls made through generated bindings, failed ones included.");

    internal static readonly Histogram<double> Duration = TelemetryChecks.Duration =
        Meter.CreateHistogram<double>("bindgen.guest.call.duration", "s", "Duration of guest calls, marshalling included.");

    internal static readonly Counter<long> Traps =
        Meter.CreateCounter<long>("bindgen.guest.traps", "{trap}", "Guest calls that ended in a trap, exhausted fuel or an abort.");

    internal static readonly Counter<long> Cancellations =
        Meter.CreateCounter<long>("bindgen.guest.cancellations", "{call}", "Guest calls stopped by their CancellationToken.");

    internal static readonly Counter<long> BytesCopied = TelemetryChecks.BytesCopied =
        Meter.CreateCounter<long>("bindgen.guest.bytes_copied", "By", "Bytes copied between .NET and guest memory by the binding's copies.");

    internal static readonly Histogram<long> MemorySize = TelemetryChecks.MemorySize =
        Meter.CreateHistogram<long>("bindgen.guest.memory.size", "By", "Size of the called instance's linear memory after each call.");

    /// <summary>Makes sure the instruments exist (and <see cref="TelemetryChecks"/> holds them) before a binding's first call.</summary>
    internal static void EnsureCreated() => GC.KeepAlive(Source);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void RecordCopy(int bytes, bool toGuest) =>
        BytesCopied.Add(bytes, new KeyValuePair<string, object?>(DirectionTag, toGuest ? "to_guest" : "from_guest"));
}
