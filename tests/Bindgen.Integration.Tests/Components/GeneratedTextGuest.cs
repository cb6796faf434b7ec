using System;
using System.Linq;
using System.Text;
using Bindgen.Integration.Tests.Canonical;
using Gen = Bindgen.Integration.Tests.Components.Text;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// The generated binding of canonical.component.wasm (bound from the binary alone: the WIT types below are generated)
/// seen through the canonical tests' <see cref="ITextGuest"/>, so the same calls run through it, through the
/// hand-declared canonical binding and through Wasmtime.Components.
/// </summary>
public sealed class GeneratedTextGuest : ITextGuest
{
    public GeneratedTextGuest(Gen.Canonical component) => Component = component;

    public Gen.Canonical Component { get; }

    private Gen.IText T => Component.Text;

    public uint CountWords(string text) => T.CountWords(text);

    public uint PostCalls() => T.PostCalls();

    public string EchoString(string s) => T.EchoString(s);

    public string[] ReverseStrings(string[] items) => T.ReverseStrings(items);

    public ulong SumBytes(ReadOnlySpan<byte> data) => T.SumBytes(data.ToArray());

    public byte[] EchoBytes(byte[] data) => T.EchoBytes(data);

    public Entry EchoEntry(Entry e) => From(T.EchoEntry(To(e)));

    public Entry?[] EchoEntries(Entry?[] items) => T.EchoEntries(items.Select(e => e is null ? null : To(e)).ToArray()).Select(e => e is null ? null : From(e)).ToArray();

    public Result<int, string> ParseNumber(string s) => T.ParseNumber(s);

    public uint? Find(string[] items, string needle) => T.Find(items, needle);

    public (Perms, WitColor) Swap(WitColor c, Perms p)
    {
        (Gen.IText.Perms perms, Gen.IText.Color color) = T.Swap((Gen.IText.Color)(int)c, (Gen.IText.Perms)(uint)p);
        return ((Perms)(byte)perms, (WitColor)(int)color);
    }

    public Point AddPoints(Point a, Point b) => From(T.AddPoints(To(a), To(b)));

    public (bool, sbyte, byte, short, ushort, int, uint, long, ulong, float, double, Rune) Scalars(bool a, sbyte b, byte c, short d, ushort e, int f, uint g, long h, ulong i, float j, double k, Rune l) =>
        T.Scalars(a, b, c, d, e, f, g, h, i, j, k, l);

    public ulong Sum17(uint a1, uint a2, uint a3, uint a4, uint a5, uint a6, uint a7, uint a8, uint a9, uint a10, uint a11, uint a12, uint a13, uint a14, uint a15, uint a16, uint a17) =>
        T.Sum17(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17);

    public WitColor NextColor(WitColor c) => (WitColor)(int)T.NextColor((Gen.IText.Color)(int)c);

    public bool Negate(bool b) => T.Negate(b);

    public Shape EchoShape(Shape s) => From(T.EchoShape(To(s)));

    public Result<string[], Shape> EchoNested(Result<string[], Shape> r)
    {
        Result<string[], Gen.IText.Shape> result = T.EchoNested(r.IsOk ? Result<string[], Gen.IText.Shape>.Ok(r.Value) : Result<string[], Gen.IText.Shape>.Err(To(r.Error)));
        return result.IsOk ? Result<string[], Shape>.Ok(result.Value) : Result<string[], Shape>.Err(From(result.Error));
    }

    public string BadUtf8() => T.BadUtf8();

    public uint? BadDiscriminant() => T.BadDiscriminant();

    public Rune BadChar() => T.BadChar();

    public string BadPointer() => T.BadPointer();

    private static Gen.IText.Entry To(Entry e) => new(e.Name, e.Values);

    private static Entry From(Gen.IText.Entry e) => new(e.Name, e.Values);

    private static Gen.IText.Point To(Point p) => new(p.X, p.Y);

    private static Point From(Gen.IText.Point p) => new(p.X, p.Y);

    private static Gen.IText.Shape To(Shape s) => s switch
    {
        Shape.Circle c => new Gen.IText.Shape.Circle(c.Radius),
        Shape.Rect r => new Gen.IText.Shape.Rect(To(r.Corner)),
        _ => new Gen.IText.Shape.Empty(),
    };

    private static Shape From(Gen.IText.Shape s) => s switch
    {
        Gen.IText.Shape.Circle c => new Shape.Circle(c.Value),
        Gen.IText.Shape.Rect r => new Shape.Rect(From(r.Value)),
        _ => new Shape.Empty(),
    };
}
