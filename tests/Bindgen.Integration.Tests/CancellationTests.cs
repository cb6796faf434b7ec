using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>
/// Methods with a last CancellationToken: cancelling it interrupts a runaway guest promptly, through the engine's
/// epoch, and the call throws GuestCanceledException; nothing leaks and the binding keeps working.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class CancellationTests : GuestFixture
{
    private static readonly byte[] Data = { 1, 2, 3, 4, 5, 6, 7, 8 };
    private readonly List<Linker> _linkers = new();

    public CancellationTests(EngineSetting setting)
        : base(setting, static c => c.WithEpochInterruption(true))
    {
    }

    [TearDown]
    public void DisposeLinkers()
    {
        foreach (Linker linker in _linkers)
        {
            linker.Dispose();
        }

        _linkers.Clear();
    }

    [Test]
    public void A_runaway_call_cancelled_after_200_ms_returns_promptly_and_the_binding_still_works()
    {
        BoundedGuest guest = NewGuest(out _);
        using var cts = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        TimeSpan cancelledAt = default;
        Task canceller = Task.Run(async () =>
        {
            await Task.Delay(200);
            cancelledAt = clock.Elapsed; // recorded before cancelling: the guest may return before Cancel does
            cts.Cancel();
        });

        var e = Assert.Throws<GuestCanceledException>(() => guest.Spin(Data, cts.Token))!;
        TimeSpan returnedAt = clock.Elapsed;
        canceller.Wait();

        Assert.That(returnedAt, Is.LessThan(TimeSpan.FromSeconds(2)), "control returns well within two seconds");
        Assert.That(returnedAt, Is.GreaterThanOrEqualTo(cancelledAt), "it was the cancellation that stopped it");
        Assert.That(returnedAt - cancelledAt, Is.LessThan(TimeSpan.FromSeconds(1)), "the target is 100 ms; the bound is generous for a loaded machine");
        Assert.That(e.CancellationToken, Is.EqualTo(cts.Token));
        Assert.That(e.Operation, Does.Contain("'spin'"));
        Assert.That(e, Is.InstanceOf<OperationCanceledException>());
        Assert.That(guest.Add(40, 2), Is.EqualTo(42));
        Assert.That(guest.LiveAllocations() - guest.Memory!.HeldAllocations, Is.Zero, "the interrupted call freed its block");
        TestContext.Out.WriteLine($"returned {(returnedAt - cancelledAt).TotalMilliseconds:F1} ms after the cancellation");
    }

    [Test]
    public void After_a_cancellation_the_same_binding_runs_calls_with_fresh_tokens()
    {
        BoundedGuest guest = NewGuest(out _);
        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50)))
        {
            Assert.Throws<GuestCanceledException>(() => guest.Spin(Data, cts.Token));
        }

        using var fresh = new CancellationTokenSource();
        Assert.That(guest.Churn(Data, 10, fresh.Token), Is.EqualTo(ChurnReference.Of(Data, 10)));
        Assert.That(guest.Churn(Data, 10, CancellationToken.None), Is.EqualTo(ChurnReference.Of(Data, 10)));
        Assert.That(guest.Inflate(new byte[] { 7, 9 }, 3, fresh.Token), Is.EqualTo(new byte[] { 7, 9, 7, 9, 7, 9 }));
        Assert.That(guest.LiveAllocations() - guest.Memory!.HeldAllocations, Is.Zero);
    }

    [Test]
    public void CancelAfter_gives_a_per_call_timeout()
    {
        BoundedGuest guest = NewGuest(out _);
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var e = Assert.Throws<GuestCanceledException>(() => guest.Spin(Data, timeout.Token))!;
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        Assert.That(e.CancellationToken, Is.EqualTo(timeout.Token));
    }

    [Test]
    public void An_already_cancelled_token_stops_the_call_and_frees_its_block()
    {
        BoundedGuest guest = NewGuest(out _);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<GuestCanceledException>(() => guest.Churn(Data, 1, cts.Token));
        Assert.Throws<GuestCanceledException>(() => guest.Inflate(Data, 2, cts.Token));
        Assert.That(guest.LiveAllocations() - guest.Memory!.HeldAllocations, Is.Zero);
    }

    [Test]
    public void A_thousand_cancelled_calls_holding_guest_memory_leak_nothing()
    {
        BoundedGuest guest = NewGuest(out _);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        for (int i = 0; i < 1000; i++)
        {
            // Alternate a call holding one block with one holding a block and a return area.
            Assert.Throws<GuestCanceledException>(i % 2 == 0 ? () => guest.Spin(Data, cts.Token) : () => guest.Inflate(Data, 4, cts.Token));
        }

        Assert.That(guest.LiveAllocations() - guest.Memory!.HeldAllocations, Is.Zero);
        Assert.That(guest.Add(1, 2), Is.EqualTo(3));
    }

    [Test]
    public void A_cancellation_does_not_interrupt_other_stores_of_the_engine()
    {
        BoundedGuest spinning = NewGuest(out _);
        BoundedGuest working = NewGuest(out _);
        byte[] large = new byte[4096];
        new Random(7).NextBytes(large);
        int rounds = 20_000;

        // A store without cancellable bindings sets its own far deadline, as Wasmtime requires on such an engine.
        Store plainStore = NewStore();
        plainStore.SetEpochDeadline(1UL << 40);
        var plainLinker = new Linker(Engine);
        _linkers.Add(plainLinker);
        BoundedHost.Define(plainLinker, new CallBackHost(), Options);
        var plain = BoundedPlainGuest.Instantiate(plainLinker, plainStore, ModuleOf("bounded"), Options);

        using var never = new CancellationTokenSource();
        Task<int> work = Task.Run(() => working.Churn(large, rounds, never.Token));
        Task<int> plainWork = Task.Run(() => plain.Churn(large, rounds));

        // Cancel many calls on the first store while the others run: each cancellation increments the epoch.
        int cancelled = 0;
        while (!work.IsCompleted || !plainWork.IsCompleted)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(5));
            Assert.Throws<GuestCanceledException>(() => spinning.Spin(Data, cts.Token));
            cancelled++;
        }

        Assert.That(cancelled, Is.GreaterThan(0));
        int expected = ChurnReference.Of(large, rounds);
        Assert.That(work.Result, Is.EqualTo(expected), "the other cancellable store was not interrupted");
        Assert.That(plainWork.Result, Is.EqualTo(expected), "the store with its own far deadline was not interrupted");
        Assert.That(spinning.LiveAllocations() + working.LiveAllocations() + plain.LiveAllocations()
            - spinning.Memory!.HeldAllocations - working.Memory!.HeldAllocations - plain.Memory!.HeldAllocations, Is.Zero);
    }

    [Test]
    public void A_binding_with_tokens_on_an_engine_without_epoch_interruption_fails_when_created()
    {
        using var engine = Engines.Create(Setting);
        using var module = Module.FromFile(engine, GuestFiles.PathOf("bounded"));
        using var store = new Store(engine);
        using var linker = new Linker(engine);
        BoundedHost.Define(linker, new CallBackHost(), Options);

        var e = Assert.Throws<EngineConfigurationException>(() => BoundedGuest.Instantiate(engine, linker, store, module, Options))!;
        Assert.That(e.Binding, Is.EqualTo("IBoundedGuest"));
        Assert.That(e.Message, Does.Contain("CancellationToken").And.Contain("WithEpochInterruption(true)"));
    }

    [Test]
    public void A_binding_given_another_engine_than_its_store_fails_when_created()
    {
        using var other = Engines.Create(Setting, static c => c.WithEpochInterruption(true));
        Store store = NewStore();
        var linker = new Linker(Engine);
        _linkers.Add(linker);
        BoundedHost.Define(linker, new CallBackHost(), Options);

        var e = Assert.Throws<EngineConfigurationException>(() => BoundedGuest.Instantiate(other, linker, store, ModuleOf("bounded"), Options))!;
        Assert.That(e.Message, Does.Contain("not the engine"));
    }

    [Test]
    public void A_cancellation_inside_a_reentrant_call_unwinds_every_level_and_frees_every_block()
    {
        BoundedGuest guest = NewGuest(out CallBackHost host);
        var cts = new CancellationTokenSource();
        int nested = 0;

        // export through_host -> import call_back -> export spin, with the outer token, then with none: the outer
        // token's cancellation interrupts the nested call either way.
        host.OnCallBack = data =>
        {
            nested++;
            return guest.Spin(data, nested == 1 ? cts.Token : CancellationToken.None);
        };

        for (int round = 0; round < 2; round++)
        {
            cts.CancelAfter(TimeSpan.FromMilliseconds(100));
            var e = Assert.Throws<GuestCanceledException>(() => guest.ThroughHost(Data, cts.Token))!;
            Assert.That(e.Operation, Does.Contain("'through_host'"));
            Assert.That(e.CancellationToken, Is.EqualTo(cts.Token));
            Assert.That(e.InnerException, Is.InstanceOf<GuestCanceledException>().With.Property("Operation").Contains("'spin'"), "the nested level unwound first");
            Assert.That(guest.LiveAllocations() - guest.Memory!.HeldAllocations, Is.Zero, "both levels freed their blocks");
            cts.Dispose();
            cts = new CancellationTokenSource();
        }

        cts.Dispose();

        Assert.That(nested, Is.EqualTo(2));
        host.OnCallBack = data => data.Length;
        Assert.That(guest.ThroughHost(Data, CancellationToken.None), Is.EqualTo(Data.Length + 1));
    }

    [Test]
    public void A_host_exception_in_a_cancellable_call_still_arrives_as_HostImportException()
    {
        BoundedGuest guest = NewGuest(out CallBackHost host);
        host.OnCallBack = _ => throw new InvalidOperationException("host failed");
        using var cts = new CancellationTokenSource();
        var e = Assert.Throws<HostImportException>(() => guest.ThroughHost(Data, cts.Token))!;
        Assert.That(e.InnerException, Is.InstanceOf<InvalidOperationException>());
        Assert.That(e.Operation, Does.Contain("'through_host'"));

        // An OperationCanceledException the implementation throws itself is the host's failure, not a cancellation.
        host.OnCallBack = _ => throw new OperationCanceledException();
        Assert.Throws<HostImportException>(() => guest.ThroughHost(Data, cts.Token));
        Assert.That(guest.LiveAllocations() - guest.Memory!.HeldAllocations, Is.Zero);
    }

    [Test]
    public void A_passed_epoch_deadline_without_a_token_is_a_trap_and_a_thousand_calls_it_stops_leak_nothing()
    {
        // A store without Bindgen's cancellation uses Wasmtime's own deadline: reached, it traps with Interrupt.
        Store store = NewStore();
        var linker = new Linker(Engine);
        _linkers.Add(linker);
        BoundedHost.Define(linker, new CallBackHost(), Options);
        store.SetEpochDeadline(1UL << 40);
        var guest = BoundedPlainGuest.Instantiate(linker, store, ModuleOf("bounded"), Options);

        // A ticker passes each call's one-tick deadline while the export spins, holding its argument block.
        using var stop = new CancellationTokenSource();
        var ticker = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Engine.IncrementEpoch();
                Thread.Sleep(1);
            }
        });
        ticker.Start();
        try
        {
            for (int i = 0; i < 1000; i++)
            {
                store.SetEpochDeadline(1);
                var e = Assert.Throws<GuestTrapException>(() => guest.Spin(Data))!;
                Assert.That(e.TrapCode, Is.EqualTo(TrapCode.Interrupt));
            }
        }
        finally
        {
            stop.Cancel();
            ticker.Join();
        }

        store.SetEpochDeadline(1UL << 40);
        Assert.That(guest.LiveAllocations() - guest.Memory!.HeldAllocations, Is.Zero);
        Assert.That(guest.Churn(Data, 2), Is.EqualTo(ChurnReference.Of(Data, 2)));
    }

    private BoundedGuest NewGuest(out CallBackHost host)
    {
        host = new CallBackHost();
        var linker = new Linker(Engine);
        _linkers.Add(linker);
        BoundedHost.Define(linker, host, Options);
        return BoundedGuest.Instantiate(Engine, linker, NewStore(), ModuleOf("bounded"), Options);
    }
}
