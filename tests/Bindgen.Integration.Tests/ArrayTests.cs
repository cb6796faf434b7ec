using System;
using System.Linq;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>
/// Arrays and spans of every primitive element type, and the small scalars, round-trip through a real C guest in
/// both engine configurations, checked mode on. The guest traps on a misaligned array, so placement is checked too.
/// </summary>
[TestFixture(EngineSetting.Default, "arrays")]
[TestFixture(EngineSetting.Relocating, "arrays")]
[TestFixture(EngineSetting.Relocating, "arrays_growing")]
public sealed class ArrayTests : GuestFixture
{
    private const int OneMiB = 1 << 20;
    private static readonly int[] Counts = { 0, 1, 3, 17 };
    private readonly string _guest;
    private ArraysGuest _arrays = null!;
    private ArraysGuestAlternates _alternates = null!;
    private int _liveBefore;

    public ArrayTests(EngineSetting setting, string guest)
        : base(setting) => _guest = guest;

    private delegate double Sum<T>(ReadOnlySpan<T> values);

    private delegate void Scale<T>(Span<T> values, int k);

    [SetUp]
    public void Bind()
    {
        Instance instance = Instantiate(_guest);
        _arrays = new ArraysGuest(instance, Options);
        _alternates = new ArraysGuestAlternates(instance, Options);
        _liveBefore = _arrays.LiveAllocations();
    }

    [TearDown]
    public void EveryGuestAllocationWasFreed() =>
        Assert.That(_arrays.LiveAllocations(), Is.EqualTo(_liveBefore), "live guest allocations after the test");

    [Test]
    public void Sbyte_arrays() => RoundTrip<sbyte>(i => unchecked((sbyte)(i * 7 - 50)), _arrays.SumI8, _arrays.ScaleI8, _arrays.MakeI8, _arrays.ReverseI8,
        (v, k, i) => unchecked((sbyte)(v * (sbyte)k + (sbyte)i)), (seed, i) => unchecked((sbyte)(seed + i * 3)));

    [Test]
    public void Byte_arrays() => RoundTrip<byte>(i => unchecked((byte)(i * 7)), _arrays.SumU8, _arrays.ScaleU8, _arrays.MakeU8, _arrays.ReverseU8,
        (v, k, i) => unchecked((byte)(v * (byte)k + (byte)i)), (seed, i) => unchecked((byte)(seed + i * 3)));

    [Test]
    public void Short_arrays() => RoundTrip<short>(i => unchecked((short)(i * 977 - 30000)), _arrays.SumI16, _arrays.ScaleI16, _arrays.MakeI16, _arrays.ReverseI16,
        (v, k, i) => unchecked((short)(v * (short)k + (short)i)), (seed, i) => unchecked((short)(seed + i * 3)));

    [Test]
    public void Ushort_arrays() => RoundTrip<ushort>(i => unchecked((ushort)(i * 977)), _arrays.SumU16, _arrays.ScaleU16, _arrays.MakeU16, _arrays.ReverseU16,
        (v, k, i) => unchecked((ushort)(v * (ushort)k + (ushort)i)), (seed, i) => unchecked((ushort)(seed + i * 3)));

    [Test]
    public void Int_arrays() => RoundTrip<int>(i => unchecked(i * 1_000_003 - 7), _arrays.SumI32, _arrays.ScaleI32, _arrays.MakeI32, _arrays.ReverseI32,
        (v, k, i) => unchecked(v * k + i), (seed, i) => seed + i * 3);

    [Test]
    public void Uint_arrays() => RoundTrip<uint>(i => unchecked((uint)i * 2_654_435_761u), _arrays.SumU32, _arrays.ScaleU32, _arrays.MakeU32, _arrays.ReverseU32,
        (v, k, i) => unchecked(v * (uint)k + (uint)i), (seed, i) => (uint)(seed + i * 3));

    [Test]
    public void Long_arrays() => RoundTrip<long>(i => (long)i * 1_000_000_007L - 5, _arrays.SumI64, _arrays.ScaleI64, _arrays.MakeI64, _arrays.ReverseI64,
        (v, k, i) => unchecked(v * k + i), (seed, i) => seed + i * 3);

    [Test]
    public void Ulong_arrays() => RoundTrip<ulong>(i => unchecked((ulong)i * 0x9E37_79B9_7F4A_7C15UL), _arrays.SumU64, _arrays.ScaleU64, _arrays.MakeU64, _arrays.ReverseU64,
        (v, k, i) => unchecked(v * (ulong)k + (ulong)i), (seed, i) => (ulong)(seed + i * 3));

    [Test]
    public void Float_arrays() => RoundTrip<float>(i => i * 0.25f - 3.5f, _arrays.SumF32, _arrays.ScaleF32, _arrays.MakeF32, _arrays.ReverseF32,
        (v, k, i) => v * k + i, (seed, i) => seed + i * 3);

