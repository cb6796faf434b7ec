using System;
using System.Text;
using Bindgen;

namespace Bindgen.Integration.Tests.Canonical;

/// <summary>record point { x: s32, y: s32 }</summary>
public readonly record struct Point(int X, int Y);

/// <summary>record entry { name: string, values: list&lt;u32&gt; } — as a class, compared by content in tests.</summary>
public sealed record Entry(string Name, uint[] Values)
{
    public bool Equals(Entry? other) => other is not null && Name == other.Name && Values.AsSpan().SequenceEqual(other.Values);

    public override int GetHashCode() => Name.GetHashCode();
}

/// <summary>enum color { red, green, blue }</summary>
public enum WitColor
{
    Red,
    Green,
    Blue,
}

/// <summary>flags perms { read, write, exec }</summary>
[Flags]
public enum Perms : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    Exec = 4,
}

/// <summary>variant shape { circle(f32), rect(point), empty }</summary>
public abstract record Shape
{
    private Shape()
    {
    }

    public sealed record Circle(float Radius) : Shape;

    public sealed record Rect(Point Corner) : Shape;

    public sealed record Empty() : Shape;
}

/// <summary>The exports of tests/guests/canonical.wasm (see canonical/text.wit).</summary>
/// <remarks>Checked at build time against the component the same core module is wrapped in (File names it).</remarks>
[WasmModule(File = "canonical.component.wasm", Abi = WasmAbi.Canonical, Interface = "local:demo/text@1.0.0")]
public interface ITextGuest
{
    uint CountWords(string text);

    uint PostCalls();

    string EchoString(string s);

    string[] ReverseStrings(string[] items);

    ulong SumBytes(ReadOnlySpan<byte> data);

    byte[] EchoBytes(byte[] data);

    Entry EchoEntry(Entry e);

    Entry?[] EchoEntries(Entry?[] items);

    Result<int, string> ParseNumber(string s);

    uint? Find(string[] items, string needle);

    (Perms, WitColor) Swap(WitColor c, Perms p);

    Point AddPoints(Point a, Point b);

    (bool, sbyte, byte, short, ushort, int, uint, long, ulong, float, double, Rune) Scalars(bool a, sbyte b, byte c, short d, ushort e, int f, uint g, long h, ulong i, float j, double k, Rune l);

    ulong Sum17(uint a1, uint a2, uint a3, uint a4, uint a5, uint a6, uint a7, uint a8, uint a9, uint a10, uint a11, uint a12, uint a13, uint a14, uint a15, uint a16, uint a17);

    WitColor NextColor(WitColor c);

    bool Negate(bool b);

    Shape EchoShape(Shape s);

    Result<string[], Shape> EchoNested(Result<string[], Shape> r);

    string BadUtf8();

    uint? BadDiscriminant();

    Rune BadChar();

    string BadPointer();
}
