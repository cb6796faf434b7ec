using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Bindgen.Integration.Tests;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Emscripten.Tests;

public enum Color
{
    Red = 1,
    Green = 2,
    Blue = 3,
}

public enum Level : byte
{
    Low,
    Mid,
    High,
}

/// <summary>C's <c>struct hash_state { uint32_t count; uint32_t state[8]; uint8_t tag; }</c> with a fixed buffer.</summary>
public unsafe struct HashState
{
    public uint Count;
    public fixed uint State[8];
    public byte Tag;
}

[InlineArray(8)]
public struct Words8
{
    private uint _element;
}

/// <summary>The same struct with an [InlineArray] member.</summary>
public struct HashStateInline
{
    public uint Count;
    public Words8 State;
    public byte Tag;
}

/// <summary>guests/cshapes.wat, declared as its C functions are.</summary>
[WasmModule(Initialize = "")]
public interface ICShapes
{
    int CountTrue(ReadOnlySpan<bool> flags);

    void MarkThirds(Span<bool> flags);

    uint SumChars(ReadOnlySpan<char> text);

    void AsciiUpper(Span<char> text);

    int WeighColors(Color[] colors);

    void LevelsUp(Span<Level> levels);

    void StateInit(out HashState state);

    uint StateDigest(in HashState state);

    // Two wasm results (i32, i64): a value tuple.
    [WasmExport("divmod")]
    (int Quotient, long Remainder) DivMod(long a, long b);
}

/// <summary>The struct functions of guests/cshapes.wat, with the array member an [InlineArray].</summary>
[WasmModule(Initialize = "")]
public interface ICShapesInline
{
    void StateInit(out HashStateInline state);

    uint StateDigest(in HashStateInline state);
}

/// <summary>Arrays of bool, char and enums, and fixed-size arrays in structs, through a guest laid out as clang lays out C.</summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class CShapesTests
{
    private readonly EngineSetting _setting;

    public CShapesTests(EngineSetting setting) => _setting = setting;

    [Test]
    public void Arrays_of_bool_char_and_enums_pass_as_C_arrays()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        CShapes guest = Instantiate(engine, store);

        bool[] flags = Enumerable.Range(0, 10).Select(i => i % 4 == 1).ToArray();
        Assert.That(guest.CountTrue(flags), Is.EqualTo(3));

        var marked = new bool[7];
        guest.MarkThirds(marked);
        Assert.That(marked, Is.EqualTo(new[] { true, false, false, true, false, false, true }));
        Assert.That(marked[0] == true && marked.Count(b => b) == 3, Is.True, "bytes of 7 read back as canonical true");

        Assert.That(guest.SumChars("héllo ✓".AsSpan()), Is.EqualTo((uint)"héllo ✓".Sum(c => c)));
        char[] text = "Hello, wörld!".ToCharArray();
        guest.AsciiUpper(text);
        Assert.That(new string(text), Is.EqualTo("HELLO, WöRLD!"));

        Assert.That(guest.WeighColors(new[] { Color.Blue, Color.Red, Color.Green }), Is.EqualTo((3 * 1) + (1 * 2) + (2 * 3)));
        var levels = new[] { Level.Low, Level.Mid, Level.Low };
        guest.LevelsUp(levels);
        Assert.That(levels, Is.EqualTo(new[] { Level.Mid, Level.High, Level.Mid }));
    }

    [Test]
    public void Multi_value_results_are_value_tuples()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        CShapes guest = Instantiate(engine, store);

        Assert.That(guest.DivMod(47, 5), Is.EqualTo((9, 2L)));
        Assert.That(guest.DivMod(-(1L << 40) - 3, 1L << 20), Is.EqualTo((-(1 << 20), -3L)));
    }

    [Test]
    public unsafe void Fixed_size_arrays_in_structs_are_laid_out_in_place()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        CShapes guest = Instantiate(engine, store);
        uint expected = (uint)Enumerable.Range(0, 8).Sum(i => ((i * i) + 1) * (i + 1)) + 8 + (0x5Au << 16);

        guest.StateInit(out HashState state);
        var words = new uint[8];
        for (int i = 0; i < 8; i++)
        {
            words[i] = state.State[i];
        }

        Assert.That(words, Is.EqualTo(Enumerable.Range(0, 8).Select(i => (uint)((i * i) + 1))));
        Assert.That((state.Count, state.Tag), Is.EqualTo((8u, (byte)0x5A)));
        Assert.That(guest.StateDigest(state), Is.EqualTo(expected));

        using Module module = Load(engine);
        CShapesInline inlineGuest = CShapesInline.Instantiate(store, module, GuestMemoryOptions.Checked);
        inlineGuest.StateInit(out HashStateInline inline);
        Assert.That(inline.State[7], Is.EqualTo(50u));
        inline.State[0] = 100;
        Assert.That(inlineGuest.StateDigest(inline), Is.EqualTo(expected + 99));
    }

    private static CShapes Instantiate(Engine engine, Store store)
    {
        using Module module = Load(engine);
        return CShapes.Instantiate(store, module, GuestMemoryOptions.Checked);
    }

    private static Module Load(Engine engine) =>
        Module.FromText(engine, "cshapes", File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "guests", "cshapes.wat")));
}