    [Test]
    public void Double_arrays() => RoundTrip<double>(i => i * Math.PI - 1e6, _arrays.SumF64, _arrays.ScaleF64, _arrays.MakeF64, _arrays.ReverseF64,
        (v, k, i) => v * k + i, (seed, i) => seed + i * 3);

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(OneMiB / 8)]
    public void A_double_array_parameter_passes_as_a_copy(int count)
    {
        double[] values = Enumerable.Range(0, count).Select(i => i * 0.5).ToArray();
        Assert.That(_alternates.SumF64Array(values), Is.EqualTo(HostSum(values)));
    }

    [TestCase("", 0, 0, 0)]
    [TestCase("a", 1, 1, 1)]
    [TestCase("abc", 3, 5, 7)]
    [TestCase("grüße", 2, 3, 1)]
    public void Each_array_sits_at_its_alignment_after_odd_length_neighbours(string text, int doubles, int bytes, int shorts)
    {
        double[] d = Enumerable.Range(0, doubles).Select(i => i + 0.25).ToArray();
        byte[] b = Enumerable.Range(0, bytes).Select(i => (byte)(i + 1)).ToArray();
        short[] s = Enumerable.Range(0, shorts).Select(i => (short)(-i - 1)).ToArray();
        double expected = System.Text.Encoding.UTF8.GetByteCount(text) + d.Sum() + b.Sum(x => (double)x) + s.Sum(x => (double)x);

        // The guest traps on a misaligned double or short array: a result at all means both were aligned.
        Assert.That(_arrays.Mixed(text, d, b, s), Is.EqualTo(expected));
    }

    [Test]
    public void Small_scalars_are_extended_going_in_and_truncated_coming_back()
    {
        Assert.That(_arrays.NegI8(-128), Is.EqualTo((sbyte)-128));
        Assert.That(_arrays.NegI8(5), Is.EqualTo((sbyte)-5));
        Assert.That(_arrays.IncU8(255), Is.EqualTo((byte)0));
        Assert.That(_arrays.IncU8(7), Is.EqualTo((byte)8));
        Assert.That(_arrays.NegI16(short.MinValue), Is.EqualTo(short.MinValue));
        Assert.That(_arrays.NegI16(-300), Is.EqualTo((short)300));
        Assert.That(_arrays.IncU16(ushort.MaxValue), Is.EqualTo((ushort)0));
        Assert.That(_arrays.UpperChar('a'), Is.EqualTo('A'));
        Assert.That(_arrays.UpperChar('é'), Is.EqualTo('é'));
        Assert.That(_arrays.Widen(-5, 200, -300, 60000), Is.EqualTo(-5_000_000_000L + 200_000_000L - 3_000L + 60_000L));
    }

    private void RoundTrip<T>(
        Func<int, T> element, Sum<T> sum, Scale<T> scale, Func<int, int, T[]> make, Func<T[], T[]> reverse,
        Func<T, int, int, T> scaled, Func<int, int, T> made)
        where T : unmanaged
    {
        int oneMiBOfElements = OneMiB / System.Runtime.InteropServices.Marshal.SizeOf<T>();
        foreach (int count in Counts.Append(oneMiBOfElements))
        {
            T[] values = Enumerable.Range(0, count).Select(element).ToArray();
            Assert.That(sum(values), Is.EqualTo(HostSum(values)), $"sum of {count}");
            Assert.That(reverse(values), Is.EqualTo(values.Reverse().ToArray()), $"reverse of {count}");
            Assert.That(make(count, 5), Is.EqualTo(Enumerable.Range(0, count).Select(i => made(5, i)).ToArray()), $"make {count}");

            T[] inOut = values.ToArray();
            scale(inOut, 3);
            Assert.That(inOut, Is.EqualTo(values.Select((v, i) => scaled(v, 3, i)).ToArray()), $"scale of {count} in place");
        }
    }

    /// <summary>The sum the guest computes: each element widened to double, added in order.</summary>
    private static double HostSum<T>(T[] values)
        where T : unmanaged
    {
        double total = 0;
        foreach (T value in values)
        {
            total += Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return total;
    }
}

/// <summary>The same convention against a hand-written WebAssembly guest, in both engine configurations.</summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class ArrayWatTests : GuestFixture
{
    public ArrayWatTests(EngineSetting setting)
        : base(setting)
    {
    }

    [Test]
    public void Arrays_and_small_scalars_round_trip()
    {
        var guest = new ArraysWatGuest(Instantiate("arrays_wat"), Options);
        int live = guest.LiveAllocations();

        Assert.That(guest.SumF64(new[] { 1.5, 2.25, -0.75 }), Is.EqualTo(3.0));
        Assert.That(guest.SumF64(ReadOnlySpan<double>.Empty), Is.EqualTo(0.0));

        long[] values = { 1, -2, long.MaxValue / 4, 0 };
        guest.DoubleAll(values);
        Assert.That(values, Is.EqualTo(new long[] { 2, -4, (long.MaxValue / 4) * 2, 0 }));

        Assert.That(guest.IotaU16(0), Is.Empty);
        Assert.That(guest.IotaU16(5), Is.EqualTo(new ushort[] { 0, 2, 4, 6, 8 }));
        Assert.That(guest.IotaU16(OneMiBOfShorts), Has.Length.EqualTo(OneMiBOfShorts).And.Matches<ushort[]>(a => a[^1] == unchecked((ushort)((OneMiBOfShorts - 1) * 2))));

        Assert.That(guest.NegI16(short.MinValue), Is.EqualTo(short.MinValue));
        Assert.That(guest.NegI16(12), Is.EqualTo((short)-12));
        Assert.That(guest.NextByte(255), Is.EqualTo((byte)0), "the guest's upper bits are dropped");
        Assert.That(guest.NextByte(41), Is.EqualTo((byte)42));
        Assert.That(guest.LiveAllocations(), Is.EqualTo(live), "every result was freed");
    }

    private const int OneMiBOfShorts = (1 << 20) / 2;
}

