using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Wasmtime;

namespace Bindgen.Benchmarks;

/// <summary>
/// What the glue is made of, priced one operation at a time, to explain the ratios of the other
/// benchmarks: a memory length query and a span (the native calls every bounds check and view costs),
/// one typed export call, and one guest malloc + free pair.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class WasmtimeCostBenchmarks
{
    /// <summary>The category of these benchmarks.</summary>
    public const string Category = "wasmtime parts";

    private Engine _engine = null!;
    private Module _module = null!;
    private HandWrittenBench _bench = null!;
    private Store _store = null!;
    private Memory _memory = null!;
    private Func<int, int> _malloc = null!;
    private Action<int> _free = null!;
    private int _address;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new Engine();
        _module = BenchGuest.LoadModule(_engine);
        _bench = new HandWrittenBench(_engine, _module, new FixedAnswerHost());
        _store = new Store(_engine);
        using var linker = new Linker(_engine);
        new HandWrittenDescribeImport(new FixedAnswerHost()).Define(linker);
        Instance instance = linker.Instantiate(_store, _module);
        _memory = instance.GetMemory("memory")!;
        _malloc = instance.GetFunction<int, int>("malloc")!;
        _free = instance.GetAction<int>("free")!;
        _address = _malloc(64);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _bench.Dispose();
        _module.Dispose();
        _engine.Dispose();
    }

    /// <summary>One typed export call (<c>add</c>): the floor of every scenario.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Category)]
    public int TypedCall() => _bench.Add(1, 2);

    /// <summary><see cref="Memory.GetLength"/>: what one bounds check against the live memory costs.</summary>
    [Benchmark, BenchmarkCategory(Category)]
    public long GetLength() => _memory.GetLength();

    /// <summary><see cref="Memory.GetSpan(long, int)"/> of 16 bytes: what one fresh view costs.</summary>
    [Benchmark, BenchmarkCategory(Category)]
    public int GetSpan() => _memory.GetSpan(_address, 16).Length;

    /// <summary>A guest <c>malloc(16)</c> and <c>free</c> through typed delegates.</summary>
    [Benchmark, BenchmarkCategory(Category)]
    public void MallocFree() => _free(_malloc(16));
}
