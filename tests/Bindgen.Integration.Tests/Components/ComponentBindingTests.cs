using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Bindgen.Integration.Tests.Canonical;
using NUnit.Framework;
using Wasmtime.Components;
using Text = Bindgen.Integration.Tests.Components.Text;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// canonical.component.wasm (wit-component's one-module layout) bound from the binary alone and run on core Wasmtime
/// through the generated world class, every call compared with Wasmtime.Components running the same component, in both
/// engine configurations, checked mode on; and the component model's rules: a failure in the guest poisons the instance.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class ComponentBindingTests : GuestFixture
{
    private Component _component = null!;
    private readonly List<ComponentTextGuest> _references = new();

    public ComponentBindingTests(EngineSetting setting)
        : base(setting)
    {
    }

    [OneTimeSetUp]
    public void LoadComponent() => _component = Component.FromBytes(Engine, System.IO.File.ReadAllBytes(GuestFiles.PathOf("canonical.component")));

    [OneTimeTearDown]
    public void DisposeComponent() => _component.Dispose();

    [TearDown]
    public void DisposeReferences()
    {
        foreach (ComponentTextGuest reference in _references)
        {
            reference.Dispose();
        }

        _references.Clear();
    }

    private GeneratedTextGuest Generated() => new(Text.Canonical.Instantiate(Engine, NewStore(), Options));

    private ComponentTextGuest Reference()
    {
        var reference = new ComponentTextGuest(Engine, NewStore(), _component);
        _references.Add(reference);
        return reference;
    }

    /// <summary>Runs <paramref name="call"/> on both hosts: the same value, or both refuse.</summary>
    private static void Same<T>(ITextGuest generated, ITextGuest reference, Func<ITextGuest, T> call, string what)
    {
        T expected;
        try
        {
            expected = call(reference);
        }
        catch (Exception e) when (e is not AssertionException)
        {
            Assert.Catch(() => call(generated), $"{what}: Wasmtime.Components refused ({e.Message}), the generated binding must too");
            return;
        }

        Assert.That(call(generated), Is.EqualTo(expected), what);
    }

    [Test]
    public void Every_function_gives_what_Wasmtime_Components_gives()
    {
        ITextGuest g = Generated(), r = Reference();
        string[] items = Enumerable.Range(0, 40).Select(i => "item-" + i + new string('ü', i % 7)).ToArray();
        byte[] bytes = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 13)).ToArray();
        var entry = new Entry("ß-name", new uint[] { 1, 2, uint.MaxValue });
        foreach (string text in new[] { "the quick  brown fox", string.Empty, "Wörld ✓ 😀", new string('a', 5000) })
        {
            Same(g, r, x => x.CountWords(text), "count-words");
            Same(g, r, x => x.EchoString(text), "echo-string");
        }

        Same(g, r, x => x.ReverseStrings(items), "reverse-strings");
        Same(g, r, x => x.ReverseStrings(Array.Empty<string>()), "reverse-strings (empty)");
        Same(g, r, x => x.SumBytes(bytes), "sum-bytes");
        Same(g, r, x => x.EchoBytes(bytes), "echo-bytes");
        Same(g, r, x => x.EchoEntry(entry), "echo-entry");
        Same(g, r, x => x.EchoEntries(new[] { entry, null, new Entry(string.Empty, Array.Empty<uint>()) }), "echo-entries");
        foreach (string number in new[] { "-1234", "12a", string.Empty, "2147483647" })
        {
            Same(g, r, x => Describe(x.ParseNumber(number)), "parse-number " + number);
        }

        Same(g, r, x => x.Find(items, "item-3üüü"), "find");
        Same(g, r, x => x.Find(items, "absent"), "find (absent)");
        foreach (WitColor color in Enum.GetValues<WitColor>())
        {
            Same(g, r, x => x.Swap(color, Perms.Read | Perms.Exec), "swap");
            Same(g, r, x => x.NextColor(color), "next-color");
        }

        Same(g, r, x => x.Swap(WitColor.Green, Perms.None), "swap (no flags)");
        Same(g, r, x => x.AddPoints(new Point(1, -2), new Point(int.MaxValue, 20)), "add-points");
        Same(g, r, x => x.Scalars(true, -5, 250, -300, 65000, int.MinValue, uint.MaxValue, long.MinValue, ulong.MaxValue, 1.5f, -2.25, new Rune(0x1F600)), "scalars");
        Same(g, r, x => x.Scalars(false, 0, 0, 0, 0, 0, 0, 0, 0, float.NegativeInfinity, double.Epsilon, new Rune('x')), "scalars (2)");
        Same(g, r, x => x.Sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, uint.MaxValue), "sum17");
        Same(g, r, x => x.Negate(true), "negate");
        foreach (Shape shape in new Shape[] { new Shape.Circle(2.5f), new Shape.Rect(new Point(-1, 7)), new Shape.Empty() })
        {
            Same(g, r, x => x.EchoShape(shape), "echo-shape");
            Same(g, r, x => Describe(x.EchoNested(Result<string[], Shape>.Err(shape))), "echo-nested (error)");
        }

        Same(g, r, x => Describe(x.EchoNested(Result<string[], Shape>.Ok(items))), "echo-nested (ok)");
        // post-return ran after every call that has one, on both hosts.
        Same(g, r, x => x.PostCalls(), "post-calls");
    }

    [TestCase("bad-utf8")]
    [TestCase("bad-discriminant")]
    [TestCase("bad-char")]
    [TestCase("bad-pointer")]
    public void A_value_the_canonical_ABI_must_trap_on_is_a_typed_error_and_poisons_the_instance(string function)
    {
        GeneratedTextGuest g = Generated();
        ComponentTextGuest r = Reference();
        Func<ITextGuest, object?> call = function switch
        {
            "bad-utf8" => x => x.BadUtf8(),
            "bad-discriminant" => x => x.BadDiscriminant(),
            "bad-char" => x => x.BadChar(),
            _ => x => x.BadPointer(),
        };

        Assert.Catch(() => call(r), "Wasmtime.Components refuses it");
        BindgenException e = Assert.Catch<BindgenException>(() => call(g))!;
        Assert.That(e, Is.InstanceOf<GuestProtocolException>().Or.InstanceOf<GuestPointerOutOfBoundsException>());
        Assert.That(e.Message, Does.Contain("IText.Bad"), "names the function");

        // Wasmtime refuses every later call into that instance, and so does the generated binding.
        Assert.Catch(() => r.CountWords("a b"), "Wasmtime.Components: the instance is poisoned");
        var poisoned = Assert.Throws<ComponentPoisonedException>(() => g.CountWords("a b"))!;
        Assert.That(poisoned.InnerException, Is.SameAs(e));
        Assert.Throws<ComponentPoisonedException>(() => g.EchoString("still refused"));
    }

    [Test]
    public void An_argument_the_host_refuses_before_any_guest_call_leaves_the_instance_usable()
    {
        GeneratedTextGuest g = Generated();
        Assert.Throws<ArgumentException>(() => g.EchoString("bad \uD800 surrogate"));
        Assert.Throws<ArgumentNullException>(() => g.Component.Text.EchoEntry(null!));
        Assert.Throws<ArgumentNullException>(() => g.Component.Text.ReverseStrings(new[] { "a", null! }));
        Assert.That(g.CountWords("still works"), Is.EqualTo(2u));
    }

    [Test]
    public void Instances_are_independent_and_the_modules_are_compiled_once_per_engine()
    {
        GeneratedTextGuest first = Generated(), second = Generated();
        Assert.That(first.EchoString("one"), Is.EqualTo("one"));
        Assert.Throws<GuestProtocolException>(() => first.BadUtf8());
        Assert.That(second.EchoString("two"), Is.EqualTo("two"), "poisoning one instance leaves the other alone");
        Assert.That(
            EmbeddedModules.Get(Engine, typeof(Text.Canonical).Assembly, "canonical.component.wasm/0.wasm"),
            Is.SameAs(EmbeddedModules.Get(Engine, typeof(Text.Canonical).Assembly, "canonical.component.wasm/0.wasm")));
    }

    private static string Describe<T, E>(Result<T, E> result) =>
        result.IsOk ? "ok " + Format(result.Value) : "err " + Format(result.Error);

    private static string Format(object? value) => value switch
    {
        string[] strings => "[" + string.Join(",", strings) + "]",
        _ => value?.ToString() ?? "null",
    };
}
