using System;
using System.Diagnostics;
using System.Threading;
using Bindgen;
using Wasmtime;

namespace Bindgen.NaiveGlue;

/// <summary>The exports of tests/guests/types.wasm that the thread scenarios call.</summary>
[WasmModule]
public interface IRacedTypes
{
    int AddI32(int a, int b);

    string Concat(string first, string second);
}

/// <summary>A second binding to the same instance, so two bindings share one store.</summary>
[WasmModule]
public interface IRacedUpper
{
    string ToUpper(string text);
}

/// <summary>The host function tests/guests/bounded.wasm imports.</summary>
[WasmImports("host")]
public interface IHeldHost
{
    int CallBack(byte[] data);
}

/// <summary>The exports of tests/guests/bounded.wasm: <c>through_host</c> calls the host while the store is in a call.</summary>
[WasmModule]
public interface IHeldGuest
{
    int ThroughHost(byte[] data);

    int Add(int a, int b);
}

/// <summary>
/// A store used from two threads at once, which Wasmtime does not allow: the misuse Bindgen must turn into a typed
/// exception before any native call, instead of a crashed process. Modes:
/// <c>threads-one-binding</c> and <c>threads-one-store</c> race two threads on one binding, or on two bindings of one
/// store, for a few seconds; <c>threads-held</c> calls a binding from a second thread while the first is inside a host
/// function of the same store (deterministic). Exit 0 with "typed=N wrong=0" when misuse was refused with the typed
/// exception every time and every result that came back was right; 5 = another exception; 6 = the threads never met.
/// </summary>
internal static class ThreadMisuse
{
    public static int Run(string mode, string guestPath)
    {
        using var engine = new Engine();
        using var module = Module.FromFile(engine, guestPath);
        using var store = new Store(engine);
        return mode switch
        {
            "threads-one-binding" => Race(store, module, secondBinding: false),
            "threads-one-store" => Race(store, module, secondBinding: true),
            "threads-held" => Held(engine, store, module),
            _ => 2,
        };
    }

    private static int Race(Store store, Module module, bool secondBinding)
    {
        var instance = new Instance(store, module);
        var types = new RacedTypes(store, instance);
        var upper = new RacedUpper(store, instance);
        int typed = 0, wrong = 0, other = 0;
        string? first = null;
        using var start = new Barrier(2);
        var clock = Stopwatch.StartNew();

        void Work(int worker)
        {
            start.SignalAndWait();
            for (int i = 0; clock.Elapsed < TimeSpan.FromSeconds(8) && Volatile.Read(ref typed) < 200 && Volatile.Read(ref other) == 0; i++)
            {
                try
                {
                    if (worker == 1 && secondBinding)
                    {
                        if (upper.ToUpper("ab" + i) != "AB" + i)
                        {
                            Interlocked.Increment(ref wrong);
                        }
                    }
                    else if (types.Concat("ab", i.ToString()) != "ab" + i || types.AddI32(i, 1) != i + 1)
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
                catch (StoreInUseException e)
                {
                    Interlocked.Increment(ref typed);
                    Interlocked.CompareExchange(ref first, e.Message, null);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref other);
                    Console.WriteLine($"OTHER {e.GetType().FullName}: {e.Message}");
                }
            }
        }

        var a = new Thread(() => Work(0)) { Name = "racer-a" };
        var b = new Thread(() => Work(1)) { Name = "racer-b" };
        a.Start();
        b.Start();
        a.Join();
        b.Join();

        // The binding still works afterwards, from this thread.
        bool works = types.Concat("x", "y") == "xy" && upper.ToUpper("ok") == "OK";
        Console.WriteLine($"typed={typed} wrong={wrong} other={other} works={works}");
        Console.WriteLine($"first: {first}");
        return other > 0 ? 5 : typed == 0 ? 6 : wrong > 0 || !works ? 3 : 0;
    }

    private static int Held(Engine engine, Store store, Module module)
    {
        using var linker = new Linker(engine);
        Exception? seen = null;
        HeldGuest? guest = null;
        var host = new Host(_ =>
        {
            // The store is in a call on this thread: another thread must be refused before it reaches Wasmtime.
            var other = new Thread(() =>
            {
                try
                {
                    guest!.Add(1, 2);
                }
                catch (Exception e)
                {
                    seen = e;
                }
            }) { Name = "intruder" };
            other.Start();
            other.Join();
            return 7;
        });
        HeldHost.Define(linker, host);
        guest = HeldGuest.Instantiate(linker, store, module);
        Thread.CurrentThread.Name = "owner";
        int result = guest.ThroughHost(new byte[] { 1, 2, 3 });
        bool works = guest.Add(40, 2) == 42;
        bool typed = seen is StoreInUseException;
        Console.WriteLine($"typed={(typed ? 1 : 0)} wrong={(works ? 0 : 1)} result={result}");
        Console.WriteLine($"seen: {seen?.GetType().FullName}: {seen?.Message}");
        return seen is null ? 6 : !typed ? 5 : works ? 0 : 3;
    }

    private sealed class Host(Func<byte[], int> callBack) : IHeldHost
    {
        public int CallBack(byte[] data) => callBack(data);
    }
}
