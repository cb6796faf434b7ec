using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Wasmtime;
using Wasmtime.Components;
using CV = Wasmtime.Components.ComponentValue;

namespace Bindgen.Integration.Tests.Canonical;

/// <summary>
/// The reference host: the same guest as a component (canonical*.component.wasm, made by componentNew from the
/// core module), called through Wasmtime.Components' dynamic ComponentFunction.Call. Wasmtime's own canonical-ABI
/// implementation lowers and lifts, so Bindgen's results are compared against it.
/// </summary>
public sealed class ComponentTextGuest : ITextGuest, IDisposable
{
    private const string Interface = "local:demo/text@1.0.0";
    private readonly ComponentLinker _linker;
    private readonly ComponentInstance _instance;
    private readonly Dictionary<string, ComponentFunction> _functions = new();

    public ComponentTextGuest(Engine engine, Store store, Component component)
    {
        _linker = new ComponentLinker(engine);
        _instance = _linker.Instantiate(store, component);
    }

    public void Dispose() => _linker.Dispose();

    public CV? Call(string name, params CV[] args)
    {
        if (!_functions.TryGetValue(name, out ComponentFunction? f))
        {
            f = _instance.GetFunction(Interface, name) ?? throw new InvalidOperationException("no export " + name);
            _functions.Add(name, f);
        }

        return f.Call(args);
    }

    public uint CountWords(string text) => Call("count-words", CV.String(text))!.AsU32();

    public uint PostCalls() => Call("post-calls")!.AsU32();

    public string EchoString(string s) => Call("echo-string", CV.String(s))!.AsString();

    public string[] ReverseStrings(string[] items) => Strings(Call("reverse-strings", Strings(items))!);

    public ulong SumBytes(ReadOnlySpan<byte> data) => Call("sum-bytes", Bytes(data.ToArray()))!.AsU64();

    public byte[] EchoBytes(byte[] data) => Call("echo-bytes", Bytes(data))!.AsList().Select(v => v.AsU8()).ToArray();

    public Entry EchoEntry(Entry e) => ToEntry(Call("echo-entry", FromEntry(e))!);

    public Entry?[] EchoEntries(Entry?[] items) =>
        Call("echo-entries", CV.List(items.Select(e => e is null ? CV.None() : CV.Some(FromEntry(e))).ToArray()))!
            .AsList().Select(v => v.IsSome ? ToEntry(v.Payload!) : null).ToArray();

    public Result<int, string> ParseNumber(string s)
    {
        CV r = Call("parse-number", CV.String(s))!;
        return r.IsOk ? Result<int, string>.Ok(r.Payload!.AsS32()) : Result<int, string>.Err(r.Payload!.AsString());
    }

    public uint? Find(string[] items, string needle)
    {
        CV r = Call("find", Strings(items), CV.String(needle))!;
        return r.IsSome ? r.Payload!.AsU32() : null;
    }

    public (Perms, WitColor) Swap(WitColor c, Perms p)
    {
        IReadOnlyList<CV> t = Call("swap", FromColor(c), FromPerms(p))!.AsTuple();
        return (ToPerms(t[0]), ToColor(t[1]));
    }

    public Point AddPoints(Point a, Point b) => ToPoint(Call("add-points", FromPoint(a), FromPoint(b))!);

    public (bool, sbyte, byte, short, ushort, int, uint, long, ulong, float, double, Rune) Scalars(bool a, sbyte b, byte c, short d, ushort e, int f, uint g, long h, ulong i, float j, double k, Rune l)
    {
        IReadOnlyList<CV> t = Call("scalars", CV.Bool(a), CV.S8(b), CV.U8(c), CV.S16(d), CV.U16(e), CV.S32(f), CV.U32(g), CV.S64(h), CV.U64(i), CV.F32(j), CV.F64(k), CV.Char(l))!.AsTuple();
        return (t[0].AsBool(), t[1].AsS8(), t[2].AsU8(), t[3].AsS16(), t[4].AsU16(), t[5].AsS32(), t[6].AsU32(), t[7].AsS64(), t[8].AsU64(), t[9].AsF32(), t[10].AsF64(), t[11].AsRune());
    }

