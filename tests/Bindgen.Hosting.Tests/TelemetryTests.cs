using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bindgen;
using Bindgen.Hosting;
using NUnit.Framework;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Wasmtime;

namespace Bindgen.Hosting.Tests;

/// <summary>The cancellable exports of tests/guests/bounded.wasm: <c>spin</c> runs until its token is cancelled.</summary>
[WasmModule]
public interface ISpinningGuest
{
    int Spin(byte[] data, CancellationToken cancellationToken);

    int Add(int a, int b);
}

/// <summary>
/// Spans and metrics of guest calls and pools arrive in OpenTelemetry's in-memory exporter with the names and tags
/// docs/telemetry.md documents.
/// </summary>
[NonParallelizable]
public sealed class TelemetryTests
{
    private readonly List<Activity> _spans = new();
    // Snapshots: the exporter's Metric objects are updated in place by later collections.
    private readonly List<MetricSnapshot> _metrics = new();
    private TracerProvider _tracer = null!;
    private MeterProvider _meter = null!;

    [SetUp]
    public void Listen()
    {
        _spans.Clear();
        _metrics.Clear();
        _tracer = Sdk.CreateTracerProviderBuilder().AddSource(BindgenTelemetry.Name).AddInMemoryExporter(_spans).Build()!;
        _meter = Sdk.CreateMeterProviderBuilder().AddMeter(BindgenTelemetry.Name).AddInMemoryExporter(_metrics).Build()!;
    }

    [TearDown]
    public void StopListening()
    {
        _tracer.Dispose();
        _meter.Dispose();
    }

