using System;
using System.Collections.Generic;
using System.Threading;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Wasmtime;

namespace Bindgen.Benchmarks;

/// <summary>
/// <see cref="IBench"/>'s <c>add</c> and <c>sum</c> again, each with a last <see cref="CancellationToken"/>: the
/// generated class is <see cref="CancellableBench"/>. Prices the token's registration around the invoke.
/// </summary>
[WasmModule]
public interface ICancellableBench
{
    /// <summary>export <c>add</c>, cancellable.</summary>
    int Add(int a, int b, CancellationToken cancellationToken);

    /// <summary>export <c>sum</c>, cancellable.</summary>
    int Sum(ReadOnlySpan<byte> data, CancellationToken cancellationToken);
}

/// <summary>
/// The same guest on one engine with epoch interruption (which every variant then pays for in the guest's code):
/// the generated binding without a token (the baseline), and the cancellable binding called with
/// <see cref="CancellationToken.None"/> (cannot be cancelled) and with a live source's token (registered, never
/// cancelled).
/// </summary>
public sealed class CancellationVariants : IDisposable
{
    private readonly Engine _engine;
    private readonly Module _module;
    private readonly Store _plainStore;
    private readonly Store _cancellableStore;
    private readonly Linker _linker;

    /// <summary>Creates the engine, both stores and both bindings.</summary>
    public CancellationVariants()
    {
        _engine = new Engine(new Config().WithEpochInterruption(true));
        _module = BenchGuest.LoadModule(_engine);
        _linker = new Linker(_engine);
        BenchHost.Define(_linker, new FixedAnswerHost());

        // A store without Bindgen's cancellation needs its own deadline on such an engine; far means never.
        _plainStore = new Store(_engine);
        _plainStore.SetEpochDeadline(1UL << 40);
        Plain = Bench.Instantiate(_linker, _plainStore, _module);

        _cancellableStore = new Store(_engine);
        Cancellable = CancellableBench.Instantiate(_engine, _linker, _cancellableStore, _module);
    }

    /// <summary>The generated binding without tokens.</summary>
    public Bench Plain { get; }

    /// <summary>The generated binding whose methods take a token.</summary>
    public CancellableBench Cancellable { get; }

    /// <summary>A source that is never cancelled: its token can be, so each call registers it.</summary>
    public CancellationTokenSource Source { get; } = new();

    /// <summary>The interleaved scenarios: per call, the token's cost against the same call without one.</summary>
    public IEnumerable<Interleaved.Scenario> Scenarios()
    {
        CancellationToken live = Source.Token;
        yield return new("add, token", [
            new("NoToken", () => Plain.Add(40, 2)),
            new("TokenNone", () => Cancellable.Add(40, 2, CancellationToken.None)),
            new("TokenLive", () => Cancellable.Add(40, 2, live)),
        ]);

        byte[] data = BenchGuest.Bytes(16);
        yield return new("sum(span) 16 B, token", [
            new("NoToken", () => Plain.Sum(data)),
            new("TokenNone", () => Cancellable.Sum(data, CancellationToken.None)),
            new("TokenLive", () => Cancellable.Sum(data, live)),
        ]);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Source.Dispose();
        _linker.Dispose();
        _cancellableStore.Dispose();
        _plainStore.Dispose();
        _module.Dispose();
        _engine.Dispose();
    }
}

/// <summary>
/// <c>int add(int, int)</c> with and without a <see cref="CancellationToken"/> (not cancelled), on an engine with
/// epoch interruption: what a cancellable method costs per call when nothing is cancelled.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class CancellationBenchmarks
{
    private CancellationVariants _variants = null!;
    private CancellationToken _live;
    private int _a = 40;
    private int _b = 2;

    [GlobalSetup]
    public void Setup()
    {
        _variants = new CancellationVariants();
        _live = _variants.Source.Token;
        BenchVariants.Check("add", 42, _variants.Plain.Add(_a, _b), _variants.Cancellable.Add(_a, _b, CancellationToken.None), _variants.Cancellable.Add(_a, _b, _live));
    }

    [GlobalCleanup]
    public void Cleanup() => _variants.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("add, token")]
    public int NoToken() => _variants.Plain.Add(_a, _b);

    [Benchmark, BenchmarkCategory("add, token")]
    public int TokenNone() => _variants.Cancellable.Add(_a, _b, CancellationToken.None);

    [Benchmark, BenchmarkCategory("add, token")]
    public int TokenLive() => _variants.Cancellable.Add(_a, _b, _live);
}
