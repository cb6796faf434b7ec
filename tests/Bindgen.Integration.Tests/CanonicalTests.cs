using System;
using System.Linq;
using System.Text;
using NUnit.Framework;

namespace Bindgen.Integration.Tests.Canonical;

/// <summary>
/// Bindgen's canonical-ABI glue against the hand-written guest, both allocator builds (the growing one moves
/// memory on every cabi_realloc under the relocating engine), checked mode on; and every test again through the
/// reference host (the same guest as a component, called through Wasmtime.Components), which must agree.
/// </summary>
[TestFixture(EngineSetting.Default, "canonical", Host.Bindgen)]
[TestFixture(EngineSetting.Default, "canonical_growing", Host.Bindgen)]
[TestFixture(EngineSetting.Relocating, "canonical", Host.Bindgen)]
[TestFixture(EngineSetting.Relocating, "canonical_growing", Host.Bindgen)]
[TestFixture(EngineSetting.Default, "canonical", Host.Component)]
[TestFixture(EngineSetting.Relocating, "canonical_growing", Host.Component)]
public sealed class CanonicalTests : CanonicalFixture
{
    public CanonicalTests(EngineSetting setting, string guest, Host host)
        : base(setting, guest, host)
    {
    }

    private ITextGuest Bind() => Host == Host.Bindgen ? BindBindgen() : BindComponent();

    [Test]
    public void Strings_and_scalar_results_and_post_return()
    {
        ITextGuest g = Bind();
        Assert.That(g.CountWords("the quick  brown fox"), Is.EqualTo(4u));
        Assert.That(g.CountWords(string.Empty), Is.EqualTo(0u));
        Assert.That(g.EchoString("Wörld ✓ 😀"), Is.EqualTo("Wörld ✓ 😀"));
        Assert.That(g.EchoString(string.Empty), Is.EqualTo(string.Empty));
        // cabi_post_ of count-words (a scalar result) and echo-string both ran: 2 + 1 + 1.
        Assert.That(g.PostCalls(), Is.EqualTo(4u));
    }

    [Test]
    public void Lists_of_strings_need_one_realloc_per_element()
    {
        ITextGuest g = Bind();
        string[] items = Enumerable.Range(0, 50).Select(i => "item-" + i + new string('x', i)).ToArray();
        Assert.That(g.ReverseStrings(items), Is.EqualTo(items.Reverse().ToArray()));
        Assert.That(g.ReverseStrings(Array.Empty<string>()), Is.Empty);
        Assert.That(g.Find(items, "item-3xxx"), Is.EqualTo(3u));
        Assert.That(g.Find(items, "absent"), Is.Null);
    }

    [Test]
    public void Byte_lists_as_span_and_array()
    {
        ITextGuest g = Bind();
        byte[] data = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray();
        Assert.That(g.SumBytes(data), Is.EqualTo((ulong)data.Sum(b => (long)b)));
        Assert.That(g.EchoBytes(data), Is.EqualTo(data));
        Assert.That(g.EchoBytes(Array.Empty<byte>()), Is.Empty);
    }

    [Test]
    public void Records_options_and_nesting()
    {
        ITextGuest g = Bind();
        var entry = new Entry("ß-name", new uint[] { 1, 2, uint.MaxValue });
        Assert.That(g.EchoEntry(entry), Is.EqualTo(entry));
        Entry?[] entries = { entry, null, new Entry(string.Empty, Array.Empty<uint>()), new Entry("z", new uint[] { 9 }) };
        Assert.That(g.EchoEntries(entries), Is.EqualTo(entries));
        Assert.That(g.AddPoints(new Point(1, -2), new Point(10, 20)), Is.EqualTo(new Point(11, 18)));
    }

    [Test]
    public void Results()
    {
        ITextGuest g = Bind();
        Assert.That(g.ParseNumber("-1234").Value, Is.EqualTo(-1234));
        Result<int, string> error = g.ParseNumber("12a");
        Assert.That(error.IsOk, Is.False);
        Assert.That(error.Error, Is.EqualTo("12a"));
        var thrown = Assert.Throws<ResultException<string>>(() => _ = error.Value)!;
        Assert.That(thrown.Error, Is.EqualTo("12a"));

        var ok = Result<string[], Shape>.Ok(new[] { "a", "bc", string.Empty });
        Assert.That(g.EchoNested(ok).Value, Is.EqualTo(ok.Value));
        var err = Result<string[], Shape>.Err(new Shape.Rect(new Point(3, 4)));
        Assert.That(g.EchoNested(err).Error, Is.EqualTo(err.Error));
    }

