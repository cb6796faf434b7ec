using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Bindgen;
using Bindgen.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace WasmService;

/// <summary>
/// The example service: a minimal API that runs guest/service.wasm once per request, through a pool of fresh
/// instances (or, for the load test's comparison, a store per request or one shared binding), under fuel, memory and
/// deadline limits, with Bindgen's spans and metrics collected and the guest's stderr in the service's log.
/// </summary>
public static class ServiceApp
{
    /// <summary>The guest, copied beside the program.</summary>
    public static string ModulePath { get; } = Path.Combine(AppContext.BaseDirectory, "guest", "service.wasm");

    /// <summary>Builds the service.</summary>
    /// <param name="args">Command-line arguments (<c>--urls</c>, logging settings...).</param>
    /// <param name="hosting">How requests get their guest.</param>
    /// <param name="telemetry">Whether Bindgen's spans and metrics are collected (shown at <c>/telemetry</c>).</param>
    /// <param name="limits">Fuel, memory cap and deadline per request; null for the defaults of <see cref="GuestLimits"/>.</param>
    /// <param name="logGuestOutput">Whether the pool routes the guest's stderr to the log (the other modes drop it).</param>
    /// <param name="configure">Further set-up of the builder (tests add a logger provider).</param>
    public static WebApplication Build(
        string[] args, GuestHosting hosting = GuestHosting.Pool, bool telemetry = true, GuestLimits? limits = null, Action<WebApplicationBuilder>? configure = null, bool logGuestOutput = true)
    {
        limits ??= new GuestLimits();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        switch (hosting)
        {
            case GuestHosting.Pool:
                builder.Services.AddWasmModule<IServiceGuest>(options =>
                {
                    options.ModulePath = ModulePath;
                    options.UseWasi = true;                       // stderr lines go to the log, category Bindgen.Guest.IServiceGuest
                    if (!logGuestOutput)
                    {
                        options.GuestOutputLogger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
                    }

                    options.FuelPerLease = limits.Fuel;
                    options.MemoryLimitBytes = limits.MemoryBytes;
                    options.LeaseTimeout = limits.Deadline;
                    options.MaxConcurrentLeases = 64;
                    options.CreateBinding = c => ServiceGuest.Instantiate(c.Engine, c.Linker!, c.Store, c.Module);
                });
                builder.Services.AddSingleton<IGuestRunner>(p => new PoolRunner(p.GetRequiredService<WasmModulePool<IServiceGuest>>()));
                break;
            case GuestHosting.StorePerRequest:
                builder.Services.AddSingleton<IGuestRunner>(_ => new StorePerRequestRunner(ModulePath, limits));
                break;
            default:
                builder.Services.AddSingleton<IGuestRunner>(_ => new SharedLockedRunner(ModulePath, limits));
                break;
        }

        var telemetryLog = new TelemetryLog();
        if (telemetry)
        {
            builder.Services.AddSingleton(telemetryLog);
            builder.Services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
                .AddSource(BindgenTelemetry.Name)
                // Every guest call is recorded, even under a request whose incoming trace context says "not sampled".
                .SetSampler(new AlwaysOnSampler())
                .AddInMemoryExporter(telemetryLog.Spans).Build()!);
            builder.Services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
                .AddMeter(BindgenTelemetry.Name).AddInMemoryExporter(telemetryLog.Metrics).Build()!);
        }

        configure?.Invoke(builder);
        WebApplication app = builder.Build();
        if (telemetry)
        {
            // Created before the first request, so the first calls are observed.
            _ = app.Services.GetRequiredService<TracerProvider>();
            _ = app.Services.GetRequiredService<MeterProvider>();
        }

        app.MapGet("/greet", (string name, IGuestRunner guests, HttpContext http) =>
            Answer(() => guests.Run((guest, _) => guest.Greet(name), http.RequestAborted)));
        app.MapGet("/work", (uint rounds, IGuestRunner guests, HttpContext http) =>
            Answer(() => guests.Run((guest, deadline) => guest.Work(rounds, deadline).ToString("x8"), http.RequestAborted)));
        app.MapGet("/grow", (int pages, IGuestRunner guests, HttpContext http) =>
            Answer(() => guests.Run((guest, _) => guest.Grow(pages), http.RequestAborted) is int before and >= 0
                ? $"grew from {before} pages"
                : throw new InsufficientMemoryException("the guest's memory cap refused the growth")));
        if (telemetry)
        {
            app.MapGet("/telemetry", (TelemetryLog log, TracerProvider tracer, MeterProvider meter) =>
            {
                tracer.ForceFlush();
                meter.ForceFlush();
                return Results.Json(log.Summary());
            });
        }

        return app;
    }

    /// <summary>A guest's answer, or the status its limit maps to.</summary>
    private static IResult Answer(Func<string> run)
    {
        try
        {
            return Results.Text(run());
        }
        catch (GuestOutOfFuelException)
        {
            return Results.Text("fuel exhausted", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (OperationCanceledException)
        {
            return Results.Text("deadline passed", statusCode: StatusCodes.Status504GatewayTimeout);
        }
        catch (InsufficientMemoryException e)
        {
            return Results.Text(e.Message, statusCode: StatusCodes.Status507InsufficientStorage);
        }
    }
}

/// <summary>What the in-memory exporters collected, summarised for <c>/telemetry</c>.</summary>
public sealed class TelemetryLog
{
    /// <summary>Exported spans.</summary>
    public List<Activity> Spans { get; } = new();

    /// <summary>Exported metrics (snapshots: the exporter's own objects change with every collection).</summary>
    public List<MetricSnapshot> Metrics { get; } = new();

    /// <summary>Span counts by name and status, and each metric's latest total per tag set.</summary>
    public Dictionary<string, object> Summary()
    {
        lock (Spans)
        {
            var spans = Spans.GroupBy(s => $"{s.DisplayName} {s.Status}").ToDictionary(g => g.Key, g => g.Count());
            var metrics = new Dictionary<string, double>();
            foreach (MetricSnapshot metric in Metrics)
            {
                foreach (MetricPoint point in metric.MetricPoints)
                {
                    string tags = string.Join(",", EnumerateTags(point));
                    metrics[$"{metric.Name}{{{tags}}}"] = metric.MetricType switch
                    {
                        MetricType.Histogram => point.GetHistogramCount(),
                        MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                        _ => double.NaN,
                    };
                }
            }

            return new Dictionary<string, object> { ["spans"] = spans, ["metrics"] = metrics };
        }
    }

    private static IEnumerable<string> EnumerateTags(MetricPoint point)
    {
        var tags = new List<string>();
        foreach (KeyValuePair<string, object?> tag in point.Tags)
        {
            tags.Add($"{tag.Key}={tag.Value}");
        }

        return tags.OrderBy(t => t, StringComparer.Ordinal);
    }
}
