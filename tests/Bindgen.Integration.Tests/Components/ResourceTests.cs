using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Bindgen.Integration.Tests.Components.Resources;
using NUnit.Framework;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// resources.component.wasm (tests/guests/resources/counters.wit): an exported resource bound from the binary alone as
/// an IDisposable class, checked against jco's transpiled JavaScript in Node (Wasmtime.Components cannot run
/// resources) and against the canonical ABI's handle rules.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class ResourceTests : GuestFixture
{
    private static readonly string[][] Sequences =
    {
        // Constructor, methods, a static, borrow and own arguments, Dispose twice, use after Dispose and after a move.
        new[] { "new a 5", "add a 3", "get a", "live", "make b 10", "merge a b", "peek b", "consume b", "get b", "live", "dropped", "dispose a", "dispose a", "add a 1", "live", "dropped" },
        // A moved resource is refused as an argument, borrowed or owned, and its Dispose does nothing.
        new[] { "new a 2", "consume a", "consume a", "peek a", "merge a a", "dispose a", "dropped", "live" },
        // Borrowing the same resource twice in one call; disposing in a different order than made.
        new[] { "new a 1", "new b 2", "new c 3", "merge a a", "merge b c", "dispose b", "live", "get c", "dispose c", "dispose a", "live", "dropped", "plain 4", "plain 5" },
        // The guest drops an owned handle twice: the second resource.drop traps, and the instance is unusable.
        new[] { "new a 1", "double-drop a", "live", "get a" },
        // Handles inside lists (owned and lent), an option of a borrow and a record: moved in, lent, and made by the guest.
        new[] { "new a 1", "new b 2", "make-many m 3 10", "live", "peek-all a,m1,a", "consume-all a,m0,b", "live", "dropped", "get a", "get m1", "peek-maybe m2", "peek-maybe -", "consume-all m1", "consume-all m2", "live", "dropped" },
        new[] { "make-labelled l 7 40", "get l", "live", "open-labelled 3 l", "get l", "new c 5", "open-labelled 9 c", "live", "dropped", "make-many e 0 1", "peek-maybe c" },
    };

    public ResourceTests(EngineSetting setting)
        : base(setting)
    {
    }

    [Test]
    public void Call_sequences_give_the_same_results_destructor_counts_and_errors_as_jco()
    {
        List<List<string>> reference = ResourceSequences.Reference(Sequences);
        for (int i = 0; i < Sequences.Length; i++)
        {
            List<string> bindgen = ResourceSequences.Run(Engine, NewStore(), Sequences[i]);
            Assert.That(ResourceSequences.Outcomes(bindgen), Is.EqualTo(ResourceSequences.Outcomes(reference[i])),
                $"sequence {i}: {string.Join(", ", Sequences[i])}\nBindgen: {string.Join(" | ", bindgen)}\njco:     {string.Join(" | ", reference[i])}");
        }
    }

    [Test]
    public void Dispose_runs_the_destructor_once_and_a_disposed_or_moved_resource_names_the_call_that_refused_it()
    {
        ResourcesDemo demo = ResourcesDemo.Instantiate(Engine, NewStore(), options: Options);
        var a = new ResourcesDemo.Counter(demo.Counters, 7);
        Assert.That((a.IsDisposed, demo.Counters.Live(), ResourceSequences.HandleCount(demo)), Is.EqualTo((false, 1u, 0)), "the host owns it: the guest's table holds no handle");
        a.Dispose();
        a.Dispose();
        Assert.That((a.IsDisposed, demo.Counters.Live(), demo.Counters.Dropped()), Is.EqualTo((true, 0u, 1u)));
        var disposed = Assert.Throws<ObjectDisposedException>(() => a.Add(1))!;
        Assert.That(disposed.Message, Does.Contain("[method]counter.add").And.Contain("was disposed"));
        Assert.Throws<ObjectDisposedException>(() => demo.Counters.Peek(a));

        var b = ResourcesDemo.Counter.Make(demo.Counters, 3);
        Assert.That(demo.Counters.Consume(b), Is.EqualTo(3u));
        Assert.That(b.IsDisposed, Is.True);
        var moved = Assert.Throws<ObjectDisposedException>(() => new ResourcesDemo.Counter(demo.Counters, 1).Merge(b))!;
        Assert.That(moved.Message, Does.Contain("[method]counter.merge").And.Contain("moved into an earlier call"));
        b.Dispose();
        Assert.That((demo.Counters.Dropped(), ResourceSequences.HandleCount(demo)), Is.EqualTo((2u, 0)), "the consumed counter was destroyed by the guest, once; its Dispose did nothing");
    }

    [Test]
    public void A_forged_owning_handle_is_a_typed_error_naming_the_function_and_the_instance_is_unusable_after()
    {
        // CanonicalABI.md lift_own: the handle must be an owning handle in the callee's table, else trap. (jco's
        // transpiled code does not check it: it wraps the unknown index 999 in a Counter.)
        ResourcesDemo demo = ResourcesDemo.Instantiate(Engine, NewStore(), options: Options);
        var forged = Assert.Throws<ComponentHandleException>(() => demo.Counters.Forge())!;
        Assert.That(forged.Message, Does.Contain("[constructor]").Or.Contain("forge"));
        Assert.That((forged.Handle, forged.Message), Is.EqualTo((999, forged.Message)));
        Assert.That(forged.Message, Does.Contain("no such handle"));
        Assert.Throws<ComponentPoisonedException>(() => demo.Counters.Live());
    }

    [Test]
    public void A_guest_that_drops_a_handle_twice_traps_with_a_typed_error_and_a_later_Dispose_does_nothing()
    {
        ResourcesDemo demo = ResourcesDemo.Instantiate(Engine, NewStore(), options: Options);
        var kept = new ResourcesDemo.Counter(demo.Counters, 1);
        var doubled = Assert.Throws<ComponentHandleException>(() => demo.Counters.DoubleDrop(new ResourcesDemo.Counter(demo.Counters, 2)))!;
        Assert.That(doubled.Message, Does.StartWith("ICounters.DoubleDrop (resource.drop): handle 1 is refused").And.Contain("no such handle"));
        Assert.DoesNotThrow(kept.Dispose, "nothing runs in a poisoned instance, and Dispose does not throw for it");
        Assert.Throws<ComponentPoisonedException>(() => kept.Get());
    }

    [Test]
    public void A_resource_of_another_instance_or_null_is_refused_before_the_guest_runs_and_the_instance_stays_usable()
    {
        ResourcesDemo one = ResourcesDemo.Instantiate(Engine, NewStore(), options: Options);
        ResourcesDemo two = ResourcesDemo.Instantiate(Engine, NewStore(), options: Options);
        using var a = new ResourcesDemo.Counter(one.Counters, 4);
        var foreign = Assert.Throws<ArgumentException>(() => two.Counters.Peek(a))!;
        Assert.That(foreign.Message, Does.Contain("another component instance").And.Contain("peek"));
        Assert.Throws<ArgumentNullException>(() => two.Counters.Consume(null!));
        Assert.Throws<ArgumentNullException>(() => new ResourcesDemo.Counter(null!, 1));
        Assert.That((two.Counters.Live(), one.Counters.Peek(a)), Is.EqualTo((0u, 4u)));
    }

    [Test]
    public void Resources_never_disposed_are_dropped_by_the_next_call_on_the_stores_thread()
    {
        ResourcesDemo demo = ResourcesDemo.Instantiate(Engine, NewStore(), options: Options);
        MakeAndForget(demo, 10);
        for (int i = 0; i < 5 && ResourceSequences.Runtime(demo).PendingDrops < 10; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.That(ResourceSequences.Runtime(demo).PendingDrops, Is.EqualTo(10), "the finalizers only queued the drops");
        Assert.That(demo.Counters.Live(), Is.EqualTo(0u), "the next call ran the destructors first");
        Assert.That((demo.Counters.Dropped(), ResourceSequences.Runtime(demo).PendingDrops), Is.EqualTo((10u, 0)));
    }

    [Test]
    public void Dispose_on_another_thread_takes_the_idle_store_over_as_any_call_does()
    {
        ResourcesDemo demo = ResourcesDemo.Instantiate(Engine, NewStore(), options: Options);
        var a = new ResourcesDemo.Counter(demo.Counters, 1);
        var thread = new System.Threading.Thread(a.Dispose);
        thread.Start();
        thread.Join();
        Assert.That((a.IsDisposed, demo.Counters.Live(), demo.Counters.Dropped()), Is.EqualTo((true, 0u, 1u)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MakeAndForget(ResourcesDemo demo, int count)
    {
        for (int i = 0; i < count; i++)
        {
            _ = new ResourcesDemo.Counter(demo.Counters, (uint)i).Add(1);
        }
    }

    /// <summary>Create, use and drop (by Dispose or by moving into the guest); BINDGEN_RESOURCE_CYCLES sets the count (100,000 by default).</summary>
    [Test]
    public void Create_use_drop_cycles_leave_no_live_resource_and_no_handle()
    {
        int cycles = int.TryParse(Environment.GetEnvironmentVariable("BINDGEN_RESOURCE_CYCLES"), out int n) ? n : 100_000;
        ResourcesDemo demo = ResourcesDemo.Instantiate(Engine, NewStore(), options: Options);
        ICounters counters = demo.Counters;
        using var keeper = new ResourcesDemo.Counter(counters, 0);
        ulong consumed = 0;
        for (int i = 0; i < cycles; i++)
        {
            var c = (i & 1) == 0 ? new ResourcesDemo.Counter(counters, (uint)i) : ResourcesDemo.Counter.Make(counters, (uint)i);
            c.Add(1);
            keeper.Merge(c);
            if (i % 3 == 0)
            {
                consumed += counters.Consume(c);
            }
            else
            {
                c.Dispose();
            }
        }

        Assert.That((counters.Live(), counters.Dropped(), ResourceSequences.HandleCount(demo), ResourceSequences.Runtime(demo).PendingDrops),
            Is.EqualTo((1u, (uint)cycles, 0, 0)), "only the keeper is alive; every other counter was destroyed once; no handle is left in the table");
        Assert.That(consumed, Is.EqualTo(Enumerable.Range(0, cycles).Where(i => i % 3 == 0).Aggregate(0UL, (s, i) => s + (ulong)i + 1)));
        Assert.That(keeper.Get(), Is.EqualTo(unchecked((uint)Enumerable.Range(0, cycles).Aggregate(0UL, (s, i) => s + (ulong)i + 1))));
    }
}