    [Test]
    public void Scalars_enums_flags_and_variants()
    {
        ITextGuest g = Bind();
        var all = g.Scalars(true, -5, 250, -300, 65000, int.MinValue, uint.MaxValue, long.MinValue, ulong.MaxValue, 1.5f, -2.25, new Rune(0x1F600));
        Assert.That(all, Is.EqualTo((true, (sbyte)-5, (byte)250, (short)-300, (ushort)65000, int.MinValue, uint.MaxValue, long.MinValue, ulong.MaxValue, 1.5f, -2.25, new Rune(0x1F600))));
        Assert.That(g.Swap(WitColor.Blue, Perms.Read | Perms.Exec), Is.EqualTo((Perms.Read | Perms.Exec, WitColor.Blue)));
        Assert.That(g.NextColor(WitColor.Blue), Is.EqualTo(WitColor.Red));
        Assert.That(g.Negate(false), Is.True);
        Assert.That(g.Sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17), Is.EqualTo((ulong)Enumerable.Range(1, 17).Sum(i => i * i)));
        Assert.That(g.EchoShape(new Shape.Circle(2.5f)), Is.EqualTo(new Shape.Circle(2.5f)));
        Assert.That(g.EchoShape(new Shape.Rect(new Point(-1, 7))), Is.EqualTo(new Shape.Rect(new Point(-1, 7))));
        Assert.That(g.EchoShape(new Shape.Empty()), Is.EqualTo(new Shape.Empty()));
    }

    [Test]
    public void Lifting_validates_what_the_guest_returns()
    {
        ITextGuest g = Bind();
        if (Host == Host.Component)
        {
            // Wasmtime's own lifting rejects the same values (it traps).
            Assert.Catch(() => g.BadUtf8());
            Assert.Catch(() => g.BadDiscriminant());
            Assert.Catch(() => g.BadChar());
            Assert.Catch(() => g.BadPointer());
            return;
        }

        Assert.That(Assert.Throws<GuestProtocolException>(() => g.BadUtf8())!.Message, Does.Contain("UTF-8").And.Contain("BadUtf8"));
        Assert.That(Assert.Throws<GuestProtocolException>(() => g.BadDiscriminant())!.Message, Does.Contain("discriminant 2").And.Contain("option<u32>"));
        Assert.That(Assert.Throws<GuestProtocolException>(() => g.BadChar())!.Message, Does.Contain("0xD800"));
        Assert.That(Assert.Throws<GuestPointerOutOfBoundsException>(() => g.BadPointer())!.Message, Does.Contain("BadPointer"));
    }

    [Test]
    public void Arguments_are_validated_before_the_call()
    {
        Assume.That(Host, Is.EqualTo(Host.Bindgen), "argument checks are the host binding's own");
        ITextGuest g = Bind();
        Assert.Throws<ArgumentException>(() => g.EchoString("bad \uD800 surrogate"));
        Assert.Throws<ArgumentNullException>(() => g.EchoEntry(null!));
        Assert.Throws<ArgumentNullException>(() => g.ReverseStrings(new string[] { "a", null! }));
    }

    [Test]
    public void Every_argument_is_checked_before_the_first_cabi_realloc()
    {
        Assume.That(Host, Is.EqualTo(Host.Bindgen), "argument checks are the host binding's own");
        Assume.That(Guest, Is.EqualTo("canonical_growing"), "its cabi_realloc grows memory on every call, so each call shows in the size");
        TextGuest g = BindBindgen();
        Wasmtime.Memory memory = g.Instance.GetMemory("memory")!;
        long pages = memory.GetSize();

        // A later argument, a nested element and a field are refused after earlier blocks of the call were measured.
        Assert.Throws<ArgumentNullException>(() => g.Find(new[] { "a", "b" }, null!));
        Assert.Throws<ArgumentNullException>(() => g.ReverseStrings(new[] { "a", "b", null! }));
        Assert.Throws<ArgumentException>(() => g.Find(new[] { "a" }, "bad \uD800 surrogate"));
        Assert.Throws<ArgumentNullException>(() => g.EchoEntries(new Entry?[] { new Entry("x", new uint[] { 1 }), new Entry(null!, new uint[] { 2 }) }));
        Assert.That(memory.GetSize(), Is.EqualTo(pages), "no cabi_realloc ran before an argument was refused");

        // The control: the same calls with valid arguments do allocate.
        Assert.That(g.Find(new[] { "a", "b" }, "b"), Is.EqualTo(1u));
        Assert.That(memory.GetSize(), Is.GreaterThan(pages));
    }
}
