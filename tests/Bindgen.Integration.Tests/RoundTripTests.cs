using System;
using System.Linq;
using System.Text;
using NUnit.Framework;

namespace Bindgen.Integration.Tests;

/// <summary>Every supported type round-trips through a real guest, in both engine configurations.</summary>
[TestFixture(EngineSetting.Default, "types")]
[TestFixture(EngineSetting.Relocating, "types")]
[TestFixture(EngineSetting.Relocating, "types_growing")]
public sealed class RoundTripTests : GuestFixture
{
    private const int OneMiB = 1 << 20;
    private readonly string _guest;
    private TypesGuest _types = null!;
    private TypesGuestAlternates _alternates = null!;
    private int _liveBefore;

    public RoundTripTests(EngineSetting setting, string guest)
        : base(setting) => _guest = guest;

    [SetUp]
    public void Bind()
    {
        Wasmtime.Instance instance = Instantiate(_guest);
        _types = new TypesGuest(instance, Options);
        _alternates = new TypesGuestAlternates(instance, Options);
        _liveBefore = _types.LiveAllocations();
    }

    [TearDown]
    public void EveryGuestAllocationWasFreed() =>
        Assert.That(_types.LiveAllocations(), Is.EqualTo(_liveBefore), "live guest allocations after the test");

    [Test]
    public void Int_and_uint_round_trip()
    {
        Assert.That(_types.AddI32(40, 2), Is.EqualTo(42));
        Assert.That(_types.AddI32(int.MaxValue, 1), Is.EqualTo(int.MinValue));
        Assert.That(_types.MaxU32(uint.MaxValue, 1), Is.EqualTo(uint.MaxValue));
        Assert.That(_types.MaxU32(0x8000_0000u, 0x7FFF_FFFFu), Is.EqualTo(0x8000_0000u));
    }

    [Test]
    public void Long_and_ulong_round_trip()
    {
        Assert.That(_types.AddI64(long.MaxValue, 1), Is.EqualTo(long.MinValue));
        Assert.That(_types.AddI64(-5_000_000_000, 2), Is.EqualTo(-4_999_999_998));
        Assert.That(_types.MaxU64(ulong.MaxValue, 1), Is.EqualTo(ulong.MaxValue));
        Assert.That(_types.MaxU64(1UL << 63, (1UL << 63) - 1), Is.EqualTo(1UL << 63));
    }

    [Test]
    public void Float_and_double_round_trip()
    {
        Assert.That(_types.MulF32(1.5f, -4f), Is.EqualTo(-6f));
        Assert.That(float.IsNaN(_types.MulF32(float.NaN, 1f)), Is.True);
        Assert.That(_types.MulF32(float.MaxValue, 2f), Is.EqualTo(float.PositiveInfinity));
        Assert.That(_types.MulF64(Math.PI, 2), Is.EqualTo(Math.PI * 2));
        Assert.That(_types.MulF64(double.Epsilon, 0.5), Is.EqualTo(0d));
    }

    [Test]
    public void Bool_round_trips()
    {
        Assert.That(_types.Negate(true), Is.False);
        Assert.That(_types.Negate(false), Is.True);
        Assert.That(_types.IsEven(4), Is.True);
        Assert.That(_types.IsEven(-3), Is.False);
    }

    [Test]
    public void Enums_over_every_underlying_type_round_trip()
    {
        Assert.That(_types.NextColor(Color.Red), Is.EqualTo(Color.Green));
        Assert.That(_types.NextColor(Color.Blue), Is.EqualTo(Color.Red));
        Assert.That(_types.FlipHighBit(HighFlags.Low), Is.EqualTo(HighFlags.High | HighFlags.Low));
        Assert.That(_types.FlipHighBit(HighFlags.High), Is.EqualTo(HighFlags.None));
        Assert.That(_alternates.MaxLevel(Level.Low, Level.Top), Is.EqualTo(Level.Top));
        Assert.That(_alternates.AddOffset(Offset.Far, Offset.MinusOne), Is.EqualTo((Offset)((1L << 40) - 1)));
    }