/// <summary>Arrays in host imports: borrowed views, copies and array results, in both engine configurations.</summary>
[TestFixture(EngineSetting.Default, "array_imports")]
[TestFixture(EngineSetting.Relocating, "array_imports")]
[TestFixture(EngineSetting.Relocating, "array_imports_growing")]
public sealed class ArrayImportTests : GuestFixture
{
    private readonly string _guest;
    private ArrayImportsGuest _binding = null!;
    private Host _host = null!;

    public ArrayImportTests(EngineSetting setting, string guest)
        : base(setting) => _guest = guest;

    [SetUp]
    public void Bind()
    {
        using var linker = new Linker(Engine);
        _host = new Host();
        ArrayHost.Define(linker, _host, Options);
        _binding = ArrayImportsGuest.Instantiate(linker, NewStore(), ModuleOf(_guest), Options);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(1000)]
    public void Arrays_cross_into_the_host_and_back(int count)
    {
        int live = _binding.LiveAllocations();
        Assert.That(_binding.CallSumF64(count), Is.EqualTo(Enumerable.Range(0, count).Sum(i => i + 0.5)));
        Assert.That(_binding.CallFillI32(count, 9), Is.EqualTo(Enumerable.Range(0, count).Sum(i => (long)(9 + i * i) * (i + 1))));
        Assert.That(_binding.CallCodes(count), Is.EqualTo(count + Enumerable.Range(0, count).Sum(i => (long)(ushort)(i * 7 + 1) * (i + 1))));
        Assert.That(_binding.CallHalve(-1001), Is.EqualTo(-500));
        long b = count;
        Assert.That(_binding.CallWeigh13(count), Is.EqualTo(Enumerable.Range(1, 11).Sum(i => i * (b + i - 1)) + (b << 33) + 50), "13 parameters, defined untyped");
        Assert.That(_binding.LiveAllocations(), Is.EqualTo(live));
    }

    [Test]
    public void Structs_and_out_parameters_cross_into_the_host()
    {
        int live = _binding.LiveAllocations();
        Assert.That(_binding.CallNudge(5), Is.EqualTo(15 + 3.0 + 7), "ref: copied out of the guest and back");
        Assert.That(_binding.CallTryLookup(4), Is.EqualTo(2.0), "out: written back to the guest's slot");
        Assert.That(_binding.CallTryLookup(-4), Is.EqualTo(-1000));
        Assert.That(_binding.CallMirror(6), Is.EqualTo(-6000 + 2.5 + 4), "by value in, through sret out");
        Assert.That(_binding.LiveAllocations(), Is.EqualTo(live));
    }

    [Test]
    public void An_out_pointer_outside_memory_is_refused_before_the_implementation_runs()
    {
        int lookups = _host.Lookups;
        var e = Assert.Throws<GuestPointerOutOfBoundsException>(() => _binding.CallTryLookupBad())!;
        Assert.That(e.Message, Does.Contain("TryLookup"));
        Assert.That(_host.Lookups, Is.EqualTo(lookups), "the implementation never ran");
    }

    private sealed class Host : IArrayHost
    {
        public int Lookups { get; private set; }

        public void Nudge(ref CPoint p)
        {
            p.X += 10;
            p.Y *= 2;
        }

        public bool TryLookup(int key, out double value)
        {
            Lookups++;
            value = key * 0.5;
            return key > 0;
        }

        public CPoint Mirror(CPoint p) => new() { X = -p.X, Y = p.Y, Tag = (byte)(p.Tag + 1) };

        public double SumF64(ReadOnlySpan<double> values)
        {
            double total = 0;
            foreach (double value in values)
            {
                total += value;
            }

            return total;
        }

        public void FillI32(Span<int> values, int seed)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = seed + i * i;
            }
        }

        public ushort[] Codes(int[] values) => values.Select(v => unchecked((ushort)(v + 1))).ToArray();

        public short Halve(short value) => (short)(value / 2);

        public long Weigh13(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, long a12, double a13) =>
            a1 + 2L * a2 + 3L * a3 + 4L * a4 + 5L * a5 + 6L * a6 + 7L * a7 + 8L * a8 + 9L * a9 + 10L * a10 + 11L * a11 + a12 + (long)(a13 * 100);
    }
}
