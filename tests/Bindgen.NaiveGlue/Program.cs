using System;
using System.Text;
using Bindgen;
using Wasmtime;

// Hand-written glue that copies a string into guest memory the naive way: it takes a span of the
// destination, then calls the guest's allocator (which grows, and under the relocating engine moves,
// memory), then writes through the span it took before the call. Mode "refetch" takes the span again
// after the call, as Bindgen's generated glue does.
//
// Exit codes: 0 = every copy arrived intact; 3 = wrong data was read back (the bug, observed);
// 4 = checked mode reported the stale view (the bug, detected); a crash (SIGSEGV/SIGABRT) = the bug,
// fatally. Usage: Bindgen.NaiveGlue <naive|refetch> <path to types_growing.wasm>
//        Bindgen.NaiveGlue <canonical-naive|canonical-refetch> <path to canonical_growing.wasm> (CanonicalNaive.cs)
//        Bindgen.NaiveGlue <threads-one-binding|threads-one-store> <types.wasm>, threads-held <bounded.wasm> (ThreadMisuse.cs)
if (args.Length == 2 && args[0].StartsWith("threads-", StringComparison.Ordinal))
{
    return Bindgen.NaiveGlue.ThreadMisuse.Run(args[0], args[1]);
}

if (args.Length == 2 && (args[0] == "canonical-naive" || args[0] == "canonical-refetch"))
{
    return CanonicalNaive.Run(args[0] == "canonical-naive", args[1]);
}

if (args.Length != 2 || (args[0] != "naive" && args[0] != "refetch"))
{
    Console.Error.WriteLine("usage: Bindgen.NaiveGlue <naive|refetch> <types_growing.wasm>");
    return 2;
}

bool naive = args[0] == "naive";
using var config = new Config()
    .WithMemoryMayMove(true)
    .WithStaticMemoryMaximumSize(0)
    .WithMemoryReservationForGrowth(0)
    .WithMemoryGuardSize(0);
using var engine = new Engine(config);
using var module = Module.FromFile(engine, args[1]);
using var store = new Store(engine);
var instance = new Instance(store, module);
Memory memory = instance.GetMemory("memory")!;
Func<int, int> malloc = instance.GetFunction<int, int>("malloc")!;
var guarded = new GuestMemory(memory, CAllocator.FromInstance(instance, "naive"), GuestMemoryOptions.Checked);

byte[] message = Encoding.UTF8.GetBytes("the quick brown fox");
int wrong = 0, staleDetected = 0;
for (int round = 0; round < 200; round++)
{
    int destination = malloc(message.Length);
    MemorySnapshot snapshot = guarded.Snapshot();
    Span<byte> view = memory.GetSpan(destination, message.Length);

    malloc(16); // an allocating guest call between taking the view and using it

    if (!naive)
    {
        snapshot = guarded.Snapshot();
        view = memory.GetSpan(destination, message.Length);
    }

    try
    {
        guarded.VerifyUnchanged(snapshot, "naive copy");
    }
    catch (StaleViewException e)
    {
        if (staleDetected++ == 0)
        {
            Console.WriteLine("STALE " + e.Message);
            Console.Out.Flush();
        }
    }

    // BG1001 rightly flags this line: in "naive" mode it writes through a view taken before malloc.
    // That bug is the point of this program, so the warning is silenced here and nowhere else.
#pragma warning disable BG1001
    message.CopyTo(view);
#pragma warning restore BG1001
    if (!memory.GetSpan(destination, message.Length).SequenceEqual(message))
    {
        wrong++;
    }
}

Console.WriteLine($"rounds=200 wrong={wrong} stale={staleDetected}");
return wrong > 0 ? 3 : staleDetected > 0 ? 4 : 0;
