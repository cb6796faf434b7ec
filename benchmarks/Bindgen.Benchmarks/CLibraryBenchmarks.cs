using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Bindgen.Benchmarks;

/// <summary>Inputs and result checks of the C-library scenarios, shared by the BenchmarkDotNet classes and the interleaved mode.</summary>
public static class CLibraryScenarios
{
    /// <summary>The point every <c>point_norm2</c> call passes; its squared norm is exact.</summary>
    public static readonly Point Point = new() { X = 3, Y = -4.5 };

    /// <summary>The squared norm of <see cref="Point"/>.</summary>
    public const double ExpectedNorm2 = 9 + 20.25;

    /// <summary>Throws unless every variant's <c>point_norm2</c> returns <see cref="ExpectedNorm2"/>.</summary>
    public static void CheckPointNorm2(BenchVariants v) =>
        BenchVariants.Check("point_norm2", ExpectedNorm2, v.Generated.Binding.PointNorm2(Point), v.HandWritten.PointNorm2(Point), v.Naive.PointNorm2(Point));

    /// <summary>Throws unless every variant's <c>divmod</c> returns C's quotient and remainder, through the out-parameter.</summary>
    public static void CheckDivmod(BenchVariants v)
    {
        int generated = v.Generated.Binding.Divmod(-17, 5, out int generatedRem);
        int handWritten = v.HandWritten.Divmod(-17, 5, out int handWrittenRem);
        int naive = v.Naive.Divmod(-17, 5, out int naiveRem);
        BenchVariants.Check("divmod", (-3, -2), (generated, generatedRem), (handWritten, handWrittenRem), (naive, naiveRem));
    }

    /// <summary>The sum <c>sum17</c> returns for arguments 1..17: the sum of k*k.</summary>
    public const long ExpectedSum17 = 1785;

    /// <summary>Calls <c>sum17</c> with the arguments 1..17 through <paramref name="sum17"/>.</summary>
    public static long CallSum17(Sum17Call sum17) => sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);

    /// <summary>Throws unless every variant's <c>sum17</c> returns <see cref="ExpectedSum17"/>.</summary>
    public static void CheckSum17(BenchVariants v) =>
        BenchVariants.Check("sum17", ExpectedSum17, CallSum17(v.Generated.Binding.Sum17), CallSum17(v.HandWritten.Sum17), CallSum17(v.Naive.Sum17));

    /// <summary>The shape of every variant's <c>Sum17</c>.</summary>
    public delegate long Sum17Call(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, int a12, int a13, int a14, int a15, long a16, double a17);
}

/// <summary><c>double point_norm2(const point*)</c> as <c>PointNorm2(in Point)</c>: a 16-byte struct copied in by pointer.</summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class PointNorm2Benchmarks
{
    private BenchVariants _variants = null!;
    private Point _point = CLibraryScenarios.Point;

    [GlobalSetup]
    public void Setup()
    {
        _variants = new BenchVariants();
        CLibraryScenarios.CheckPointNorm2(_variants);
    }

    [GlobalCleanup]
    public void Cleanup() => _variants.Dispose();

    [Benchmark, BenchmarkCategory(Categories.PointNorm2)]
    public double Generated() => _variants.Generated.Binding.PointNorm2(in _point);

    [Benchmark(Baseline = true), BenchmarkCategory(Categories.PointNorm2)]
    public double HandWritten() => _variants.HandWritten.PointNorm2(in _point);

    [Benchmark, BenchmarkCategory(Categories.PointNorm2)]
    public double Naive() => _variants.Naive.PointNorm2(in _point);
}

/// <summary><c>int divmod(int, int, int*)</c> as <c>Divmod(int, int, out int)</c>: a 4-byte out slot read back.</summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class DivmodBenchmarks
{
    private BenchVariants _variants = null!;

    [GlobalSetup]
    public void Setup()
    {
        _variants = new BenchVariants();
        CLibraryScenarios.CheckDivmod(_variants);
    }

    [GlobalCleanup]
    public void Cleanup() => _variants.Dispose();

    [Benchmark, BenchmarkCategory(Categories.Divmod)]
    public int Generated() => _variants.Generated.Binding.Divmod(-17, 5, out _);

    [Benchmark(Baseline = true), BenchmarkCategory(Categories.Divmod)]
    public int HandWritten() => _variants.HandWritten.Divmod(-17, 5, out _);

    [Benchmark, BenchmarkCategory(Categories.Divmod)]
    public int Naive() => _variants.Naive.Divmod(-17, 5, out _);
}

/// <summary>
/// <c>sum17</c>: 17 parameters, past Wasmtime's typed delegates, so the baseline is <c>Function.Invoke</c> with the
/// function resolved once and its argument array reused.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class Sum17Benchmarks
{
    private BenchVariants _variants = null!;

    [GlobalSetup]
    public void Setup()
    {
        _variants = new BenchVariants();
        CLibraryScenarios.CheckSum17(_variants);
    }

    [GlobalCleanup]
    public void Cleanup() => _variants.Dispose();

    [Benchmark, BenchmarkCategory(Categories.Sum17)]
    public long Generated() => _variants.Generated.Binding.Sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);

    [Benchmark(Baseline = true), BenchmarkCategory(Categories.Sum17)]
    public long HandWritten() => _variants.HandWritten.Sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);

    [Benchmark, BenchmarkCategory(Categories.Sum17)]
    public long Naive() => _variants.Naive.Sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
}
