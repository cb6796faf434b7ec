using System;
using System.Linq;
using System.Text;
using NUnit.Framework;
using Core = Bindgen.Integration.Tests.Components.Text;
using Fallback = Bindgen.Integration.Tests.Components.TextFallback;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// canonical_fallback.component.wasm (canonical.component.wasm under another name) bound with
/// <c>Host="Wasmtime.Components"</c>: the generated typed API runs on the fallback, converting every WIT type to and
/// from ComponentValue; each call gives what the same call gives on core Wasmtime through Bindgen's own glue.
/// </summary>
[TestFixture]
public sealed class RequestedFallbackTests : GuestFixture
{
    public RequestedFallbackTests()
        : base(EngineSetting.Default)
    {
    }

    [Test]
    public void Every_WIT_type_converts_both_ways_as_the_core_path_gives_it()
    {
        Fallback.IText f = Fallback.Canonical.Instantiate(Engine, NewStore()).Text;
        Core.IText c = Core.Canonical.Instantiate(Engine, NewStore(), Options).Text;
        string[] items = { "a", "ß ✓", string.Empty, "😀" };
        Assert.That(f.CountWords("the quick  brown fox"), Is.EqualTo(c.CountWords("the quick  brown fox")));
        Assert.That(f.EchoString("Wörld ✓ 😀"), Is.EqualTo(c.EchoString("Wörld ✓ 😀")));
        Assert.That(f.ReverseStrings(items), Is.EqualTo(c.ReverseStrings(items)));
        byte[] bytes = Enumerable.Range(0, 5000).Select(i => (byte)(i * 13)).ToArray();
        Assert.That(f.SumBytes(bytes), Is.EqualTo(c.SumBytes(bytes)));
        Assert.That(f.EchoBytes(bytes), Is.EqualTo(c.EchoBytes(bytes)));
        Fallback.IText.Entry entry = f.EchoEntry(new("ß-name", new uint[] { 1, uint.MaxValue }));
        Assert.That((entry.Name, entry.Values), Is.EqualTo(("ß-name", new uint[] { 1, uint.MaxValue })));
        Fallback.IText.Entry?[] entries = f.EchoEntries(new Fallback.IText.Entry?[] { null, new("x", Array.Empty<uint>()) });
        Assert.That(entries.Select(e => e?.Name), Is.EqualTo(c.EchoEntries(new Core.IText.Entry?[] { null, new("x", Array.Empty<uint>()) }).Select(e => e?.Name)));
        foreach (string number in new[] { "-1234", "12a", string.Empty })
        {
            Result<int, string> fr = f.ParseNumber(number), cr = c.ParseNumber(number);
            Assert.That(fr.IsOk ? "ok " + fr.Value : "err " + fr.Error, Is.EqualTo(cr.IsOk ? "ok " + cr.Value : "err " + cr.Error), number);
        }

        Assert.That(f.Find(items, "😀"), Is.EqualTo(c.Find(items, "😀")));
        Assert.That(f.Find(items, "absent"), Is.Null);
        foreach (Fallback.IText.Color color in Enum.GetValues<Fallback.IText.Color>())
        {
            var perms = Fallback.IText.Perms.Read | Fallback.IText.Perms.Exec;
            (Fallback.IText.Perms fp, Fallback.IText.Color fc) = f.Swap(color, perms);
            (Core.IText.Perms cp, Core.IText.Color cc) = c.Swap((Core.IText.Color)(int)color, (Core.IText.Perms)(uint)perms);
            Assert.That(((uint)fp, (int)fc), Is.EqualTo(((uint)cp, (int)cc)));
            Assert.That((int)f.NextColor(color), Is.EqualTo((int)c.NextColor((Core.IText.Color)(int)color)));
        }

        Assert.That(f.Swap(Fallback.IText.Color.Green, Fallback.IText.Perms.None).Item1, Is.EqualTo(Fallback.IText.Perms.None));
        Assert.That(f.AddPoints(new(1, -2), new(int.MaxValue, 20)), Is.EqualTo(new Fallback.IText.Point(c.AddPoints(new(1, -2), new(int.MaxValue, 20)).X, c.AddPoints(new(1, -2), new(int.MaxValue, 20)).Y)));
        Assert.That(f.Scalars(true, -5, 250, -300, 65000, int.MinValue, uint.MaxValue, long.MinValue, ulong.MaxValue, 1.5f, -2.25, new Rune(0x1F600)),
            Is.EqualTo(c.Scalars(true, -5, 250, -300, 65000, int.MinValue, uint.MaxValue, long.MinValue, ulong.MaxValue, 1.5f, -2.25, new Rune(0x1F600))));
        Assert.That(f.Sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17), Is.EqualTo(c.Sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)));
        foreach (Fallback.IText.Shape shape in new Fallback.IText.Shape[] { new Fallback.IText.Shape.Circle(2.5f), new Fallback.IText.Shape.Rect(new(-1, 7)), new Fallback.IText.Shape.Empty() })
        {
            Assert.That(f.EchoShape(shape), Is.EqualTo(shape));
            Result<string[], Fallback.IText.Shape> nested = f.EchoNested(Result<string[], Fallback.IText.Shape>.Err(shape));
            Assert.That(nested.IsOk ? null : nested.Error, Is.EqualTo(shape));
        }

        Assert.That(f.EchoNested(Result<string[], Fallback.IText.Shape>.Ok(items)).Value, Is.EqualTo(items));
    }

    [Test]
    public void A_trap_is_a_typed_error_and_poisons_the_instance()
    {
        Fallback.IText f = Fallback.Canonical.Instantiate(Engine, NewStore()).Text;
        Assert.Throws<GuestTrapException>(() => f.BadPointer());
        Assert.Throws<ComponentPoisonedException>(() => f.CountWords("x"));
    }
}
