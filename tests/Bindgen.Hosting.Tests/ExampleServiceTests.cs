using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using WasmService;

namespace Bindgen.Hosting.Tests;

/// <summary>
/// examples/WasmService on Kestrel at 127.0.0.1 (a free port): a fresh guest per request through the pool, its limits
/// as HTTP statuses, its stderr in the service's log and its calls in the collected telemetry.
/// </summary>
[NonParallelizable]
public sealed class ExampleServiceTests
{
    [Test]
    public async Task EveryRequestGetsAFreshGuestAndLimitsBecomeStatuses()
    {
        var log = new LineCollector();
        await using WebApplication app = ServiceApp.Build(
            ["--urls", "http://127.0.0.1:0"], GuestHosting.Pool, telemetry: true,
            new GuestLimits(Fuel: 5_000_000, MemoryBytes: 1 << 20, DeadlineMilliseconds: 500),
            builder => builder.Logging.AddProvider(log));
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        Assert.That(client.BaseAddress.Host, Is.EqualTo("127.0.0.1"));

        // A fresh instance per request: the guest's own call counter is 1 every time.
        Assert.That(await client.GetStringAsync("/greet?name=Ada"), Is.EqualTo("Hello, Ada! (call 1 of this instance)"));
        Assert.That(await client.GetStringAsync("/greet?name=Bob"), Is.EqualTo("Hello, Bob! (call 1 of this instance)"));
        Assert.That(await client.GetStringAsync("/work?rounds=1000"), Is.EqualTo(Fnv(1000).ToString("x8")));

        await Expect(client, "/work?rounds=4000000000", HttpStatusCode.ServiceUnavailable, "fuel exhausted");
        await Expect(client, "/grow?pages=1000", HttpStatusCode.InsufficientStorage, "memory cap");
        Assert.That(await client.GetStringAsync("/grow?pages=2"), Does.StartWith("grew from "));

        // The guest's stderr, one log entry per line, under the pool's logger category.
        Assert.That(log.Lines.Where(l => l.Category == "Bindgen.Guest.IServiceGuest").Select(l => l.Message),
            Is.EquivalentTo(new[] { "stderr: greeted Ada", "stderr: greeted Bob" }));

        using JsonDocument telemetry = JsonDocument.Parse(await client.GetStringAsync("/telemetry"));
        Dictionary<string, int> spans = telemetry.RootElement.GetProperty("spans").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Dictionary<string, double> metrics = telemetry.RootElement.GetProperty("metrics").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Multiple(() =>
        {
            Assert.That(spans.GetValueOrDefault("IServiceGuest.Greet Ok"), Is.EqualTo(2), string.Join("; ", spans.Keys.Concat(metrics.Keys)));
            Assert.That(spans["IServiceGuest.Work Error"], Is.EqualTo(1));
            Assert.That(metrics["bindgen.guest.traps{bindgen.export=work,bindgen.module=IServiceGuest,error.type=Bindgen.GuestOutOfFuelException}"], Is.EqualTo(1));
            Assert.That(metrics["bindgen.pool.instances{bindgen.module=IServiceGuest}"], Is.Zero);
        });
    }

    [Test]
    public async Task ARequestPastItsDeadlineIsStopped()
    {
        await using WebApplication app = ServiceApp.Build(
            ["--urls", "http://127.0.0.1:0"], GuestHosting.Pool, telemetry: false,
            new GuestLimits(Fuel: ulong.MaxValue / 2, DeadlineMilliseconds: 100));
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        await Expect(client, "/work?rounds=4000000000", HttpStatusCode.GatewayTimeout, "deadline passed");
        Assert.That(await client.GetStringAsync("/greet?name=after"), Is.EqualTo("Hello, after! (call 1 of this instance)"));
    }

    [TestCase(GuestHosting.StorePerRequest, "Hello, x! (call 1 of this instance)", "Hello, x! (call 1 of this instance)")]
    [TestCase(GuestHosting.SharedLocked, "Hello, x! (call 1 of this instance)", "Hello, x! (call 2 of this instance)")]
    public async Task TheLoadTestsComparisonModesAnswerToo(GuestHosting hosting, string first, string second)
    {
        await using WebApplication app = ServiceApp.Build(["--urls", "http://127.0.0.1:0"], hosting, telemetry: false);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        Assert.That(await client.GetStringAsync("/greet?name=x"), Is.EqualTo(first));
        Assert.That(await client.GetStringAsync("/greet?name=x"), Is.EqualTo(second));
        await Expect(client, "/work?rounds=4000000000", HttpStatusCode.ServiceUnavailable, "fuel exhausted");
    }

    private static async Task Expect(HttpClient client, string path, HttpStatusCode status, string text)
    {
        using HttpResponseMessage response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(status), path);
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(text), path);
    }

    private static uint Fnv(uint rounds)
    {
        uint h = 2166136261u;
        for (uint i = 0; i < rounds; i++) h = unchecked((h ^ (i & 0xff)) * 16777619u);
        return h;
    }

    private sealed class LineCollector : ILoggerProvider
    {
        private readonly List<(string Category, string Message)> _lines = new();

        public IReadOnlyList<(string Category, string Message)> Lines
        {
            get { lock (_lines) return _lines.ToList(); }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LineCollector owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._lines) owner._lines.Add((category, formatter(state, exception)));
            }
        }
    }
}
