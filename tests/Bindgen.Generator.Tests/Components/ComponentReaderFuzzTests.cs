extern alias tasks;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using tasks::Bindgen.Build.Tasks.Components;
using NUnit.Framework;

namespace Bindgen.Generator.Tests.Components;

/// <summary>
/// Mutates real components (bit flips, overwritten bytes and LEB128 numbers, cuts, insertions, deletions, spliced
/// sections) and requires the reader either to read the result or to refuse it with a <see cref="ComponentFormatException"/>
/// of its own, never one that wraps a failure of the reader, and in bounded time. <c>BINDGEN_COMPONENT_FUZZ_CASES</c>
/// (default 3000) and <c>BINDGEN_COMPONENT_FUZZ_FIRST_SEED</c> (default 1) choose the cases; a failure names its seed.
/// </summary>
public sealed class ComponentReaderFuzzTests
{
    private static readonly string[] Seeds =
    {
        "canonical.component.wasm", "canonical_imports.component.wasm", "canonical_imports_growing.component.wasm",
        "nested.component.wasm", "unsupported.component.wasm", "shapes.component.wasm", "world.component.wasm",
        "docs.component.wasm", "memories.component.wasm", "resources.component.wasm", "hostres.component.wasm", "compose_pair.component.wasm",
        "compose_handles.component.wasm",
    };

    [Test]
    public void Mutated_components_are_read_or_refused_with_a_typed_error()
    {
        int first = EnvironmentInt("BINDGEN_COMPONENT_FUZZ_FIRST_SEED", 1);
        int count = EnvironmentInt("BINDGEN_COMPONENT_FUZZ_CASES", 3000);
        byte[][] originals = Seeds.Select(ComponentReaderTests.Guest).ToArray();
        int read = 0, refused = 0;
        var slowest = TimeSpan.Zero;
        for (int seed = first; seed < first + count; seed++)
        {
            var random = new Random(seed);
            byte[] mutated = Mutate(originals[seed % originals.Length], originals[random.Next(originals.Length)], random);
            var clock = Stopwatch.StartNew();

            // The WIT docs are read apart from the component (a bad section is a warning): never an exception.
            _ = PackageDocs.Describe(mutated, out _);
            try
            {
                ComponentInfo info = ComponentReader.Read(mutated);
                _ = ComponentDescription.Write("fuzz.component.wasm", mutated, info);
                read++;
            }
            catch (ComponentFormatException e)
            {
                Assert.That(e.InnerException, Is.Null, $"seed {seed}: the reader failed inside: {e.InnerException}");
                refused++;
            }

            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
        }

        TestContext.Out.WriteLine($"{count} mutated components: {read} read, {refused} refused; slowest {slowest.TotalMilliseconds:F1} ms");
        Assert.That(refused, Is.GreaterThan(count / 4), "mutations that the reader refused");
        Assert.That(read, Is.GreaterThan(count / 50), "mutations that still read (in names, code, data)");
        Assert.That(slowest, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    private static byte[] Mutate(byte[] original, byte[] other, Random random)
    {
        var bytes = new List<byte>(original);
        int mutations = 1 + random.Next(4);
        for (int m = 0; m < mutations && bytes.Count > 9; m++)
        {
            // Past the preamble, mostly: a broken preamble is refused at once and teaches little.
            int at = 8 + random.Next(bytes.Count - 8);
            switch (random.Next(7))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes.RemoveRange(at, bytes.Count - at); break;
                case 3: bytes.InsertRange(at, Enumerable.Range(0, 1 + random.Next(8)).Select(_ => (byte)random.Next(256))); break;
                case 4: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16))); break;
                case 5:
                    // A large LEB128 number where a count, size or index was.
                    bytes[at] = 0xFF;
                    bytes.InsertRange(at + 1, new byte[] { 0xFF, 0xFF, 0xFF, (byte)random.Next(16) });
                    break;
                default:
                    int from = 8 + random.Next(other.Length - 8);
                    int length = Math.Min(other.Length - from, 1 + random.Next(64));
                    bytes.InsertRange(at, other.Skip(from).Take(length));
                    break;
            }
        }

        return bytes.ToArray();
    }

    private static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out int value) ? value : fallback;
}
