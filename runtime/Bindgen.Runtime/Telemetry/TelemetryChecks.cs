using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Bindgen;

/// <summary>
/// The telemetry checks every call makes while nobody listens, over the instruments of <see cref="BindgenTelemetry"/>.
/// The fields are filled by <see cref="BindgenTelemetry"/>'s initializers, and this class has no static constructor of
/// its own: NativeAOT reads them with no class-initialization check, which it makes on every read of a field of a class
/// that has one (docs/benchmarks.md, "The release path"). Only <see cref="Internals.StoreGate"/> and
/// <see cref="GuestMemory"/> read them, and both call <see cref="BindgenTelemetry.EnsureCreated"/> when they are made.
/// </summary>
internal static class TelemetryChecks
{
    internal static ActivitySource Source = null!;
    internal static Counter<long> Calls = null!;
    internal static Histogram<double> Duration = null!;
    internal static Counter<long> BytesCopied = null!;
    internal static Histogram<long> MemorySize = null!;

    /// <summary>Whether a call should be observed: a span or a per-call metric has a listener.</summary>
    internal static bool CallsObserved
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Duration.Enabled || Calls.Enabled || MemorySize.Enabled || Source.HasListeners();
    }

    /// <summary>Counts bytes copied to or from guest memory, when someone listens.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Copied(int bytes, bool toGuest)
    {
        if (BytesCopied.Enabled)
        {
            BindgenTelemetry.RecordCopy(bytes, toGuest);
        }
    }
}
