using System;
using System.Linq;
using System.Text;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>
/// Thousands of mixed export and import calls against guests whose allocator grows memory on every
/// allocation, under the relocating engine (every growth moves memory), in checked mode. Every result is
/// compared with a host-side computation.
/// </summary>
[Category("Stress")]
public sealed class StressTests
{
    private const int Calls = 10_000;

    // Memory only grows in these guests and every growth copies it, so each batch gets fresh instances.
    private const int CallsPerInstance = 25;

    [Test]
    public void Ten_thousand_mixed_calls_under_relocation_match_the_host()
    {
        var random = new Random(20261122);
        using Engine engine = Engines.Create(EngineSetting.Relocating);
        using var typesModule = Module.FromFile(engine, GuestFiles.PathOf("types_growing"));
        using var importsModule = Module.FromFile(engine, GuestFiles.PathOf("imports_growing"));

        int mismatches = 0, importCalls = 0, exportCalls = 0, moves = 0;
        for (int done = 0; done < Calls; done += CallsPerInstance)
        {
            using var store = new Store(engine);
            using var linker = new Linker(engine);
            var host = new StressHost();
            HostFunctions.Define(linker, host, GuestMemoryOptions.Checked);
            var types = TypesGuest.Instantiate(store, typesModule, GuestMemoryOptions.Checked);
            var imports = ImportsGuest.Instantiate(linker, store, importsModule, GuestMemoryOptions.Checked);
            host.Guest = imports;
            nint typesBase = types.Memory!.Memory.GetPointer();

            for (int i = 0; i < CallsPerInstance; i++)
            {
                int op = random.Next(10);
                bool ok = op switch
                {
                    0 => types.ToUpper(RandomText(random)) == LastExpected,
                    1 => CheckBytes(random, b => types.Reverse(b), b => b.Reverse().ToArray()),
                    2 => CheckXorFill(random, types),
                    3 => CheckConcat(random, types),
                    4 => CheckMakeBytes(random, types),
                    5 => CheckImportUpper(random, imports),
                    6 => CheckImportChecksum(random, imports),
                    7 => CheckImportFill(random, imports),
                    8 => CheckImportMakeBytes(random, imports),
                    _ => CheckReenter(random, imports),
                };
                if (op >= 5)
                {
                    importCalls++;
                }
                else
                {
                    exportCalls++;
                }

                if (!ok)
                {
                    mismatches++;
                }
            }

            if (types.Memory.Memory.GetPointer() != typesBase)
            {
                moves++;
            }

            Assert.That(types.LiveAllocations() - types.Memory!.HeldAllocations, Is.Zero, "types guest leaked");
            Assert.That(imports.LiveAllocations() - imports.Memory!.HeldAllocations, Is.Zero, "imports guest leaked");
        }

        TestContext.Out.WriteLine($"{exportCalls} export calls, {importCalls} import-driven calls, memory moved in {moves} of {Calls / CallsPerInstance} instances");
        Assert.That(mismatches, Is.Zero);
        Assert.That(exportCalls + importCalls, Is.EqualTo(Calls));
        Assert.That(moves, Is.EqualTo(Calls / CallsPerInstance), "memory must have moved in every batch, or the test proves nothing");
    }

    // The ASCII-uppercased form of the latest RandomText, computed on the host.
    [ThreadStatic]
    private static string? LastExpected;

    private static string RandomText(Random random)
    {
        const string alphabet = "abcxyzABC 019-é日😀";
        int length = random.Next(0, 600);
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            int index = random.Next(alphabet.Length);
            text.Append(char.IsHighSurrogate(alphabet[index]) ? alphabet.Substring(index, 2) : char.IsLowSurrogate(alphabet[index]) ? "q" : alphabet[index].ToString());
        }

        LastExpected = HostReference.AsciiUpper(text.ToString());
        return text.ToString();
    }

    private static byte[] RandomBytes(Random random)
    {
        byte[] data = new byte[random.Next(0, 70_000)];
        random.NextBytes(data);
        return data;
    }

    private static bool CheckBytes(Random random, Func<byte[], byte[]> guest, Func<byte[], byte[]> expected)
    {
        byte[] data = RandomBytes(random);
        return guest(data).AsSpan().SequenceEqual(expected(data));
    }

    private static bool CheckXorFill(Random random, TypesGuest types)
    {
        byte[] data = RandomBytes(random);
        int value = random.Next(256);
        byte[] expected = data.Select((b, i) => (byte)(b ^ ((value + i) & 0xFF))).ToArray();
        types.XorFill(data, value);
        return data.AsSpan().SequenceEqual(expected);
    }

    private static bool CheckConcat(Random random, TypesGuest types)
    {
        string a = RandomText(random), b = RandomText(random);
        return types.Concat(a, b) == a + b;
    }

    private static bool CheckMakeBytes(Random random, TypesGuest types)
    {
        int length = random.Next(0, 70_000), seed = random.Next(256);
        byte[] actual = types.MakeBytes(length, seed);
        return actual.Length == length && actual.Select((b, i) => b == (byte)((seed + (i * 31)) & 0xFF)).All(x => x);
    }

    private static bool CheckImportUpper(Random random, ImportsGuest imports)
    {
        string text = RandomText(random);
        return imports.CallUpper(text) == text.ToUpperInvariant();
    }

    private static bool CheckImportChecksum(Random random, ImportsGuest imports)
    {
        byte[] data = RandomBytes(random);
        return imports.CallChecksum(data) == StressHost.Checksum32(data);
    }

    private static bool CheckImportFill(Random random, ImportsGuest imports)
    {
        int length = random.Next(0, 70_000), value = random.Next(256);
        byte[] actual = imports.CallFill(length, value);
        return actual.Length == length && actual.Select((b, i) => b == (byte)(value + i)).All(x => x);
    }

    private static bool CheckImportMakeBytes(Random random, ImportsGuest imports)
    {
        int length = random.Next(0, 70_000);
        return imports.CallMakeBytes(length).AsSpan().SequenceEqual(StressHost.Pattern(length));
    }

    private static bool CheckReenter(Random random, ImportsGuest imports)
    {
        int n = random.Next(-40_000, 40_000);
        return imports.CallReenter(n) == unchecked((n * n) + 1);
    }

    private sealed class StressHost : IHostFunctions
    {
        public ImportsGuest? Guest { get; set; }

        public static int Checksum32(ReadOnlySpan<byte> data) => unchecked((int)HostReference.Fnv1a(data));

        public static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)((i * 13) + 1)).ToArray();

        public void Log(string message)
        {
        }

        public int Add(int a, int b) => a + b;

        public int Checksum(ReadOnlySpan<byte> data) => Checksum32(data);

        public void Fill(Span<byte> buffer, int value)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (byte)(value + i);
            }
        }

        public string Upper(string text) => text.ToUpperInvariant();

        public byte[] MakeBytes(int length) => Pattern(length);

        public int Reenter(int n) => Guest!.Square(n) + 1;
    }
}