    public ulong Sum17(uint a1, uint a2, uint a3, uint a4, uint a5, uint a6, uint a7, uint a8, uint a9, uint a10, uint a11, uint a12, uint a13, uint a14, uint a15, uint a16, uint a17) =>
        Call("sum17", new[] { a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17 }.Select(CV.U32).ToArray())!.AsU64();

    public WitColor NextColor(WitColor c) => ToColor(Call("next-color", FromColor(c))!);

    public bool Negate(bool b) => Call("negate", CV.Bool(b))!.AsBool();

    public Shape EchoShape(Shape s) => ToShape(Call("echo-shape", FromShape(s))!);

    public Result<string[], Shape> EchoNested(Result<string[], Shape> r)
    {
        CV v = Call("echo-nested", r.IsOk ? CV.Ok(Strings(r.Value)) : CV.Err(FromShape(r.Error)))!;
        return v.IsOk ? Result<string[], Shape>.Ok(Strings(v.Payload!)) : Result<string[], Shape>.Err(ToShape(v.Payload!));
    }

    public string BadUtf8() => Call("bad-utf8")!.AsString();

    public uint? BadDiscriminant()
    {
        CV r = Call("bad-discriminant")!;
        return r.IsSome ? r.Payload!.AsU32() : null;
    }

    public Rune BadChar() => Call("bad-char")!.AsRune();

    public string BadPointer() => Call("bad-pointer")!.AsString();

    private static CV Strings(string[] items) => CV.List(items.Select(CV.String).ToArray());

    private static string[] Strings(CV list) => list.AsList().Select(v => v.AsString()).ToArray();

    private static CV Bytes(byte[] data) => CV.List(data.Select(CV.U8).ToArray());

    private static CV FromEntry(Entry e) => CV.Record(new[]
    {
        new KeyValuePair<string, CV>("name", CV.String(e.Name)),
        new KeyValuePair<string, CV>("values", CV.List(e.Values.Select(CV.U32).ToArray())),
    });

    private static Entry ToEntry(CV v) => new(v.Field("name").AsString(), v.Field("values").AsList().Select(x => x.AsU32()).ToArray());

    private static CV FromPoint(Point p) => CV.Record(new[] { new KeyValuePair<string, CV>("x", CV.S32(p.X)), new KeyValuePair<string, CV>("y", CV.S32(p.Y)) });

    private static Point ToPoint(CV v) => new(v.Field("x").AsS32(), v.Field("y").AsS32());

    private static CV FromColor(WitColor c) => CV.Enum(c.ToString().ToLowerInvariant());

    private static WitColor ToColor(CV v) => Enum.Parse<WitColor>(v.AsEnum(), ignoreCase: true);

    private static CV FromPerms(Perms p) =>
        CV.Flags(new[] { Perms.Read, Perms.Write, Perms.Exec }.Where(f => p.HasFlag(f)).Select(f => f.ToString().ToLowerInvariant()).ToArray());

    private static Perms ToPerms(CV v) => v.AsFlags().Aggregate(Perms.None, (acc, name) => acc | Enum.Parse<Perms>(name, ignoreCase: true));

    private static CV FromShape(Shape s) => s switch
    {
        Shape.Circle c => CV.Variant("circle", CV.F32(c.Radius)),
        Shape.Rect r => CV.Variant("rect", FromPoint(r.Corner)),
        _ => CV.Variant("empty", null!),
    };

    private static Shape ToShape(CV v) => v.AsVariant() switch
    {
        "circle" => new Shape.Circle(v.Payload!.AsF32()),
        "rect" => new Shape.Rect(ToPoint(v.Payload!)),
        _ => new Shape.Empty(),
    };
}
