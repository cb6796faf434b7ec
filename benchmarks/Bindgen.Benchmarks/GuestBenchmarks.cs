using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Wasmtime;

namespace Bindgen.Benchmarks;

/// <summary>
/// One engine, one compiled bench.wasm, and one store + instance per variant: (a) the generated binding,
/// (b) hand-written Wasmtime code (the baseline), (c) the naive boxed path.
/// </summary>
public sealed class BenchVariants : IDisposable
{
    private readonly Engine _engine;
    private readonly Module _module;

    /// <summary>Creates the three variants over fresh instances.</summary>
    public BenchVariants()
    {
        _engine = new Engine();
        _module = BenchGuest.LoadModule(_engine);
        IBenchHost host = new FixedAnswerHost();
        Generated = new GeneratedBench(_engine, _module, host);
        GeneratedPerCall = new GeneratedBench(_engine, _module, host, new GuestMemoryOptions { ScratchBlock = false });
        HandWritten = new HandWrittenBench(_engine, _module, host);
        HandWrittenImportPerCall = new HandWrittenBench(_engine, _module, host, importMemoryPerCall: true);
        GeneratedWithHandWrittenImport = new GeneratedBench(_engine, _module, host, handWrittenImport: true);
        GeneratedWithPerCallImport = new GeneratedBench(_engine, _module, host, handWrittenImport: true, importMemoryPerCall: true);
        GeneratedSharedLinker = new GeneratedBench(_engine, _module, host, sharedLinker: true);
        Naive = new NaiveBench(_engine, _module, host);
        Steps = new GlueSteps(_engine, _module, host);
        EchoSteps = new EchoSteps(_engine, _module, host);
        Floor = new CallFloor(_engine, _module, host);
    }

    /// <summary>Variant (a).</summary>
    public GeneratedBench Generated { get; }

    /// <summary>Variant (a) with <see cref="GuestMemoryOptions.ScratchBlock"/> off: a malloc and a free around every call.</summary>
    public GeneratedBench GeneratedPerCall { get; }

    /// <summary>Variant (b), the baseline.</summary>
    public HandWrittenBench HandWritten { get; }

    /// <summary>Variant (a) with the hand-written import bound to its instance: the host import's import side alone.</summary>
    public GeneratedBench GeneratedWithHandWrittenImport { get; }

    /// <summary>Variant (a) with the generated import defined on a shared linker instead of bound to its instance.</summary>
    public GeneratedBench GeneratedSharedLinker { get; }

    /// <summary>Variant (a) with the hand-written import that looks its caller's memory up on every call.</summary>
    public GeneratedBench GeneratedWithPerCallImport { get; }

    /// <summary>Variant (b) with the import looking its caller's memory up on every call.</summary>
    public HandWrittenBench HandWrittenImportPerCall { get; }

    /// <summary>Variant (c).</summary>
    public NaiveBench Naive { get; }

    /// <summary>A diagnostic: the generated array glue taken apart (the interleaved mode's <c>gap</c> scenarios).</summary>
    public GlueSteps Steps { get; }

    /// <summary>A diagnostic: the generated string glue taken apart (the interleaved mode's <c>gap echo</c> scenarios).</summary>
    public EchoSteps EchoSteps { get; }

    /// <summary>A diagnostic: <c>add</c> through a direct call of the C API, under Wasmtime's typed delegate.</summary>
    public CallFloor Floor { get; }

    /// <summary>Throws unless all three variants agree with <paramref name="expected"/>.</summary>
    public static void Check<T>(string scenario, T expected, T generated, T handWritten, T naive)
    {
        if (!Equals(expected, generated) || !Equals(expected, handWritten) || !Equals(expected, naive))
        {
            throw new InvalidOperationException(
                $"{scenario}: variants disagree (expected {expected}, generated {generated}, hand-written {handWritten}, naive {naive})");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Floor.Dispose();
        EchoSteps.Dispose();
        Steps.Dispose();
        Naive.Dispose();
        HandWrittenImportPerCall.Dispose();
        GeneratedWithHandWrittenImport.Dispose();
        GeneratedWithPerCallImport.Dispose();
        GeneratedSharedLinker.Dispose();
        HandWritten.Dispose();
        GeneratedPerCall.Dispose();
        Generated.Dispose();
        _module.Dispose();
        _engine.Dispose();
    }
}

/// <summary>Names of the benchmark categories: one per scenario, each with its own hand-written baseline.</summary>
public static class Categories
{
    /// <summary>Two i32 in, one out.</summary>
    public const string Add = "add";