    [Test]
    public void Void_exports_run()
    {
        _types.Bump();
        _types.Bump();
        _types.Bump();
        Assert.That(_types.BumpCount(), Is.EqualTo(3));
    }

    [TestCase("")]
    [TestCase("hello, world")]
    [TestCase("héllo wörld")]
    [TestCase("日本語のテキスト")]
    [TestCase("emoji 😀🎉 and combining e\u0301")]
    public void Strings_round_trip(string text)
    {
        Assert.That(_types.ToUpper(text), Is.EqualTo(HostReference.AsciiUpper(text)));
        Assert.That(_types.Utf8CodePoints(text), Is.EqualTo(text.EnumerateRunes().Count()));
        Assert.That(_types.Concat(text, "|" + text), Is.EqualTo(text + "|" + text));
    }

    [Test]
    public void A_one_mebibyte_string_round_trips()
    {
        string text = string.Concat(Enumerable.Repeat("ab€😀", OneMiB / 16));
        Assert.That(_types.ToUpper(text), Is.EqualTo(HostReference.AsciiUpper(text)));
        Assert.That(_types.Repeat("xyz", OneMiB / 3), Has.Length.EqualTo(OneMiB / 3 * 3));
    }

    [Test]
    public void Unpaired_surrogates_are_sent_as_replacement_characters()
    {
        Assert.That(_types.ToUpper("a\uD800b"), Is.EqualTo("A\uFFFDB"));
    }

    [Test]
    public void Mixed_parameters_arrive_in_order()
    {
        Assert.That(_types.Describe(-42, long.MinValue, true, "näme"), Is.EqualTo($"näme|-42|{long.MinValue}|true"));
        Assert.That(_types.Describe(int.MinValue, 1234567890123, false, string.Empty), Is.EqualTo($"|{int.MinValue}|1234567890123|false"));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(4096)]
    [TestCase(OneMiB)]
    public void Byte_buffers_in_round_trip(int length)
    {
        byte[] data = Pattern(length, seed: 7);
        int sum = data.Sum(b => (int)b);
        Assert.That(_types.SumBytes(data), Is.EqualTo(sum));
        Assert.That(_alternates.SumByteArray(data), Is.EqualTo(sum));
        Assert.That(_types.Fnv1a(data), Is.EqualTo(HostReference.Fnv1a(data)));
    }

    [TestCase(0)]
    [TestCase(3)]
    [TestCase(OneMiB)]
    public void Byte_arrays_out_round_trip(int length)
    {
        byte[] data = Pattern(length, seed: 11);
        Assert.That(_types.Reverse(data), Is.EqualTo(data.Reverse().ToArray()));
        Assert.That(_alternates.ReverseSpan(data), Is.EqualTo(data.Reverse().ToArray()));
        Assert.That(_types.MakeBytes(length, 99), Is.EqualTo(Pattern(length, 99)));
    }

    [Test]
    public void Byte_array_results_can_carry_any_bytes()
    {
        byte[] raw = [0x00, 0xFF, 0x61, 0xC3];
        Assert.That(_alternates.ToUpperBytes(raw), Is.EqualTo(new byte[] { 0x00, 0xFF, 0x41, 0xC3 }));
    }

    [TestCase(0)]
    [TestCase(4096)]
    [TestCase(OneMiB)]
    public void Span_buffers_are_copied_in_and_back(int length)
    {
        byte[] buffer = Pattern(length, seed: 3);
        byte[] expected = buffer.Select((b, i) => (byte)(b ^ ((5 + i) & 0xFF))).ToArray();
        _types.XorFill(buffer, 5);
        Assert.That(buffer, Is.EqualTo(expected));
    }

    [Test]
    public void Null_arguments_are_rejected_before_any_guest_call()
    {
        Assert.Throws<ArgumentNullException>(() => _types.ToUpper(null!));
        Assert.Throws<ArgumentNullException>(() => _types.Reverse(null!));
    }

    private static byte[] Pattern(int length, int seed) =>
        Enumerable.Range(0, length).Select(i => (byte)((seed + (i * 31)) & 0xFF)).ToArray();

}
