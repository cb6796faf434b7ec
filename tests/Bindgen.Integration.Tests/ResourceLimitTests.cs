using System;
using System.Collections.Generic;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>
/// Exhausted fuel gives GuestOutOfFuelException naming the export; the call's block is still freed (the frees get a
/// fuel reserve), and the store works again after refuelling.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class FuelTests : GuestFixture
{
    private static readonly byte[] Data = { 1, 2, 3, 4, 5, 6, 7, 8 };
    private readonly List<Linker> _linkers = new();

    public FuelTests(EngineSetting setting)
        : base(setting, static c => c.WithFuelConsumption(true))
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
    public void Running_out_of_fuel_names_the_export_frees_the_block_and_the_store_works_after_refuelling()
    {
        BoundedPlainGuest guest = NewGuest(out Store store);
        store.Fuel = 1_000_000;
        var e = Assert.Throws<GuestOutOfFuelException>(() => guest.Spin(Data))!;
        Assert.That(e.Operation, Does.Contain("'spin'"));
        Assert.That(e.InnerException, Is.InstanceOf<TrapException>().With.Property("Type").EqualTo(TrapCode.OutOfFuel));
        Assert.That(e, Is.InstanceOf<BindgenException>());
        Assert.That(store.Fuel, Is.Zero, "the cleanup's reserve was taken back");

        store.Fuel = 1_000_000;
        Assert.That(guest.LiveAllocations() - guest.Memory!.HeldAllocations, Is.Zero);
        Assert.That(guest.Churn(Data, 5), Is.EqualTo(ChurnReference.Of(Data, 5)));
    }

    [Test]
    public void A_thousand_calls_that_run_out_of_fuel_leak_nothing()
    {
        BoundedPlainGuest guest = NewGuest(out Store store);
        for (int i = 0; i < 1000; i++)
        {
            // Enough to allocate and enter the export, never enough to finish. (Not inflate: a guest that runs out
            // of fuel after allocating its own result leaks that result itself; no host can free it.)
            store.Fuel = 20_000;
            Assert.Throws<GuestOutOfFuelException>(i % 2 == 0 ? () => guest.Spin(Data) : () => guest.Churn(Data, int.MaxValue));
        }

        store.Fuel = 1_000_000;
        Assert.That(guest.LiveAllocations() - guest.Memory!.HeldAllocations, Is.Zero);
        Assert.That(guest.Add(2, 3), Is.EqualTo(5));
    }

    [Test]
    public void A_store_without_fuel_fails_in_the_allocator_with_the_same_exception()
    {
        BoundedPlainGuest guest = NewGuest(out Store store);
        store.Fuel = 0;
        var e = Assert.Throws<GuestOutOfFuelException>(() => guest.Churn(Data, 1))!;
        Assert.That(e.Operation, Does.Contain("'churn'"));
        store.Fuel = 1_000_000;
        Assert.That(guest.LiveAllocations() - guest.Memory!.HeldAllocations, Is.Zero);
    }

    private BoundedPlainGuest NewGuest(out Store store)
    {
        store = NewStore();
        store.Fuel = 10_000_000; // instantiation runs no guest code, but the binding's creation may
        var linker = new Linker(Engine);
        _linkers.Add(linker);
        BoundedHost.Define(linker, new CallBackHost(), Options);
        return BoundedPlainGuest.Instantiate(linker, store, ModuleOf("bounded"), Options);
    }
}

/// <summary>
/// A memory cap (<see cref="Store.SetLimits"/>) that refuses a growth fails the call with a typed exception naming the
/// export, whether the host's allocation fails or the guest's own allocation traps; nothing leaks, the store works on.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class MemoryCapTests : GuestFixture
{
    private readonly List<Linker> _linkers = new();

    public MemoryCapTests(EngineSetting setting)
        : base(setting)
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
    public void A_refused_growth_for_the_arguments_is_a_GuestAllocationException_naming_the_export()
    {
        BoundedPlainGuest guest = NewCappedGuest(out long cap);
        byte[] tooLarge = new byte[checked((int)cap)];
        var e = Assert.Throws<GuestAllocationException>(() => guest.Churn(tooLarge, 1))!;
        Assert.That(e.Operation, Does.Contain("'churn'"));
        Assert.That(e.Size, Is.EqualTo(tooLarge.Length));

        Assert.That(guest.Churn(new byte[] { 1, 2, 3 }, 2), Is.EqualTo(ChurnReference.Of(new byte[] { 1, 2, 3 }, 2)));
        Assert.That(guest.LiveAllocations() - guest.Memory!.HeldAllocations, Is.Zero);
    }

    [Test]
    public void A_refused_growth_inside_the_guest_is_a_GuestTrapException_naming_the_export_and_the_block_is_freed()
    {
        BoundedPlainGuest guest = NewCappedGuest(out long cap);
        byte[] data = { 1, 2, 3, 4 };
        var e = Assert.Throws<GuestTrapException>(() => guest.Inflate(data, checked((uint)(cap / data.Length))))!;
        Assert.That(e.Operation, Does.Contain("'inflate'"));
        Assert.That(e.TrapCode, Is.EqualTo(TrapCode.Unreachable), "the guest traps when its malloc returns 0");

        Assert.That(guest.LiveAllocations() - guest.Memory!.HeldAllocations, Is.Zero);
        Assert.That(guest.Inflate(data, 2), Is.EqualTo(new byte[] { 1, 2, 3, 4, 1, 2, 3, 4 }));
        Assert.That(guest.LiveAllocations() - guest.Memory!.HeldAllocations, Is.Zero);
    }

    /// <summary>A guest whose memory may not grow beyond its size now plus one page.</summary>
    private BoundedPlainGuest NewCappedGuest(out long cap)
    {
        Store store = NewStore();
        var linker = new Linker(Engine);
        _linkers.Add(linker);
        BoundedHost.Define(linker, new CallBackHost(), Options);
        var guest = BoundedPlainGuest.Instantiate(linker, store, ModuleOf("bounded"), Options);
        cap = guest.Memory!.Length + Memory.PageSize;
        store.SetLimits(memorySize: cap);
        return guest;
    }
}