    /// <summary>A ReadOnlySpan&lt;byte&gt; copied in.</summary>
    public const string Sum = "sum(span)";

    /// <summary>A string copied in and a guest-allocated string copied out.</summary>
    public const string Echo = "echo(string)";

    /// <summary>A Span&lt;byte&gt; copied in and back.</summary>
    public const string Fill = "fill(span)";

    /// <summary>A ReadOnlySpan&lt;double&gt; copied in.</summary>
    public const string SumF64 = "sum(span<double>)";

    /// <summary>A Span&lt;float&gt; copied in and back.</summary>
    public const string Scale = "scale(span<float>)";

    /// <summary>An export that calls a host import with a borrowed buffer and receives a host-allocated string.</summary>
    public const string HostImport = "host import";

    /// <summary>A C struct passed by pointer (<c>in</c>).</summary>
    public const string PointNorm2 = "point_norm2(in struct)";

    /// <summary>An out-parameter read back after the call.</summary>
    public const string Divmod = "divmod(out int)";

    /// <summary>17 parameters, past Wasmtime's typed delegates.</summary>
    public const string Sum17 = "sum17(17 parameters)";

    /// <summary>The source generator itself.</summary>
    public const string Generator = "generator";
}

/// <summary><c>int add(int, int)</c>: the per-call cost of the glue with no memory traffic.</summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class AddBenchmarks
{
    private BenchVariants _variants = null!;
    private int _a = 40;
    private int _b = 2;

    [GlobalSetup]
    public void Setup()
    {
        _variants = new BenchVariants();
        BenchVariants.Check("add", 42, _variants.Generated.Binding.Add(_a, _b), _variants.HandWritten.Add(_a, _b), _variants.Naive.Add(_a, _b));
    }

    [GlobalCleanup]
    public void Cleanup() => _variants.Dispose();

    [Benchmark, BenchmarkCategory(Categories.Add)]
    public int Generated() => _variants.Generated.Binding.Add(_a, _b);

    [Benchmark(Baseline = true), BenchmarkCategory(Categories.Add)]
    public int HandWritten() => _variants.HandWritten.Add(_a, _b);

    [Benchmark, BenchmarkCategory(Categories.Add)]
    public int Naive() => _variants.Naive.Add(_a, _b);
}

/// <summary><c>int sum(ReadOnlySpan&lt;byte&gt;)</c>: one guest allocation, one copy in, the call, one free.</summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class SumBenchmarks
{
    private BenchVariants _variants = null!;
    private byte[] _data = null!;

    /// <summary>Bytes copied into the guest per call.</summary>
    [Params(16, 4096, 1048576)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _variants = new BenchVariants();
        _data = BenchGuest.Bytes(Bytes);
        BenchVariants.Check("sum", BenchGuest.ExpectedSum(_data), Generated(), HandWritten(), Naive());
    }

    [GlobalCleanup]
    public void Cleanup() => _variants.Dispose();

    [Benchmark, BenchmarkCategory(Categories.Sum)]
    public int Generated() => _variants.Generated.Binding.Sum(_data);

    [Benchmark(Baseline = true), BenchmarkCategory(Categories.Sum)]
    public int HandWritten() => _variants.HandWritten.Sum(_data);

    [Benchmark, BenchmarkCategory(Categories.Sum)]
    public int Naive() => _variants.Naive.Sum(_data);
}

/// <summary>Which characters an echo text is made of.</summary>
public enum TextKind
{
    /// <summary>ASCII only: one UTF-8 byte per char.</summary>
    Ascii,

