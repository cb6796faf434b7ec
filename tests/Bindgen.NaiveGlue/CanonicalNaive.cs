using System;
using System.Buffers.Binary;
using System.Linq;
using System.Text;
using Bindgen;
using Wasmtime;

/// <summary>
/// Canonical-ABI lowering of a list&lt;string&gt; written by hand, the naive way: allocate the outer array, take a
/// view of it, then for each element call cabi_realloc for the string (which grows, and under the relocating
/// engine moves, memory) and write the element's (ptr, len) through the view taken before. The "refetch" mode
/// allocates every block first and only then takes the view, as Bindgen's generated glue does.
/// </summary>
internal static class CanonicalNaive
{
    public static int Run(bool naive, string path)
    {
        using var config = new Config()
            .WithMemoryMayMove(true)
            .WithStaticMemoryMaximumSize(0)
            .WithMemoryReservationForGrowth(0)
            .WithMemoryGuardSize(0);
        using var engine = new Engine(config);
        using var module = Module.FromFile(engine, path);
        using var store = new Store(engine);
        var instance = new Instance(store, module);
        Memory memory = instance.GetMemory("memory")!;
        Func<int, int, int, int, int> realloc = instance.GetFunction<int, int, int, int, int>("cabi_realloc")!;
        Func<int, int, int> reverse = instance.GetFunction<int, int, int>("local:demo/text@1.0.0#reverse-strings")!;
        var guarded = new GuestMemory(memory, new SnapshotsOnly(), GuestMemoryOptions.Checked);

        string[] items = Enumerable.Range(0, 8).Select(i => "element-" + i).ToArray();
        int wrong = 0, staleDetected = 0;
        for (int round = 0; round < 20; round++)
        {
            int outer = realloc(0, 0, 4, 8 * items.Length);
            int[] blocks = new int[items.Length];
            MemorySnapshot snapshot = guarded.Snapshot();
            Span<byte> view = memory.GetSpan(outer, 8 * items.Length);
            for (int i = 0; i < items.Length; i++)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(items[i]);
                blocks[i] = realloc(0, 0, 1, bytes.Length);
                bytes.CopyTo(memory.GetSpan(blocks[i], bytes.Length));
                if (naive)
                {
                    staleDetected += Stale(guarded, snapshot, staleDetected);

                    // BG1001 rightly flags this: the view of the outer array was taken before cabi_realloc. That bug is
                    // the point of this mode, so the warning is silenced here and nowhere else.
#pragma warning disable BG1001
                    BinaryPrimitives.WriteInt32LittleEndian(view.Slice(8 * i), blocks[i]);
                    BinaryPrimitives.WriteInt32LittleEndian(view.Slice(8 * i + 4), bytes.Length);
#pragma warning restore BG1001
                }
            }

            if (!naive)
            {
                snapshot = guarded.Snapshot();
                view = memory.GetSpan(outer, 8 * items.Length);
                for (int i = 0; i < items.Length; i++)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(view.Slice(8 * i), blocks[i]);
                    BinaryPrimitives.WriteInt32LittleEndian(view.Slice(8 * i + 4), Encoding.UTF8.GetByteCount(items[i]));
                }
            }

            staleDetected += Stale(guarded, snapshot, staleDetected);
            int result = reverse(outer, items.Length);
            if (!Lift(memory, result).SequenceEqual(items.Reverse()))
            {
                wrong++;
            }
        }

        Console.WriteLine($"rounds=20 wrong={wrong} stale={staleDetected}");
        return wrong > 0 ? 3 : staleDetected > 0 ? 4 : 0;
    }

    /// <summary>1 when checked mode reports the view stale (the first report is printed), else 0.</summary>
    private static int Stale(GuestMemory guarded, MemorySnapshot snapshot, int seenBefore)
    {
        try
        {
            guarded.VerifyUnchanged(snapshot, "naive canonical lowering");
            return 0;
        }
        catch (StaleViewException e)
        {
            if (seenBefore == 0)
            {
                Console.WriteLine("STALE " + e.Message);
                Console.Out.Flush();
            }

            return 1;
        }
    }

    /// <summary>Reads the list&lt;string&gt; result; elements the guest never got are read as whatever is there.</summary>
    private static string[] Lift(Memory memory, int result)
    {
        long length = memory.GetLength();
        int pointer = memory.ReadInt32(result), count = memory.ReadInt32(result + 4);
        var strings = new string[count];
        for (int i = 0; i < count; i++)
        {
            int p = memory.ReadInt32(pointer + 8 * i), n = memory.ReadInt32(pointer + 8 * i + 4);
            strings[i] = p >= 0 && n >= 0 && (long)p + n <= length ? Encoding.UTF8.GetString(memory.GetSpan(p, n)) : "<out of bounds>";
        }

        return strings;
    }
}

/// <summary>The guarded memory is used only for checked-mode snapshots here, never to allocate.</summary>
internal sealed class SnapshotsOnly : GuestAllocator
{
    public override int Allocate(int size, int alignment) => throw new NotSupportedException();

    public override void Free(int address, int size, int alignment) => throw new NotSupportedException();
}
