using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Bindgen.Hosting;

/// <summary>
/// A pool's metrics, on a meter named "Bindgen" like the runtime's (docs/telemetry.md): its live instances and active
/// leases, observed when a listener collects, and the rents that had to wait for a free lease, with how long. One
/// meter per pool, disposed with it, so a disposed pool's instruments stop reporting.
/// </summary>
internal sealed class PoolTelemetry : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _waits;
    private readonly Histogram<double> _waitDuration;
    private readonly KeyValuePair<string, object?> _module;

    public PoolTelemetry(string module, Func<int> liveInstances, Func<int> activeLeases)
    {
        _module = new KeyValuePair<string, object?>(BindgenTelemetry.ModuleTag, module);
        _meter = new Meter(BindgenTelemetry.Name);
        _meter.CreateObservableUpDownCounter(
            "bindgen.pool.instances", () => new Measurement<int>(liveInstances(), _module), "{instance}", "Stores a pool holds, leased and idle.");
        _meter.CreateObservableUpDownCounter(
            "bindgen.pool.leases.active", () => new Measurement<int>(activeLeases(), _module), "{lease}", "Leases handed out and not yet returned.");
        _waits = _meter.CreateCounter<long>("bindgen.pool.waits", "{rent}", "Rents that waited because MaxConcurrentLeases were out.");
        _waitDuration = _meter.CreateHistogram<double>("bindgen.pool.wait.duration", "s", "How long rents that waited for a lease waited.");
    }

    /// <summary>Whether a wait needs timing: someone listens to the wait metrics.</summary>
    public bool WaitsObserved => _waits.Enabled || _waitDuration.Enabled;

    /// <summary>Records a rent that waited since <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Waited(long started)
    {
        _waits.Add(1, _module);
        _waitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _module);
    }

    public void Dispose() => _meter.Dispose();
}