    [Test]
    public void EveryGuestCallIsASpanWithModuleExportFuelAndOutcome()
    {
        using Engine engine = PooledGuest.PoolingEngine(fuel: true);
        using var module = Module.FromFile(engine, PooledGuest.ModulePath);
        WasmModulePoolOptions<IPooledTypes> options = PooledGuest.Options();
        options.FuelPerLease = 10_000_000;
        using var pool = new WasmModulePool<IPooledTypes>(engine, module, options);

        Assert.That(pool.Run((tools, _) => tools.ToUpper("telemetry")), Is.EqualTo("TELEMETRY"));
        Assert.Throws<GuestTrapException>(() => pool.Run((tools, _) => { tools.TrapNow(); return 0; }));
        _tracer.ForceFlush();

        Activity upper = _spans.Single(s => s.DisplayName == "IPooledTypes.ToUpper");
        Assert.Multiple(() =>
        {
            Assert.That(upper.Source.Name, Is.EqualTo("Bindgen"));
            Assert.That(upper.GetTagItem("bindgen.module"), Is.EqualTo("IPooledTypes"));
            Assert.That(upper.GetTagItem("bindgen.function"), Is.EqualTo("ToUpper"));
            Assert.That(upper.GetTagItem("bindgen.export"), Is.EqualTo("to_upper"));
            Assert.That(upper.GetTagItem("bindgen.fuel.consumed"), Is.TypeOf<long>().And.GreaterThan(0L));
            Assert.That(upper.Status, Is.EqualTo(ActivityStatusCode.Ok));
            Assert.That(upper.GetTagItem("error.type"), Is.Null);
        });

        Activity trap = _spans.Single(s => s.DisplayName == "IPooledTypes.TrapNow");
        Assert.Multiple(() =>
        {
            Assert.That(trap.GetTagItem("bindgen.export"), Is.EqualTo("trap_now"));
            Assert.That(trap.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(trap.GetTagItem("error.type"), Is.EqualTo(typeof(GuestTrapException).FullName));
            Assert.That(trap.Events.Single().Name, Is.EqualTo("exception"));
            Assert.That(trap.Events.Single().Tags.First(t => t.Key == "exception.type").Value, Is.EqualTo(typeof(GuestTrapException).FullName));
        });
    }

    [Test]
    public void ASpanIsAChildOfTheActivityTheCallIsMadeIn()
    {
        using var engine = new Engine();
        using var module = Module.FromFile(engine, PooledGuest.ModulePath);
        using var pool = new WasmModulePool<IPooledTypes>(engine, module, PooledGuest.Options());
        using var application = new ActivitySource("Application");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Application",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        ActivityTraceId trace;
        using (Activity request = application.StartActivity("request")!)
        {
            trace = request.TraceId;
            pool.Run((tools, _) => tools.BumpCount());
        }

        _tracer.ForceFlush();
        Assert.That(_spans.Single(s => s.DisplayName == "IPooledTypes.BumpCount").TraceId, Is.EqualTo(trace));
    }

    [Test]
    public void CallsDurationTrapsBytesMemoryAndPoolMetricsAreRecorded()
    {
        using Engine engine = PooledGuest.PoolingEngine();
        using var module = Module.FromFile(engine, PooledGuest.ModulePath);
        WasmModulePoolOptions<IPooledTypes> options = PooledGuest.Options();
        options.MaxConcurrentLeases = 1;
        using var pool = new WasmModulePool<IPooledTypes>(engine, module, options);

        for (int i = 0; i < 3; i++)
        {
            Assert.That(pool.Run((tools, _) => tools.Repeat("ab", 2)), Is.EqualTo("abab"));
        }

        Assert.Throws<GuestTrapException>(() => pool.Run((tools, _) => { tools.TrapNow(); return 0; }));

        // A rent that has to wait for the one lease: counted, with its wait.
        WasmLease<IPooledTypes> held = pool.Rent();
        Task waiting = Task.Run(() => pool.Run((tools, _) => tools.BumpCount()));
        Thread.Sleep(100);
        _meter.ForceFlush();
        held.Dispose();
        waiting.Wait();
        _meter.ForceFlush();

        Assert.Multiple(() =>
        {
            Assert.That(Sum("bindgen.guest.calls", "bindgen.export", "repeat"), Is.EqualTo(3));
            Assert.That(Sum("bindgen.guest.calls", "error.type", typeof(GuestTrapException).FullName!), Is.EqualTo(1));
            Assert.That(Sum("bindgen.guest.traps", "bindgen.export", "trap_now"), Is.EqualTo(1));
            Assert.That(HistogramCount("bindgen.guest.call.duration", "bindgen.export", "repeat"), Is.EqualTo(3));
            Assert.That(Unit("bindgen.guest.call.duration"), Is.EqualTo("s"));
            // "ab" in and "abab" out, three times.
            Assert.That(Sum("bindgen.guest.bytes_copied", "bindgen.direction", "to_guest"), Is.GreaterThanOrEqualTo(6));
            Assert.That(Sum("bindgen.guest.bytes_copied", "bindgen.direction", "from_guest"), Is.GreaterThanOrEqualTo(12));
            Assert.That(Unit("bindgen.guest.bytes_copied"), Is.EqualTo("By"));
            Assert.That(HistogramMin("bindgen.guest.memory.size", "bindgen.export", "repeat"), Is.GreaterThanOrEqualTo(65536));
            Assert.That(Sum("bindgen.pool.waits", "bindgen.module", "IPooledTypes"), Is.EqualTo(1));
            Assert.That(HistogramCount("bindgen.pool.wait.duration", "bindgen.module", "IPooledTypes"), Is.EqualTo(1));
            // Collected while the held lease was out: one instance, one active lease; the last collection sees none.
            Assert.That(Points("bindgen.pool.leases.active", "bindgen.module", "IPooledTypes").Select(p => p.GetSumLong()), Does.Contain(1L));
            Assert.That(Points("bindgen.pool.instances", "bindgen.module", "IPooledTypes").Last().GetSumLong(), Is.EqualTo(0));
        });
    }

    [Test]
    public void ACancelledCallIsCountedAsACancellation()
    {
        using var config = new Config();
        config.WithEpochInterruption(true);
        using var engine = new Engine(config);
        using var module = Module.FromFile(engine, System.IO.Path.Combine(AppContext.BaseDirectory, "guests", "bounded.wasm"));
        using var pool = new WasmModulePool<ISpinningGuest>(engine, module, new WasmModulePoolOptions<ISpinningGuest>
        {
            DefineImports = linker => linker.DefineFunction("host", "call_back", (int data, int length) => 0),
            CreateBinding = c => SpinningGuest.Instantiate(c.Engine, c.Linker!, c.Store, c.Module),
            LeaseTimeout = TimeSpan.FromMilliseconds(50),
        });

        Assert.That(() => pool.Run((guest, token) => guest.Spin(new byte[] { 1 }, token)), Throws.InstanceOf<OperationCanceledException>());
        _meter.ForceFlush();
        _tracer.ForceFlush();

        Assert.That(Sum("bindgen.guest.cancellations", "bindgen.export", "spin"), Is.EqualTo(1));
        Assert.That(_spans.Single(s => s.DisplayName == "ISpinningGuest.Spin").Status, Is.EqualTo(ActivityStatusCode.Error));
    }

    private List<MetricPoint> Points(string name, string tag, string value)
    {
        var points = new List<MetricPoint>();
        foreach (MetricSnapshot metric in _metrics.Where(m => m.Name == name))
        {
            foreach (MetricPoint point in metric.MetricPoints)
            {
                foreach (KeyValuePair<string, object?> t in point.Tags)
                {
                    if (t.Key == tag && Equals(t.Value, value))
                    {
                        points.Add(point);
                    }
                }
            }
        }

        return points;
    }

    // Cumulative temporality: the last export holds the totals.
    private long Sum(string name, string tag, string value) => Points(name, tag, value).Select(p => p.GetSumLong()).DefaultIfEmpty(0).Last();

    private long HistogramCount(string name, string tag, string value) => Points(name, tag, value).Select(p => p.GetHistogramCount()).DefaultIfEmpty(0).Last();

    private double HistogramMin(string name, string tag, string value) =>
        Points(name, tag, value).Select(p => p.TryGetHistogramMinMaxValues(out double min, out _) ? min : double.NaN).Last();

    private string? Unit(string name) => _metrics.First(m => m.Name == name).Unit;
}
