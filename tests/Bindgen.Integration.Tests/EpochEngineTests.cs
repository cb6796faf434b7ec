using System.Collections.Generic;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>
/// Bindings on an engine with epoch interruption: every binding gets its scratch block, cancellable or not, and a
/// plain binding stopped by its store's passed deadline says so, with what to do, instead of a bare trap.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class EpochEngineTests : GuestFixture
{
    private static readonly GuestMemoryOptions Scratch = new() { CheckViews = true, ScratchBlock = true };
    private readonly List<Linker> _linkers = new();

    public EpochEngineTests(EngineSetting setting)
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
    public void A_cancellable_binding_gets_its_scratch_block()
    {
        BoundedGuest guest = BoundedGuest.Instantiate(Engine, NewLinker(), NewStore(), ModuleOf("bounded"), Scratch);

        Assert.That(guest.Memory!.HeldAllocations, Is.EqualTo(1), "the scratch block was allocated when the binding was created");
        Assert.That(guest.Inflate(new byte[] { 1, 2 }, 2, default), Is.EqualTo(new byte[] { 1, 2, 1, 2 }));
        Assert.That(guest.LiveAllocations(), Is.EqualTo(1), "the scratch block is the one live allocation between calls");
    }

    [Test]
    public void A_plain_binding_on_a_store_with_a_deadline_gets_its_scratch_block()
    {
        Store store = NewStore();
        store.SetEpochDeadline(1UL << 40);
        BoundedPlainGuest guest = BoundedPlainGuest.Instantiate(NewLinker(), store, ModuleOf("bounded"), Scratch);

        Assert.That(guest.Memory!.HeldAllocations, Is.EqualTo(1));
        Assert.That(guest.Inflate(new byte[] { 3 }, 3), Is.EqualTo(new byte[] { 3, 3, 3 }));
        Assert.That(guest.LiveAllocations(), Is.EqualTo(1));
    }

    [Test]
    public void A_plain_binding_whose_store_deadline_has_passed_gets_its_scratch_block_and_a_typed_explained_error()
    {
        Store store = NewStore(); // no deadline set: with epoch interruption, every guest call is past its deadline
        BoundedPlainGuest guest = BoundedPlainGuest.Instantiate(NewLinker(), store, ModuleOf("bounded"), Scratch);
        Assert.That(guest.Memory!.HeldAllocations, Is.EqualTo(1), "the scratch block is allocated with the cleanup budget, as frees are");

        var e = Assert.Throws<GuestTrapException>(() => guest.Add(1, 2))!;
        Assert.That(e.TrapCode, Is.EqualTo(TrapCode.Interrupt));
        Assert.That(e.Message, Does.Contain("'add'").And.Contain("epoch").And.Contain("SetEpochDeadline").And.Contain("CancellationToken"), e.Message);

        store.SetEpochDeadline(1UL << 40);
        Assert.That(guest.Add(40, 2), Is.EqualTo(42), "with a deadline ahead the binding works");
        Assert.That(guest.LiveAllocations(), Is.EqualTo(1), "nothing leaked");
    }

    private Linker NewLinker()
    {
        var linker = new Linker(Engine);
        _linkers.Add(linker);
        BoundedHost.Define(linker, new CallBackHost(), Options);
        return linker;
    }
}
