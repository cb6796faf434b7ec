using System;
using System.Linq;
using NUnit.Framework;

namespace Bindgen.Integration.Tests;

/// <summary>A C struct as clang lays it out in wasm32: x at 0, y at 8, tag at 16, 24 bytes.</summary>
public struct CPoint
{
    public int X;
    public double Y;
    public byte Tag;
}

/// <summary>Two points, nested by value.</summary>
public struct CSegment
{
    public CPoint From;
    public CPoint To;
}

/// <summary>A single-field struct, which C passes and returns as its double.</summary>
public struct Meters
{
    public double Value;
}

/// <summary>Two shorts: C passes it by pointer and returns it through sret.</summary>
public struct Pair16
{
    public short Lo;
    public short Hi;
}

/// <summary>tests/guests/clib.wasm, declared as its C functions are.</summary>
[WasmModule]
public interface IClib
{
    int LiveAllocations();

    double PointNorm2(in CPoint p);

    CPoint PointScale(CPoint p, double k);

    void PointTranslate(ref CPoint p, int dx, double dy);

    [WasmExport("segment_length2")]
    double SegmentLength2(in CSegment s);

    Meters MetersAdd(Meters a, Meters b);

    Pair16 PairSwap(Pair16 p);

    int Divmod(int a, int b, out int rem);

    bool TryParseInt(string text, out int value);

    void BumpAll(ref sbyte a, ref short b, ref long c, ref float d, ref bool e);

    long PointsSumX(ReadOnlySpan<CPoint> points);

    void PointsShift(Span<CPoint> points, int dx);

    CPoint[] PointsMake(int count);

    long Sum17(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, int a12, int a13, int a14, int a15, long a16, double a17);

    [WasmExport("clib_version")]
    [return: CString]
    string Version();

    [WasmExport("c_strlen")]
    int CStrlen([CString] string? text);

    [WasmExport("c_dup_upper")]
    [return: CString(Owned = true)]
    string? DupUpper([CString] string? text);

    [WasmExport("c_error_text")]
    [return: CString]
    string? ErrorText(int code);

    [WasmExport("c_no_nul")]
    [return: CString]
    string NoNul();

    int NullablePair(byte[]? bytes, double[]? doubles);

    [WasmExport("fill_pattern")]
    int FillPattern([System.Runtime.InteropServices.Out] Span<byte> output, int seed);

    byte[]? MaybeBytes(int mode);
}

/// <summary>The same export declared as never returning null, to see the host refuse a null C string.</summary>
[WasmModule]
public interface IClibStrict
{
    [WasmExport("c_error_text")]
    [return: CString]
    string RequiredErrorText(int code);
}

/// <summary>
/// A C library as clang compiles it: structs by value and by pointer, struct results through sret, a single-field
/// struct as a scalar, out-parameters, arrays of structs and a 17-parameter function, in both engine configurations.
/// </summary>
[TestFixture(EngineSetting.Default, "clib")]
[TestFixture(EngineSetting.Relocating, "clib")]
[TestFixture(EngineSetting.Relocating, "clib_growing")]
public sealed class CLibraryTests : GuestFixture
{
    private readonly string _guest;
    private Clib _lib = null!;
    private ClibStrict _strict = null!;
    private int _liveBefore;

    public CLibraryTests(EngineSetting setting, string guest)
        : base(setting) => _guest = guest;

    [SetUp]
    public void Bind()
    {
        Wasmtime.Instance instance = Instantiate(_guest);
        _lib = new Clib(instance, Options);
        _strict = new ClibStrict(instance, Options);
        _liveBefore = _lib.LiveAllocations();
    }

    [TearDown]
    public void EveryGuestAllocationWasFreed() =>
        Assert.That(_lib.LiveAllocations(), Is.EqualTo(_liveBefore), "live guest allocations after the test");

