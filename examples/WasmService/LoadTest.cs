using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;

namespace WasmService;

/// <summary>
/// <c>--load</c>: the service on 127.0.0.1 under 1, 4 and 16 concurrent clients, in each hosting mode, bounded in count
/// and time: each level sends at most <c>--requests</c> requests (default 2,000) and stops after <c>--seconds</c>
/// (default 10). Clients and server share the machine. Every response is checked.
/// </summary>
public static class LoadTest
{
    /// <summary>The argument that selects this mode.</summary>
    public const string Argument = "--load";

    /// <summary>Runs the load test and prints a Markdown table.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int requests = Option(args, "--requests", 2000);
        int seconds = Option(args, "--seconds", 10);
        Console.WriteLine($"Load test: GET /greet on 127.0.0.1, at most {requests} requests and {seconds} s per level, after 200 warm-up requests.");
        Console.WriteLine();
        Console.WriteLine("| Hosting | Clients | Requests | Requests/s | p50 | p99 |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        // The guest writes one stderr line per request: the pool's first row drops it as the other modes do, the last
        // row routes it to ILogger (filtered out at the logger, so the cost is the routing, not the console).
        (string Label, GuestHosting Hosting, bool Log)[] modes =
        [
            ("Pool", GuestHosting.Pool, false),
            ("StorePerRequest", GuestHosting.StorePerRequest, false),
            ("SharedLocked", GuestHosting.SharedLocked, false),
            ("Pool, stderr to ILogger", GuestHosting.Pool, true),
        ];
        foreach ((string label, GuestHosting hosting, bool log) in modes)
        {
            WebApplication app = ServiceApp.Build(
                ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Bindgen.Guest=None"],
                hosting, telemetry: false, logGuestOutput: log);
            await app.StartAsync();
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
                await Level(client, 1, 200, seconds);
                foreach (int clients in new[] { 1, 4, 16 })
                {
                    (int done, double elapsed, double[] latencies) = await Level(client, clients, requests, seconds);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {label} | {clients} | {done} | {done / elapsed:F0} | {Percentile(latencies, 0.50):F2} ms | {Percentile(latencies, 0.99):F2} ms |"));
                }
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        return 0;
    }

    private static async Task<(int Done, double Seconds, double[] Latencies)> Level(HttpClient client, int clients, int requests, int seconds)
    {
        int next = 0;
        var latencies = new List<double>[clients];
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            latencies[c] = new List<double>();
            while (!limit.IsCancellationRequested && Interlocked.Increment(ref next) <= requests)
            {
                long started = Stopwatch.GetTimestamp();
                string body = await client.GetStringAsync("/greet?name=load");
                latencies[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!body.StartsWith("Hello, load!", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"unexpected response: {body}");
                }
            }
        }));
        double elapsed = total.Elapsed.TotalSeconds;
        double[] all = latencies.SelectMany(l => l).OrderBy(l => l).ToArray();
        return (all.Length, elapsed, all);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