    /// <summary>Mixed Latin, Greek, Cyrillic and CJK: 1 to 3 UTF-8 bytes per char.</summary>
    NonAscii,
}

/// <summary>
/// <c>string echo(string)</c>: UTF-8 encode in, the guest allocates a copy, read it back through the
/// return area, decode, free. The result string is the one allocation every variant must make.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class EchoBenchmarks
{
    private BenchVariants _variants = null!;
    private string _text = null!;

    /// <summary>UTF-16 chars in the text.</summary>
    [Params(16, 4096)]
    public int Chars { get; set; }

    /// <summary>ASCII or non-ASCII text.</summary>
    [Params(TextKind.Ascii, TextKind.NonAscii)]
    public TextKind Text { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _variants = new BenchVariants();
        _text = BenchGuest.Text(Chars, Text == TextKind.Ascii);
        BenchVariants.Check("echo", _text, Generated(), HandWritten(), Naive());
    }

    [GlobalCleanup]
    public void Cleanup() => _variants.Dispose();

    [Benchmark, BenchmarkCategory(Categories.Echo)]
    public string Generated() => _variants.Generated.Binding.Echo(_text);

    [Benchmark(Baseline = true), BenchmarkCategory(Categories.Echo)]
    public string HandWritten() => _variants.HandWritten.Echo(_text);

    [Benchmark, BenchmarkCategory(Categories.Echo)]
    public string Naive() => _variants.Naive.Echo(_text);
}

/// <summary><c>void fill(Span&lt;byte&gt;, int)</c>: an in/out buffer, copied in and back.</summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class FillBenchmarks
{
    private BenchVariants _variants = null!;
    private byte[] _buffer = null!;

    /// <summary>Bytes copied in and back per call.</summary>
    [Params(4096)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _variants = new BenchVariants();
        _buffer = new byte[Bytes];
        byte[][] results = new byte[3][];
        int i = 0;
        foreach (Action<byte[]> variant in new Action<byte[]>[]
                 {
                     b => _variants.Generated.Binding.Fill(b, 0x5A),
                     b => _variants.HandWritten.Fill(b, 0x5A),
                     b => _variants.Naive.Fill(b, 0x5A),
                 })
        {
            results[i] = new byte[Bytes];
            variant(results[i]);
            i++;
        }

        foreach (byte[] result in results)
        {
            if (Array.Exists(result, b => b != 0x5A))
            {
                throw new InvalidOperationException("fill: a variant did not copy the guest's bytes back");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _variants.Dispose();

    [Benchmark, BenchmarkCategory(Categories.Fill)]
    public void Generated() => _variants.Generated.Binding.Fill(_buffer, 0x5A);

    [Benchmark(Baseline = true), BenchmarkCategory(Categories.Fill)]
    public void HandWritten() => _variants.HandWritten.Fill(_buffer, 0x5A);

    [Benchmark, BenchmarkCategory(Categories.Fill)]
    public void Naive() => _variants.Naive.Fill(_buffer, 0x5A);
}

/// <summary>
/// The host-import round trip: the host copies 64 bytes in and calls <c>call_describe</c>; the guest lends
/// them to the import <c>host.describe</c>, whose result string the host allocates in the guest with
/// <c>malloc</c> and writes through the guest's return area; the guest frees it and returns its length.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class HostImportBenchmarks
{
    private BenchVariants _variants = null!;
    private byte[] _data = null!;

    [GlobalSetup]
    public void Setup()
    {
        _variants = new BenchVariants();
        _data = BenchGuest.Bytes(64);
        BenchVariants.Check("host import", FixedAnswerHost.ExpectedLength(_data), Generated(), HandWritten(), Naive());
    }

    [GlobalCleanup]
    public void Cleanup() => _variants.Dispose();

    [Benchmark, BenchmarkCategory(Categories.HostImport)]
    public int Generated() => _variants.Generated.Binding.CallDescribe(_data);

    [Benchmark(Baseline = true), BenchmarkCategory(Categories.HostImport)]
    public int HandWritten() => _variants.HandWritten.CallDescribe(_data);

    [Benchmark, BenchmarkCategory(Categories.HostImport)]
    public int Naive() => _variants.Naive.CallDescribe(_data);
}