    [Test]
    public void Structs_pass_by_pointer_and_come_back_through_sret()
    {
        var p = new CPoint { X = 3, Y = 4.5, Tag = 7 };
        Assert.That(_lib.PointNorm2(p), Is.EqualTo(9 + 4.5 * 4.5 + 7));

        CPoint scaled = _lib.PointScale(p, 2);
        Assert.That((scaled.X, scaled.Y, scaled.Tag), Is.EqualTo((6, 9.0, (byte)8)));
        Assert.That((p.X, p.Y, p.Tag), Is.EqualTo((3, 4.5, (byte)7)), "a by-value struct is a copy");

        _lib.PointTranslate(ref p, -10, 0.5);
        Assert.That((p.X, p.Y, p.Tag), Is.EqualTo((-7, 5.0, (byte)7)), "ref copies in and back");

        var s = new CSegment { From = new CPoint { X = 1, Y = 1 }, To = new CPoint { X = 4, Y = 5 } };
        Assert.That(_lib.SegmentLength2(s), Is.EqualTo(25.0));
    }

    [Test]
    public void A_single_field_struct_travels_as_its_scalar_and_a_two_field_one_by_pointer()
    {
        Assert.That(_lib.MetersAdd(new Meters { Value = 1.25 }, new Meters { Value = 2 }).Value, Is.EqualTo(3.25));
        Pair16 swapped = _lib.PairSwap(new Pair16 { Lo = -1, Hi = 300 });
        Assert.That((swapped.Lo, swapped.Hi), Is.EqualTo(((short)300, (short)-1)));
    }

    [Test]
    public void Out_parameters_and_the_try_pattern()
    {
        Assert.That(_lib.Divmod(17, 5, out int rem), Is.EqualTo(3));
        Assert.That(rem, Is.EqualTo(2));
        Assert.That(_lib.Divmod(-17, 5, out rem), Is.EqualTo(-3));
        Assert.That(rem, Is.EqualTo(-2));

        Assert.That(_lib.TryParseInt("-2147483648", out int value), Is.True);
        Assert.That(value, Is.EqualTo(int.MinValue));
        Assert.That(_lib.TryParseInt("12a", out _), Is.False);
        Assert.That(_lib.TryParseInt("", out _), Is.False);
    }

    [Test]
    public void Ref_parameters_of_every_width_are_copied_in_and_back()
    {
        sbyte a = 127;
        short b = -1;
        long c = long.MaxValue - 1;
        float d = 0.5f;
        bool e = false;
        _lib.BumpAll(ref a, ref b, ref c, ref d, ref e);
        Assert.That((a, b, c, d, e), Is.EqualTo(((sbyte)-128, (short)0, long.MaxValue, 1.5f, true)));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(1000)]
    public void Arrays_of_structs_round_trip(int count)
    {
        CPoint[] points = Enumerable.Range(0, count).Select(i => new CPoint { X = i * 2, Y = -i, Tag = 99 }).ToArray();
        Assert.That(_lib.PointsSumX(points), Is.EqualTo(points.Sum(p => (long)p.X)));

        _lib.PointsShift(points, 5);
        Assert.That(points.Select(p => (p.X, p.Y, p.Tag)), Is.EqualTo(Enumerable.Range(0, count).Select(i => (i * 2 + 5, (double)-i, (byte)i))));

        CPoint[] made = _lib.PointsMake(count);
        Assert.That(made.Select(p => (p.X, p.Y, p.Tag)), Is.EqualTo(Enumerable.Range(0, count).Select(i => (i, i * 0.5, unchecked((byte)(i * 3))))));
    }

