using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Bindgen.Benchmarks;

/// <summary>
/// Inputs and result checks of the array scenarios, shared by the BenchmarkDotNet classes, the interleaved mode
/// and the V8 anchor.
/// </summary>
public static class ArrayScenarios
{
    /// <summary>Elements of the small case.</summary>
    public const int Small = 16;

    /// <summary>Doubles in 1 MiB.</summary>
    public const int MebibyteOfDoubles = 1048576 / sizeof(double);

    /// <summary>Floats in 1 MiB.</summary>
    public const int MebibyteOfFloats = 1048576 / sizeof(float);

    /// <summary>
    /// The factor the timed <c>scale</c> calls use: it flips the sign, so a buffer scaled again and again stays
    /// bounded and exact.
    /// </summary>
    public const int TimedFactor = -1;

    /// <summary>The factor the check uses, on a fresh copy: every product is exact, and differs from the input.</summary>
    public const int CheckFactor = 3;

    /// <summary>
    /// Deterministic doubles: multiples of 1/4 between -32 and 32. Every partial sum is exact in a double, so the
    /// guest's SIMD order of additions and a plain loop give the same bits.
    /// </summary>
    public static double[] Doubles(int count) => BenchGuest.Bytes(count).Select(b => (b - 128) / 4.0).ToArray();

    /// <summary>Deterministic floats: multiples of 1/4 between -32 and 32, so products by small factors are exact.</summary>
    public static float[] Floats(int count) => BenchGuest.Bytes(count).Select(b => (b - 128) / 4f).ToArray();

    /// <summary>The sum <c>sum_f64</c> must return (exact, so independent of the order of additions).</summary>
    public static double ExpectedSum(ReadOnlySpan<double> values)
    {
        double total = 0;
        foreach (double value in values)
        {
            total += value;
        }

        return total;
    }

    /// <summary>Throws unless every variant's <c>sum_f64</c> returns the exact sum of <paramref name="values"/>.</summary>
    public static void CheckSum(BenchVariants v, double[] values) =>
        BenchVariants.Check($"sum_f64 ({values.Length} elements)", ExpectedSum(values), v.Generated.Binding.SumF64(values), v.HandWritten.SumF64(values), v.Naive.SumF64(values));

    /// <summary>What <c>scale</c> by <see cref="CheckFactor"/> must leave in a copy of <paramref name="values"/>.</summary>
    public static float[] ExpectedScaled(float[] values) => values.Select(x => x * CheckFactor).ToArray();

    /// <summary>Throws unless every variant's <c>scale</c> copies the guest's products back, element for element.</summary>
    public static void CheckScale(BenchVariants v, float[] values)
    {
        float[] expected = ExpectedScaled(values);
        foreach ((string name, Action<float[]> scale) in new (string, Action<float[]>)[]
                 {
                     ("generated", b => v.Generated.Binding.Scale(b, CheckFactor)),
                     ("hand-written", b => v.HandWritten.Scale(b, CheckFactor)),
                     ("naive", b => v.Naive.Scale(b, CheckFactor)),
                 })
        {
            float[] copy = (float[])values.Clone();
            scale(copy);
            if (!copy.AsSpan().SequenceEqual(expected))
            {
                throw new InvalidOperationException($"scale ({values.Length} elements): the {name} variant did not copy the guest's products back");
            }
        }
    }
}

/// <summary><c>double sum_f64(ReadOnlySpan&lt;double&gt;)</c>: one 8-aligned guest allocation, one copy in, the call, one free.</summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class SumF64Benchmarks
{
    private BenchVariants _variants = null!;
    private double[] _values = null!;

    /// <summary>Doubles copied into the guest per call: 16, and 1 MiB.</summary>
    [Params(ArrayScenarios.Small, ArrayScenarios.MebibyteOfDoubles)]
    public int Elements { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _variants = new BenchVariants();
        _values = ArrayScenarios.Doubles(Elements);
        ArrayScenarios.CheckSum(_variants, _values);
    }

    [GlobalCleanup]
    public void Cleanup() => _variants.Dispose();

    [Benchmark, BenchmarkCategory(Categories.SumF64)]
    public double Generated() => _variants.Generated.Binding.SumF64(_values);

    [Benchmark(Baseline = true), BenchmarkCategory(Categories.SumF64)]
    public double HandWritten() => _variants.HandWritten.SumF64(_values);

    [Benchmark, BenchmarkCategory(Categories.SumF64)]
    public double Naive() => _variants.Naive.SumF64(_values);
}

/// <summary><c>void scale(Span&lt;float&gt;, int)</c>: an in/out array, copied in and back.</summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class ScaleBenchmarks
{
    private BenchVariants _variants = null!;
    private float[] _values = null!;

    /// <summary>Floats copied in and back per call: 16, and 1 MiB.</summary>
    [Params(ArrayScenarios.Small, ArrayScenarios.MebibyteOfFloats)]
    public int Elements { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _variants = new BenchVariants();
        _values = ArrayScenarios.Floats(Elements);
        ArrayScenarios.CheckScale(_variants, _values);
    }

    [GlobalCleanup]
    public void Cleanup() => _variants.Dispose();

    [Benchmark, BenchmarkCategory(Categories.Scale)]
    public void Generated() => _variants.Generated.Binding.Scale(_values, ArrayScenarios.TimedFactor);

    [Benchmark(Baseline = true), BenchmarkCategory(Categories.Scale)]
    public void HandWritten() => _variants.HandWritten.Scale(_values, ArrayScenarios.TimedFactor);

    [Benchmark, BenchmarkCategory(Categories.Scale)]
    public void Naive() => _variants.Naive.Scale(_values, ArrayScenarios.TimedFactor);
}
