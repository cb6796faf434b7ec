using System;
using System.Linq;
using System.Text;
using NUnit.Framework;

namespace Bindgen.Integration.Tests.Canonical;

/// <summary>
/// Random values of the guest's nested echo types (list&lt;option&lt;record&gt;&gt;, result&lt;list&lt;string&gt;, variant&gt;,
/// variants, every scalar, strings of any scalar values) through Bindgen and through Wasmtime.Components: both must
/// return exactly what was sent. Seeded, so a failure names the value that broke it.
/// </summary>
[TestFixture(EngineSetting.Default, "canonical")]
[TestFixture(EngineSetting.Relocating, "canonical_growing")]
public sealed class CanonicalPropertyTests : CanonicalFixture
{
    private const int Iterations = 40;

    public CanonicalPropertyTests(EngineSetting setting, string guest)
        : base(setting, guest, Host.Bindgen)
    {
    }

    [Test]
    public void Both_hosts_echo_random_values_unchanged([Values(1, 2, 3)] int seed)
    {
        var random = new Random(seed);
        TextGuest bindgen = BindBindgen();
        ComponentTextGuest reference = BindComponent();
        for (int i = 0; i < Iterations; i++)
        {
            switch (random.Next(6))
            {
                case 0:
                    string s = RandomString(random);
                    Same(s, bindgen.EchoString(s), reference.EchoString(s));
                    break;
                case 1:
                    string[] items = RandomStrings(random);
                    string[] reversed = items.Reverse().ToArray();
                    Same(reversed, bindgen.ReverseStrings(items), reference.ReverseStrings(items));
                    break;
                case 2:
                    Entry?[] entries = Enumerable.Range(0, random.Next(8)).Select(_ => random.Next(3) == 0 ? null : RandomEntry(random)).ToArray();
                    Same(entries, bindgen.EchoEntries(entries), reference.EchoEntries(entries));
                    break;
                case 3:
                    Result<string[], Shape> nested = random.Next(2) == 0
                        ? Result<string[], Shape>.Ok(RandomStrings(random))
                        : Result<string[], Shape>.Err(RandomShape(random));
                    Result<string[], Shape> a = bindgen.EchoNested(nested), b = reference.EchoNested(nested);
                    Assert.That(a.IsOk, Is.EqualTo(nested.IsOk));
                    Assert.That(b.IsOk, Is.EqualTo(nested.IsOk));
                    if (nested.IsOk)
                    {
                        Same(nested.Value, a.Value, b.Value);
                    }
                    else
                    {
                        Same(nested.Error, a.Error, b.Error);
                    }

                    break;
                case 4:
                    Shape shape = RandomShape(random);
                    Same(shape, bindgen.EchoShape(shape), reference.EchoShape(shape));
                    break;
                default:
                    var t = (random.Next(2) == 1, (sbyte)random.Next(), (byte)random.Next(), (short)random.Next(), (ushort)random.Next(), random.Next(int.MinValue, int.MaxValue),
                        (uint)random.NextInt64(), random.NextInt64(long.MinValue, long.MaxValue), (ulong)random.NextInt64(long.MinValue, long.MaxValue),
                        (float)random.NextDouble(), random.NextDouble() * 1e300, RandomRune(random));
                    Same(t, bindgen.Scalars(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7, t.Item8, t.Item9, t.Item10, t.Item11, t.Item12),
                        reference.Scalars(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7, t.Item8, t.Item9, t.Item10, t.Item11, t.Item12));
                    break;
            }
        }
    }

    private static void Same<T>(T expected, T bindgen, T reference)
    {
        Assert.That(bindgen, Is.EqualTo(expected), "Bindgen");
        Assert.That(reference, Is.EqualTo(expected), "Wasmtime.Components");
    }

    private static Rune RandomRune(Random random)
    {
        while (true)
        {
            int value = random.Next(4) switch { 0 => random.Next(0x80), 1 => random.Next(0x800), 2 => random.Next(0x10000), _ => random.Next(0x110000) };
            if (Rune.IsValid(value))
            {
                return new Rune(value);
            }
        }
    }

    private static string RandomString(Random random)
    {
        var text = new StringBuilder();
        int length = random.Next(4) == 0 ? random.Next(300) : random.Next(12);
        for (int i = 0; i < length; i++)
        {
            text.Append(RandomRune(random).ToString());
        }

        return text.ToString();
    }

    private static string[] RandomStrings(Random random) => Enumerable.Range(0, random.Next(10)).Select(_ => RandomString(random)).ToArray();

    private static Entry RandomEntry(Random random) =>
        new(RandomString(random), Enumerable.Range(0, random.Next(6)).Select(_ => (uint)random.NextInt64(0, uint.MaxValue)).ToArray());

    private static Shape RandomShape(Random random) => random.Next(3) switch
    {
        0 => new Shape.Circle((float)random.NextDouble() * 100),
        1 => new Shape.Rect(new Point(random.Next(int.MinValue, int.MaxValue), random.Next())),
        _ => new Shape.Empty(),
    };
}