    [Test]
    public void C_strings_are_read_to_their_nul_and_freed_only_when_owned()
    {
        Assert.That(_lib.Version(), Is.EqualTo("clib 1.2.3 é"));
        Assert.That(_lib.CStrlen("héllo"), Is.EqualTo(6), "UTF-8 bytes before the NUL");
        Assert.That(_lib.CStrlen(""), Is.EqualTo(0), "the empty string is a NUL, not the null pointer");
        Assert.That(_lib.CStrlen(null), Is.EqualTo(-1));
        Assert.That(_lib.DupUpper("abc-xyz"), Is.EqualTo("ABC-XYZ"), "the owned copy is freed (the teardown counts)");
        Assert.That(_lib.DupUpper(null), Is.Null);
        Assert.That(_lib.ErrorText(1), Is.EqualTo("out of range"));
        Assert.That(_lib.ErrorText(0), Is.Null);
        Assert.Throws<ArgumentException>(() => _lib.CStrlen("a\0b"));
    }

    [Test]
    public void Hostile_c_strings_get_typed_exceptions_naming_the_call()
    {
        var missing = Assert.Throws<GuestProtocolException>(() => _strict.RequiredErrorText(0))!;
        Assert.That(missing.Message, Does.Contain("RequiredErrorText").And.Contain("null C string"));
        var unterminated = Assert.Throws<GuestPointerOutOfBoundsException>(() => _lib.NoNul())!;
        Assert.That(unterminated.Message, Does.Contain("NoNul"));
    }

    [Test]
    public void Null_and_empty_stay_apart()
    {
        Assert.That(_lib.NullablePair(null, null), Is.EqualTo(-1000 - 1));
        Assert.That(_lib.NullablePair(Array.Empty<byte>(), Array.Empty<double>()), Is.EqualTo(0));
        Assert.That(_lib.NullablePair(new byte[] { 1, 2 }, new[] { 1.0, 2.0, 3.0 }), Is.EqualTo(2003));
        Assert.That(_lib.MaybeBytes(0), Is.Null);
        Assert.That(_lib.MaybeBytes(1), Is.Empty);
        Assert.That(_lib.MaybeBytes(2), Is.EqualTo(new byte[] { 7, 8, 9 }));
    }

    [TestCase(0)]
    [TestCase(5)]
    [TestCase(70_000)]
    public void An_out_span_is_copied_back_but_not_in(int length)
    {
        byte[] output = Enumerable.Repeat((byte)0xEE, length).ToArray();
        Assert.That(_lib.FillPattern(output, 3), Is.EqualTo(length));
        Assert.That(output, Is.EqualTo(Enumerable.Range(0, length).Select(i => unchecked((byte)(3 + i * 7))).ToArray()));
    }

    [Test]
    public void A_function_with_seventeen_parameters_is_called_untyped()
    {
        long expected = Enumerable.Range(1, 15).Sum(i => (long)i * (i * 100)) + 16L * (1L << 40) + (long)(17 * 2.5);
        Assert.That(_lib.Sum17(100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400, 1500, 1L << 40, 2.5), Is.EqualTo(expected));
    }

    [Test]
    public void A_function_with_seventeen_parameters_allocates_nothing_per_call()
    {
        _lib.Sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17.5);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long sum = 0;
        for (int i = 0; i < 100; i++)
        {
            sum += _lib.Sum17(i, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17.5);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // Each call: i * 1, k * k for the arguments k = 2..15, 16 * 16, and (long)(17 * 17.5), as the weighted sum above.
        long perCall = Enumerable.Range(2, 14).Sum(k => (long)k * k) + 16 * 16 + (long)(17 * 17.5);
        Assert.That(sum, Is.EqualTo(Enumerable.Range(0, 100).Sum(i => i + perCall)));
        if (WasmtimeCallPath.Direct)
        {
            Assert.That(allocated, Is.Zero, "bytes allocated by 100 calls");
        }
        else
        {
            // Wasmtime's public API (where the layout probe failed, or BINDGEN_DIRECT_PATHS=off) takes the arguments as
            // an array of boxes: one array per call, nothing more.
            Assert.That(allocated, Is.LessThanOrEqualTo(100 * 1024), "bytes allocated by 100 calls through the public API");
        }
    }
}
