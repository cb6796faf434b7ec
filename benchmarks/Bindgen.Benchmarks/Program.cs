using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Bindgen.Benchmarks;

/// <summary>
/// Entry point. Every BenchmarkDotNet argument works (<c>--filter</c>, <c>--list flat</c>, <c>--job</c>...);
/// with none, every benchmark runs. <c>--short</c> selects <see cref="ShortJob"/>: in-process, few
/// iterations, the whole suite in a few minutes, for a quick look or CI, not for publishing.
/// <c>--interleaved [rounds [text]]</c> runs <see cref="Interleaved"/> instead of BenchmarkDotNet, optionally only
/// the scenarios whose name contains the text. <c>--wasm-bindgen [rounds]</c> runs <see cref="WasmBindgenAnchor"/>, a real
/// wasm-bindgen package against Node. <c>--v8 [rounds]</c> runs <see cref="V8Anchor"/>, the same scenarios
/// in Node beside the .NET variants.
/// </summary>
public static class Program
{
    /// <summary>The argument that selects the short job.</summary>
    public const string ShortArgument = "--short";

    /// <summary>
    /// The short job: in the benchmark process itself (no per-benchmark build and launch), 2 warm-up and
    /// 5 measured iterations of about 100 ms each.
    /// </summary>
    public static Job ShortJob { get; } = Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(2)
        .WithIterationCount(5)
        .WithIterationTime(TimeInterval.FromMilliseconds(100))
        .WithId("Short");

    public static int Main(string[] args)
    {
        int wasmBindgen = Array.IndexOf(args, WasmBindgenAnchor.Argument);
        if (wasmBindgen >= 0)
        {
            return WasmBindgenAnchor.Run(wasmBindgen + 1 < args.Length && int.TryParse(args[wasmBindgen + 1], out int r) ? r : 201);
        }

        int v8 = Array.IndexOf(args, V8Anchor.Argument);
        if (v8 >= 0)
        {
            return V8Anchor.Run(v8 + 1 < args.Length && int.TryParse(args[v8 + 1], out int n) ? n : 201);
        }

        int interleaved = Array.IndexOf(args, Interleaved.Argument);
        if (interleaved >= 0)
        {
            int rounds = interleaved + 1 < args.Length && int.TryParse(args[interleaved + 1], out int r) ? r : 301;
            string? only = interleaved + 2 < args.Length ? args[interleaved + 2] : null;
            return Interleaved.Run(rounds, only);
        }

        bool shortRun = args.Contains(ShortArgument);
        var rest = new List<string>(args.Where(a => a != ShortArgument));
        if (!rest.Any(a => a.StartsWith("--filter", StringComparison.Ordinal) || a == "-f" || a.StartsWith("--list", StringComparison.Ordinal)))
        {
            rest.Add("--filter");
            rest.Add("*");
        }

        IConfig config = DefaultConfig.Instance;
        if (shortRun)
        {
            config = config.AddJob(ShortJob);
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest.ToArray(), config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
