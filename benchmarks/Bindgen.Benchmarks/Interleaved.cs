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

    /// <summary>Runs every scenario of the suite (or those whose name contains <paramref name="only"/>) and prints a Markdown table.</summary>
    public static int Run(int rounds, string? only = null)
    {
        using var variants = new BenchVariants();
        using var cancellation = new CancellationVariants();
        using var pools = new PoolVariants();
        using var telemetry = new TelemetryVariants();
        var scenarios = Scenarios(variants);
        scenarios.AddRange(cancellation.Scenarios());
        scenarios.AddRange(pools.Scenarios());
        scenarios.AddRange(telemetry.Scenarios());
        var canonical = new List<CanonicalBenchmarks>();
        scenarios.AddRange(CanonicalScenarios(canonical));
        using var components = new ComponentScenarios();
        scenarios.AddRange(components.Scenarios());
        using var resources = new ResourceScenarios();
        scenarios.AddRange(resources.Scenarios());
        using var composed = new ComposedScenarios();
        scenarios.AddRange(composed.Scenarios());
        // The WASI scenarios compile a 12 MB component: only when asked for by name, or with everything.
        using var wasi = only is null || only.Contains("wasi", StringComparison.Ordinal) ? new WasiScenarios() : null;
        scenarios.AddRange(wasi?.Scenarios() ?? Array.Empty<Scenario>());
        // The wasm-bindgen class scenario compiles a 1.9 MB package: likewise.
        using var classes = only is null || WasmBindgenClassScenarios.Name.Contains(only, StringComparison.Ordinal) ? new WasmBindgenClassScenarios() : null;
        scenarios.AddRange(classes?.Scenarios() ?? Array.Empty<Scenario>());

        // A filter starting with '=' names one scenario exactly ('=add': add alone, not 'add, token' or 'pool: add ...').
        Console.WriteLine(Measure(scenarios.Where(s => only is null || (only.StartsWith('=') ? s.Name == only[1..] : s.Name.Contains(only, StringComparison.Ordinal))), rounds));
        canonical.ForEach(c => c.Dispose());
        return 0;
    }

    /// <summary>The canonical-ABI scenarios: hand-written canonical lowering (baseline), Bindgen, Wasmtime.Components' dynamic Call.</summary>
    private static IEnumerable<Scenario> CanonicalScenarios(List<CanonicalBenchmarks> keep)
    {
        foreach (string scenario in new[] { "string-16", "string-4096", "bytes-1MiB", "record" })
        {
            var bench = new CanonicalBenchmarks { Scenario = scenario };
            bench.Setup(); // checks that the three paths agree
            keep.Add(bench);
            yield return new Scenario($"canonical {scenario}",
                [new Variant("HandWritten", () => bench.HandWritten()), new Variant("Generated", () => bench.Bindgen()), new Variant("Components", () => bench.Components())]);
        }
    }

    /// <summary>The scenarios of the suite over <paramref name="v"/>.</summary>
    public static List<Scenario> Scenarios(BenchVariants v)
    {
        var list = new List<Scenario>
        {
            // With a diagnostic: the floor under Wasmtime's typed delegate, one direct call of the C API (CallFloor).
            Three("add", () => v.HandWritten.Add(40, 2), () => v.Generated.Binding.Add(40, 2), () => v.Naive.Add(40, 2)) is var add
                && v.Floor.Add(40, 2) == 42
                ? add with { Variants = [.. add.Variants, new Variant("Direct C API call", () => v.Floor.Add(40, 2)), new Variant("Direct C API call + thread check", () => v.Floor.AddInsideGate(40, 2)), new Variant("Direct C API call + thread and telemetry checks", () => v.Floor.AddInsideCall(40, 2))] }
                : throw new InvalidOperationException("add: the direct C API call disagrees"),
        };

        foreach (int size in new[] { 16, 4096, 1048576 })
        {
            byte[] data = BenchGuest.Bytes(size);
            list.Add(WithPerCall(
                Three($"sum(span) {size} B", () => v.HandWritten.Sum(data), () => v.Generated.Binding.Sum(data), () => v.Naive.Sum(data)),
                () => v.GeneratedPerCall.Binding.Sum(data)));
        }

        foreach (int chars in new[] { 16, 4096 })
        {
            foreach (bool ascii in new[] { true, false })
            {
                string text = BenchGuest.Text(chars, ascii);
                string name = $"echo(string) {chars} chars {(ascii ? "ASCII" : "non-ASCII")}";
                list.Add(WithPerCall(
                    Three(name, () => v.HandWritten.Echo(text), () => v.Generated.Binding.Echo(text), () => v.Naive.Echo(text)),
                    () => v.GeneratedPerCall.Binding.Echo(text)));
            }
        }

        byte[] buffer = new byte[4096];
        list.Add(Three("fill(span) 4096 B", () => v.HandWritten.Fill(buffer, 0x5A), () => v.Generated.Binding.Fill(buffer, 0x5A), () => v.Naive.Fill(buffer, 0x5A)));

        foreach (int count in new[] { ArrayScenarios.Small, ArrayScenarios.MebibyteOfDoubles })
        {
            double[] values = ArrayScenarios.Doubles(count);
            ArrayScenarios.CheckSum(v, values);
            list.Add(WithDiagnostic(
                Three($"sum(span<double>) {count} elements", () => v.HandWritten.SumF64(values), () => v.Generated.Binding.SumF64(values), () => v.Naive.SumF64(values)),
                () => v.HandWritten.SumF64WithBlockCheck(values)));
        }

        foreach (int count in new[] { ArrayScenarios.Small, ArrayScenarios.MebibyteOfFloats })
        {
            float[] values = ArrayScenarios.Floats(count);
            ArrayScenarios.CheckScale(v, values);
            const int Factor = ArrayScenarios.TimedFactor;
            list.Add(WithDiagnostic(
                Three($"scale(span<float>) {count} elements", () => v.HandWritten.Scale(values, Factor), () => v.Generated.Binding.Scale(values, Factor), () => v.Naive.Scale(values, Factor)),
                () => v.HandWritten.ScaleWithBlockCheck(values, Factor)));
        }

        // The generated array glue taken apart at 16 elements, where its fixed costs show (see GlueSteps).
        double[] doubles = ArrayScenarios.Doubles(ArrayScenarios.Small);
        list.Add(new Scenario("gap sum(span<double>) 16 elements",
        [
            new Variant("HandWritten", () => v.HandWritten.SumF64(doubles)),
            new Variant("Generated", () => v.Generated.Binding.SumF64(doubles)),
            new Variant("HandWritten+BlockCheck", () => v.HandWritten.SumF64WithBlockCheck(doubles)),
            new Variant("Steps: AllocateBlock+Write+Release", () => v.Steps.SumAllSteps(doubles)),
            new Variant("Steps, free instead of Release", () => v.Steps.SumDirectFree(doubles)),
            new Variant("Steps, GetSpan copy instead of Write", () => v.Steps.SumSpanCopy(doubles)),
        ]));
        float[] floats = ArrayScenarios.Floats(ArrayScenarios.Small);
        list.Add(new Scenario("gap scale(span<float>) 16 elements",
        [
            new Variant("HandWritten", () => v.HandWritten.Scale(floats, ArrayScenarios.TimedFactor)),
            new Variant("Generated", () => v.Generated.Binding.Scale(floats, ArrayScenarios.TimedFactor)),
            new Variant("HandWritten+BlockCheck", () => v.HandWritten.ScaleWithBlockCheck(floats, ArrayScenarios.TimedFactor)),
            new Variant("Steps: AllocateBlock+Write+ReadInto+Release", () => v.Steps.ScaleAllSteps(floats, ArrayScenarios.TimedFactor)),
            new Variant("Steps, free instead of Release", () => v.Steps.ScaleDirectFree(floats, ArrayScenarios.TimedFactor)),
            new Variant("Steps, GetSpan copies instead of Write/ReadInto", () => v.Steps.ScaleSpanCopy(floats, ArrayScenarios.TimedFactor)),
        ]));

        // The generated string glue taken apart where its gap shows: 4096 chars (see EchoSteps).
        foreach (bool ascii in new[] { true, false })
        {
            string text = BenchGuest.Text(4096, ascii);
            list.Add(new Scenario($"gap echo(string) 4096 chars {(ascii ? "ASCII" : "non-ASCII")}",
            [
                new Variant("HandWritten", () => v.HandWritten.Echo(text)),
                new Variant("Generated+PerCall", () => v.GeneratedPerCall.Binding.Echo(text)),
                new Variant("Steps: all, in the generated order", () => v.EchoSteps.AllSteps(text)),
                new Variant("Steps, text first, return area after", () => v.EchoSteps.TextFirst(text)),
                new Variant("Steps, text 16 bytes into the block", () => v.EchoSteps.TextAt16(text)),
                new Variant("Generated (scratch block)", () => v.Generated.Binding.Echo(text)),
                new Variant("Steps, Encoding.UTF8 through GetSpan", () => v.EchoSteps.SpanTranscoding(text)),
                new Variant("Steps, frees instead of Release", () => v.EchoSteps.DirectFree(text)),
            ]));
        }

        // A C library's calling shapes: a struct by pointer, an out-parameter, and more parameters than Wasmtime's
        // typed delegates take (where every variant goes through Function.Invoke).
        CLibraryScenarios.CheckPointNorm2(v);
        CLibraryScenarios.CheckDivmod(v);
        CLibraryScenarios.CheckSum17(v);
        Point point = CLibraryScenarios.Point;
        list.Add(Three(Categories.PointNorm2, () => v.HandWritten.PointNorm2(in point), () => v.Generated.Binding.PointNorm2(in point), () => v.Naive.PointNorm2(in point)));
        // With a diagnostic: the hand-written code plus the generated glue's zeroing of the out slot before the call.
        list.Add(new Scenario(Categories.Divmod,
        [
            new Variant("HandWritten", () => v.HandWritten.Divmod(-17, 5, out _)),
            new Variant("Generated", () => v.Generated.Binding.Divmod(-17, 5, out _)),
            new Variant("Naive", () => v.Naive.Divmod(-17, 5, out _)),
            new Variant("HandWritten+ZeroedSlot", () => v.HandWritten.DivmodWithZeroedSlot(-17, 5, out _)),
            new Variant("Steps: AllocateBlock+WriteValue+ReadValue+Release", () => v.Steps.DivmodAllSteps(-17, 5, out _)),
            new Variant("Steps, out slot not zeroed", () => v.Steps.DivmodUnzeroed(-17, 5, out _)),
        ]));
        list.Add(Three(
            Categories.Sum17,
            () => v.HandWritten.Sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17),
            () => v.Generated.Binding.Sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17),
            () => v.Naive.Sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)) is var sum17
            ? sum17 with { Variants = [.. sum17.Variants, new Variant("Generated before (array per call)", () => v.HandWritten.Sum17AsGeneratedBefore(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17))] }
            : throw new InvalidOperationException());

        byte[] input = BenchGuest.Bytes(64);
        list.Add(Three("host import", () => v.HandWritten.CallDescribe(input), () => v.Generated.Binding.CallDescribe(input), () => v.Naive.CallDescribe(input)) is var import
            ? import with
            {
                Variants = [.. import.Variants, new Variant("HandWritten, memory per call", () => v.HandWrittenImportPerCall.CallDescribe(input)),
                    new Variant("Generated, shared linker", () => v.GeneratedSharedLinker.Binding.CallDescribe(input))],
            }
            : throw new InvalidOperationException());
        // The import side alone: the same generated export glue (CallDescribe) around the hand-written import bound to
        // its instance (the baseline), and around the generated import registration.
        list.Add(new Scenario("host import, import side",
        [
            new Variant("Generated exports + hand-written bound import", () => v.GeneratedWithHandWrittenImport.Binding.CallDescribe(input)),
            new Variant("Generated", () => v.Generated.Binding.CallDescribe(input)),
            new Variant("Generated exports + hand-written import, memory per call", () => v.GeneratedWithPerCallImport.Binding.CallDescribe(input)),
            new Variant("Generated, shared linker", () => v.GeneratedSharedLinker.Binding.CallDescribe(input)),
        ]));
        return list;
    }

    private static Scenario Three(string name, Action handWritten, Action generated, Action naive) =>
        new(name, [new Variant("HandWritten", handWritten), new Variant("Generated", generated), new Variant("Naive", naive)]);

    // The hand-written code plus the generated glue's whole-block check: how much of the gap that one step explains.
    private static Scenario WithDiagnostic(Scenario scenario, Action handWrittenWithBlockCheck) =>
        scenario with { Variants = [.. scenario.Variants, new Variant("HandWritten+BlockCheck", handWrittenWithBlockCheck)] };

    // The generated binding without its scratch block (GuestMemoryOptions.ScratchBlock off): a malloc and a free per
    // call, as before the scratch block; what the scratch block saves.
    private static Scenario WithPerCall(Scenario scenario, Action generatedPerCall) =>
        scenario with { Variants = [.. scenario.Variants, new Variant("Generated+PerCall", generatedPerCall)] };

    /// <summary>Measures every scenario; the first variant of each is the baseline.</summary>
    public static string Measure(IEnumerable<Scenario> scenarios, int rounds)
    {
        var table = new StringBuilder();
        table.AppendLine($"Interleaved: {rounds} rounds per scenario, batches of ~{BatchMilliseconds.ToString(CultureInfo.InvariantCulture)} ms, variant order rotated each round.");
        table.AppendLine();
        table.AppendLine("| Scenario | Method | Median | Ratio (median) | Ratio (p25-p75) | Allocated |");
        table.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
        List<Scenario> all = scenarios.ToList();
        WarmUp(all.SelectMany(s => s.Variants).Select(v => v.Call));
        foreach (Scenario scenario in all)
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

    /// <summary>
    /// Runs every call for a while, three times over, with pauses, before anything is measured. Tier-up of the
    /// glue's methods waits for a quiet spell in JIT activity and then compiles on a background thread, which a
    /// loaded machine starves: without this the first scenarios of a run were measured partly at tier 0 (sum at
    /// 16 B took 210 ns as the first scenario of a run and 130 ns as the second of a longer one).
    /// </summary>
    public static void WarmUp(IEnumerable<Action> calls)
    {
        Action[] all = calls.ToArray();
        for (int pass = 0; pass < 3; pass++)
        {
            foreach (Action call in all)
            {
                long start = Stopwatch.GetTimestamp();
                do
                {
                    call();
                }
                while (Stopwatch.GetTimestamp() - start < Stopwatch.Frequency / 50);
            }

            System.Threading.Thread.Sleep(200);
        }
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
