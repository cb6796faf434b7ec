using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Bindgen.Benchmarks;

/// <summary>
/// <c>--v8 [rounds]</c>: the same scenarios on the same bench.wasm in Node (V8), through wasm-bindgen-style JS glue
/// (benchmarks/node/bench.mjs), interleaved with the generated binding and the hand-written code on Wasmtime. Each
/// scenario first checks that Node's result equals the generated binding's; then, for each round, it times a batch
/// of about 1 ms of each of the three in rotating order (Node times its own batch, so the messages are not
/// counted), and reports the median per-round ratio to V8. The whole run is bounded by <see cref="Budget"/>: a
/// scenario that would overrun its share stops early with fewer rounds (the table says how many). Not part of
/// the test suite.
/// </summary>
public static class V8Anchor
{
    /// <summary>The argument that selects this mode.</summary>
    public const string Argument = "--v8";

    /// <summary>The most the timed part of a run may take; with startup and warm-up a run ends well within two minutes.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(75);

    private const double BatchMilliseconds = 1.0;

    /// <summary>A scenario: the two .NET calls, Node's setup message and the check of Node's result.</summary>
    private sealed record Scenario(string Name, Action HandWritten, Action Generated, object NodeSetup, Action<JsonElement> CheckNode);

    /// <summary>Runs every scenario and prints a Markdown table.</summary>
    public static int Run(int rounds)
    {
        var clock = Stopwatch.StartNew();
        using var variants = new BenchVariants();
        using NodeProcess node = NodeProcess.Start();
        JsonElement hello = node.Send(new { op = "init", answers = FixedAnswerHost.AllAnswers });
        List<Scenario> scenarios = Scenarios(variants);

        var table = new StringBuilder();
        table.AppendLine($"V8 anchor: Node {hello.GetProperty("node").GetString()}, up to {rounds} rounds per scenario, batches of ~{BatchMilliseconds.ToString(CultureInfo.InvariantCulture)} ms, order rotated each round.");
        table.AppendLine();
        table.AppendLine("| Scenario | Rounds | Generated | HandWritten | V8 | Generated/V8 (median) | p25-p75 | HandWritten/V8 (median) |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Interleaved.WarmUp(scenarios.SelectMany(s => new[] { s.HandWritten, s.Generated }));
        var measuring = Stopwatch.StartNew();
        for (int s = 0; s < scenarios.Count; s++)
        {
            Scenario scenario = scenarios[s];
            scenario.CheckNode(node.Send(scenario.NodeSetup).GetProperty("result"));
            TimeSpan share = (Budget - measuring.Elapsed) / (scenarios.Count - s);
            table.AppendLine(Measure(scenario, node, rounds, share));
        }

        Console.WriteLine(table);
        Console.WriteLine($"Every scenario's result was identical in Node and in the generated binding. Took {clock.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }

    private static List<Scenario> Scenarios(BenchVariants v)
    {
        Bench g = v.Generated.Binding;
        HandWrittenBench h = v.HandWritten;
        var list = new List<Scenario>
        {
            new("add", () => h.Add(40, 2), () => g.Add(40, 2), new { op = "setup", scenario = "add", a = 40, b = 2 }, r => Same("add", g.Add(40, 2), r.GetInt32())),
        };

        foreach (int size in new[] { 16, 1048576 })
        {
            byte[] data = BenchGuest.Bytes(size);
            list.Add(new($"sum(span) {size} B", () => h.Sum(data), () => g.Sum(data),
                new { op = "setup", scenario = "sum", data = Convert.ToBase64String(data) }, r => Same("sum", g.Sum(data), r.GetInt32())));
        }

        foreach (bool ascii in new[] { true, false })
        {
            string text = BenchGuest.Text(16, ascii);
            list.Add(new($"echo(string) 16 chars {(ascii ? "ASCII" : "non-ASCII")}", () => h.Echo(text), () => g.Echo(text),
                new { op = "setup", scenario = "echo", text }, r => Same("echo", g.Echo(text), r.GetString())));
        }

        byte[] buffer = new byte[4096];
        list.Add(new("fill(span) 4096 B", () => h.Fill(buffer, 0x5A), () => g.Fill(buffer, 0x5A),
            new { op = "setup", scenario = "fill", length = buffer.Length, value = 0x5A },
            r =>
            {
                byte[] fresh = new byte[buffer.Length];
                g.Fill(fresh, 0x5A);
                Same("fill", Convert.ToBase64String(fresh), r.GetString());
            }));

        byte[] input = BenchGuest.Bytes(64);
        list.Add(new("host import", () => h.CallDescribe(input), () => g.CallDescribe(input),
            new { op = "setup", scenario = "call_describe", data = Convert.ToBase64String(input) }, r => Same("host import", g.CallDescribe(input), r.GetInt32())));

        foreach (int count in new[] { ArrayScenarios.Small, ArrayScenarios.MebibyteOfDoubles })
        {
            double[] values = ArrayScenarios.Doubles(count);
            list.Add(new($"sum(span<double>) {count} elements", () => h.SumF64(values), () => g.SumF64(values),
                new { op = "setup", scenario = "sum_f64", data = Base64(values) },
                r => Same("sum_f64", BitConverter.DoubleToInt64Bits(g.SumF64(values)), BitConverter.DoubleToInt64Bits(r.GetDouble()))));
        }

        foreach (int count in new[] { ArrayScenarios.Small, ArrayScenarios.MebibyteOfFloats })
        {
            float[] values = ArrayScenarios.Floats(count);
            const int Factor = ArrayScenarios.TimedFactor;
            list.Add(new($"scale(span<float>) {count} elements", () => h.Scale(values, Factor), () => g.Scale(values, Factor),
                new { op = "setup", scenario = "scale", data = Base64(values), timedFactor = Factor, checkFactor = ArrayScenarios.CheckFactor },
                r =>
                {
                    float[] fresh = ArrayScenarios.Floats(count);
                    g.Scale(fresh, ArrayScenarios.CheckFactor);
                    Same("scale", Base64(fresh), r.GetString());
                }));
        }

        return list;
    }

    private static string Base64<T>(T[] values)
        where T : unmanaged => Convert.ToBase64String(MemoryMarshal.AsBytes(values.AsSpan()));

    private static void Same<T>(string scenario, T dotnet, T node)
    {
        if (!EqualityComparer<T>.Default.Equals(dotnet, node))
        {
            throw new InvalidOperationException($"{scenario}: Node returned {node}, the generated binding {dotnet}");
        }
    }

    private static string Measure(Scenario scenario, NodeProcess node, int rounds, TimeSpan share)
    {
        // Warm up .NET's tiers: by time, not by call count, with pauses for the background compiler, because
        // tier-up waits until no new methods have been compiled for a while and this mode compiles the JSON
        // plumbing as it goes (200 calls and one pause left the first scenarios at tier 0). Then V8's tiers,
        // until a Node batch takes 50 ms; then size both batches to about BatchMilliseconds.
        for (int i = 0; i < 3; i++)
        {
            PerCall(scenario.HandWritten, 50e6);
            PerCall(scenario.Generated, 50e6);
            NodeBatch(node, 1000);
            System.Threading.Thread.Sleep(100);
        }

        int nodeCalls = 1;
        double nodeNs;
        while ((nodeNs = NodeBatch(node, nodeCalls)) < 50e6 && nodeCalls < 1 << 24)
        {
            nodeCalls *= 2;
        }

        int nodeBatch = Math.Max(1, (int)(BatchMilliseconds * 1e6 / (nodeNs / nodeCalls)));
        int dotnetBatch = Math.Max(1, (int)(BatchMilliseconds * 1e6 / PerCall(scenario.Generated, 20e6)));

        var generated = new List<double>();
        var handWritten = new List<double>();
        var v8 = new List<double>();
        var time = Stopwatch.StartNew();
        for (int round = 0; round < rounds && time.Elapsed < share; round++)
        {
            double g = 0, h = 0, n = 0;
            for (int k = 0; k < 3; k++)
            {
                switch ((round + k) % 3)
                {
                    case 0: g = Batch(scenario.Generated, dotnetBatch); break;
                    case 1: h = Batch(scenario.HandWritten, dotnetBatch); break;
                    default: n = NodeBatch(node, nodeBatch) / nodeBatch; break;
                }
            }

            generated.Add(g);
            handWritten.Add(h);
            v8.Add(n);
        }

        double[] gv = Sorted(generated.Zip(v8, (a, b) => a / b));
        double[] hv = Sorted(handWritten.Zip(v8, (a, b) => a / b));
        return $"| {scenario.Name} | {generated.Count} | {Time(Median(generated))} | {Time(Median(handWritten))} | {Time(Median(v8))} | " +
            $"{Percentile(gv, 0.5):0.00} | {Percentile(gv, 0.25):0.00}-{Percentile(gv, 0.75):0.00} | {Percentile(hv, 0.5):0.00} |";
    }

    private static double NodeBatch(NodeProcess node, int calls) => node.Send(new { op = "run", calls }).GetProperty("ns").GetDouble();

    internal static double Batch(Action call, int calls)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            call();
        }

        return (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency / calls;
    }

    private static double PerCall(Action call, double nanoseconds)
    {
        long start = Stopwatch.GetTimestamp();
        long limit = (long)(nanoseconds * Stopwatch.Frequency / 1e9);
        int calls = 0;
        do
        {
            call();
            calls++;
        }
        while (Stopwatch.GetTimestamp() - start < limit);
        return (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency / calls;
    }

    private static double[] Sorted(IEnumerable<double> values) => values.OrderBy(x => x).ToArray();

    internal static double Median(List<double> values) => Percentile(Sorted(values), 0.5);

    internal static double Percentile(double[] sorted, double p)
    {
        double index = p * (sorted.Length - 1);
        int low = (int)Math.Floor(index);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (index - low);
    }

    internal static string Time(double nanoseconds) =>
        nanoseconds >= 1e3 ? (nanoseconds / 1e3).ToString("0.00", CultureInfo.InvariantCulture) + " μs"
        : nanoseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ns";
}
