using System;
using System.IO;
using System.Text;
using Wasmtime;

namespace Bindgen.Benchmarks;

/// <summary>
/// The exports of benchmarks/guest/bench.wasm, as the generator sees them. The generated class is
/// <see cref="Bench"/>; <see cref="HandWrittenBench"/> and <see cref="NaiveBench"/> implement the same
/// calls by hand.
/// </summary>
[WasmModule]
public interface IBench
{
    /// <summary>export <c>add</c>: (i32, i32) -> i32.</summary>
    int Add(int a, int b);

    /// <summary>export <c>sum</c>: (ptr, len) -> i32, the wrapping sum of the bytes.</summary>
    int Sum(ReadOnlySpan<byte> data);

    /// <summary>export <c>echo</c>: (ptr, len, ret) -> (), a guest-allocated copy of the text.</summary>
    string Echo(string text);

    /// <summary>export <c>fill</c>: (ptr, len, value) -> (), overwrites the in/out buffer.</summary>
    void Fill(Span<byte> buffer, int value);

    /// <summary>export <c>sum_f64</c>: (ptr, count) -> f64, the sum of the elements (placed 8-aligned).</summary>
    double SumF64(ReadOnlySpan<double> values);

    /// <summary>export <c>scale</c>: (ptr, count, factor) -> (), multiplies the in/out elements by the factor.</summary>
    void Scale(Span<float> values, int factor);

    /// <summary>
    /// export <c>call_describe</c>: (ptr, len) -> i32. The guest calls the import <c>host.describe</c> on its
    /// input and returns the length of the host's result.
    /// </summary>
    int CallDescribe(ReadOnlySpan<byte> data);

    /// <summary>export <c>point_norm2</c>: (ptr) -> f64, a C struct passed by pointer (<c>const point*</c>).</summary>
    double PointNorm2(in Point p);

    /// <summary>export <c>divmod</c>: (i32, i32, ptr) -> i32, the quotient, with the remainder through an out-pointer.</summary>
    int Divmod(int a, int b, out int rem);

    /// <summary>export <c>sum17</c>: 17 parameters, more than Wasmtime's typed delegates take.</summary>
    long Sum17(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, int a12, int a13, int a14, int a15, long a16, double a17);
}

/// <summary>bench.c's <c>point</c>: two doubles, x at 0 and y at 8, 16 bytes.</summary>
public struct Point
{
    /// <summary>The first coordinate.</summary>
    public double X;

    /// <summary>The second coordinate.</summary>
    public double Y;
}

/// <summary>
/// The host side of the import <c>host.describe</c>: (ptr, len, ret) -> (). The generated registration is
/// <see cref="BenchHost"/>; every variant calls the same implementation (<see cref="FixedAnswerHost"/>), so
/// the import benchmark measures the glue around it.
/// </summary>
[WasmImports(BenchGuest.ImportModule)]
public interface IBenchHost
{
    /// <summary>Describes a buffer the guest lends for the duration of the call.</summary>
    string Describe(ReadOnlySpan<byte> data);
}

/// <summary>A <see cref="IBenchHost"/> that reads every byte and answers with one of four fixed strings (no allocation).</summary>
public sealed class FixedAnswerHost : IBenchHost
{
    private static readonly string[] Answers =
    [
        "a short description of the data",
        "eine Beschreibung der Daten: grün",
        "une description des données reçues",
        "описание данных, полученных от гостя",
    ];

    /// <summary>The four answers, in the order the byte sum's low two bits select them (the V8 anchor's JS import uses them).</summary>
    public static System.Collections.Generic.IReadOnlyList<string> AllAnswers => Answers;

    /// <inheritdoc/>
    public string Describe(ReadOnlySpan<byte> data)
    {
        int sum = 0;
        foreach (byte b in data)
        {
            sum += b;
        }

        return Answers[sum & 3];
    }

    /// <summary>The UTF-8 byte length of the answer for <paramref name="data"/>: what call_describe returns.</summary>
    public static int ExpectedLength(ReadOnlySpan<byte> data) => Encoding.UTF8.GetByteCount(new FixedAnswerHost().Describe(data));
}

/// <summary>Loads bench.wasm and creates one store and instance per variant.</summary>
public static class BenchGuest
{
    /// <summary>The import module the guest's <c>describe</c> comes from.</summary>
    public const string ImportModule = "host";

    /// <summary>The import's name.</summary>
    public const string DescribeImport = "describe";

    private static readonly Lazy<byte[]> WasmBytes = new(LoadBytes);

    /// <summary>Compiles bench.wasm (embedded in this assembly) for <paramref name="engine"/>.</summary>
    public static Module LoadModule(Engine engine) => Module.FromBytes(engine, "bench", WasmBytes.Value);

    /// <summary>A copy of bench.wasm's bytes, for runtimes other than Wasmtime (the V8 anchor).</summary>
    public static byte[] ModuleBytes() => (byte[])WasmBytes.Value.Clone();

    private static byte[] LoadBytes()
    {
        using Stream stream = typeof(BenchGuest).Assembly.GetManifestResourceStream("bench.wasm")
            ?? throw new InvalidOperationException("bench.wasm is not embedded in " + typeof(BenchGuest).Assembly.FullName);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Deterministic test bytes of the given length.</summary>
    public static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        uint state = 2463534242;
        for (int i = 0; i < bytes.Length; i++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            bytes[i] = (byte)state;
        }

        return bytes;
    }

    /// <summary>A text of exactly <paramref name="chars"/> UTF-16 chars: ASCII only, or mixed 1-, 2- and 3-byte UTF-8 (no surrogates).</summary>
    public static string Text(int chars, bool ascii)
    {
        const string AsciiSource = "The quick brown fox jumps over the lazy dog. 0123456789 ";
        const string MixedSource = "Grüße aus Köln — naïve façade, Ελληνικά, Кириллица, 漢字かな ✓ ";
        string source = ascii ? AsciiSource : MixedSource;
        var text = new StringBuilder(chars);
        while (text.Length < chars)
        {
            text.Append(source, 0, Math.Min(source.Length, chars - text.Length));
        }

        return text.ToString();
    }

    /// <summary>The wrapping byte sum the guest's <c>sum</c> computes.</summary>
    public static int ExpectedSum(ReadOnlySpan<byte> data)
    {
        uint total = 0;
        foreach (byte b in data)
        {
            total += b;
        }

        return unchecked((int)total);
    }
}
