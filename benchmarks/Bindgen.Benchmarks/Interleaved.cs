using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Bindgen.Benchmarks;

/// <summary>
/// <c>--interleaved</c>: a noise-resistant cross-check of the BenchmarkDotNet ratios. For each scenario it
/// runs short batches (about 0.5 ms) of every variant in turn, rotating the order each round, for many
/// rounds; a burst of load from another process then hits all variants of a round alike. It reports the
/// median time per call and the median and interquartile range of the per-round ratio to the hand-written
/// baseline, and the managed bytes allocated per call.
/// </summary>
public static class Interleaved
{
    /// <summary>The argument that selects this mode.</summary>
    public const string Argument = "--interleaved";

    private const double BatchMilliseconds = 0.5;

    /// <summary>One way of making a call: a name and the call.</summary>
    public sealed record Variant(string Name, Action Call);

    /// <summary>A scenario: its name and its variants, the baseline (hand-written) first.</summary>
    public sealed record Scenario(string Name, IReadOnlyList<Variant> Variants);

    /// <summary>Runs every scenario of the suite and prints a Markdown table.</summary>
    public static int Run(int rounds)
    {
        using var variants = new BenchVariants();
        using var cancellation = new CancellationVariants();
        var scenarios = Scenarios(variants);
        scenarios.AddRange(cancellation.Scenarios());
        Console.WriteLine(Measure(scenarios, rounds));
        return 0;
    }

    /// <summary>The scenarios of the suite over <paramref name="v"/>.</summary>
    public static List<Scenario> Scenarios(BenchVariants v)
    {
        var list = new List<Scenario>
        {
            Three("add", () => v.HandWritten.Add(40, 2), () => v.Generated.Binding.Add(40, 2), () => v.Naive.Add(40, 2)),
        };

        foreach (int size in new[] { 16, 4096, 1048576 })
        {
            byte[] data = BenchGuest.Bytes(size);
            list.Add(Three($"sum(span) {size} B", () => v.HandWritten.Sum(data), () => v.Generated.Binding.Sum(data), () => v.Naive.Sum(data)));
        }

        foreach (int chars in new[] { 16, 4096 })
        {
            foreach (bool ascii in new[] { true, false })
            {
                string text = BenchGuest.Text(chars, ascii);
                string name = $"echo(string) {chars} chars {(ascii ? "ASCII" : "non-ASCII")}";
                list.Add(Three(name, () => v.HandWritten.Echo(text), () => v.Generated.Binding.Echo(text), () => v.Naive.Echo(text)));
            }
        }

        byte[] buffer = new byte[4096];
        list.Add(Three("fill(span) 4096 B", () => v.HandWritten.Fill(buffer, 0x5A), () => v.Generated.Binding.Fill(buffer, 0x5A), () => v.Naive.Fill(buffer, 0x5A)));

        byte[] input = BenchGuest.Bytes(64);
        list.Add(Three("host import", () => v.HandWritten.CallDescribe(input), () => v.Generated.Binding.CallDescribe(input), () => v.Naive.CallDescribe(input)));
        return list;
    }

    private static Scenario Three(string name, Action handWritten, Action generated, Action naive) =>
        new(name, [new Variant("HandWritten", handWritten), new Variant("Generated", generated), new Variant("Naive", naive)]);

    /// <summary>Measures every scenario; the first variant of each is the baseline.</summary>
    public static string Measure(IEnumerable<Scenario> scenarios, int rounds)
    {
        var table = new StringBuilder();
        table.AppendLine($"Interleaved: {rounds} rounds per scenario, batches of ~{BatchMilliseconds.ToString(CultureInfo.InvariantCulture)} ms, variant order rotated each round.");
        table.AppendLine();
        table.AppendLine("| Scenario | Method | Median | Ratio (median) | Ratio (p25-p75) | Allocated |");
        table.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (Scenario scenario in scenarios)
        {
            int n = scenario.Variants.Count;
            int batch = Calibrate(scenario.Variants);
            var perCall = new double[n][];
            var allocated = new long[n];
            for (int i = 0; i < n; i++)
            {
                perCall[i] = new double[rounds];
            }

            for (int round = 0; round < rounds; round++)
            {
                for (int k = 0; k < n; k++)
                {
                    int i = (round + k) % n;
                    Action call = scenario.Variants[i].Call;
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    long start = Stopwatch.GetTimestamp();
                    for (int j = 0; j < batch; j++)
                    {
                        call();
                    }

                    long elapsed = Stopwatch.GetTimestamp() - start;
                    allocated[i] += GC.GetAllocatedBytesForCurrentThread() - before;
                    perCall[i][round] = elapsed * 1e9 / Stopwatch.Frequency / batch;
                }
            }

            for (int i = 0; i < n; i++)
            {
                double[] ratios = perCall[i].Zip(perCall[0], (x, b) => x / b).OrderBy(r => r).ToArray();
                double median = Percentile(perCall[i].OrderBy(t => t).ToArray(), 0.5);
                string bytes = (allocated[i] / ((double)rounds * batch)).ToString("0.#", CultureInfo.InvariantCulture) + " B";
                table.AppendLine(
                    $"| {(i == 0 ? scenario.Name : "")} | {scenario.Variants[i].Name}{(i == 0 ? " (baseline)" : "")} | {FormatTime(median)} | " +
                    $"{Percentile(ratios, 0.5):0.00} | {Percentile(ratios, 0.25):0.00}-{Percentile(ratios, 0.75):0.00} | {bytes} |");
            }
        }

        return table.ToString();
    }

    private static int Calibrate(IReadOnlyList<Variant> variants)
    {
        // Warm up (tiering) and size a batch from the fastest variant.
        foreach (Variant variant in variants)
        {
            for (int i = 0; i < 200; i++)
            {
                variant.Call();
            }
        }

        System.Threading.Thread.Sleep(150);
        double fastest = double.MaxValue;
        foreach (Variant variant in variants)
        {
            long start = Stopwatch.GetTimestamp();
            int calls = 0;
            do
            {
                variant.Call();
                calls++;
            }
            while (Stopwatch.GetTimestamp() - start < Stopwatch.Frequency / 50);
            fastest = Math.Min(fastest, (Stopwatch.GetTimestamp() - start) * 1e3 / Stopwatch.Frequency / calls);
        }

        return Math.Max(1, (int)(BatchMilliseconds / fastest));
    }

    private static double Percentile(double[] sorted, double p)
    {
        double index = p * (sorted.Length - 1);
        int low = (int)Math.Floor(index);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (index - low);
    }

    private static string FormatTime(double nanoseconds) =>
        nanoseconds >= 1e6 ? (nanoseconds / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " ms"
        : nanoseconds >= 1e3 ? (nanoseconds / 1e3).ToString("0.00", CultureInfo.InvariantCulture) + " μs"
        : nanoseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ns";
}
