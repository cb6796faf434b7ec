using System;
using System.Collections.Generic;
using Bindgen;
using Bindgen.Hosting;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Hosting.Tests;

/// <summary>Under reuse, a guest that traps, runs out of fuel or is rejected by the reset hook is never handed out again.</summary>
public sealed class DiscardTests
{
    private Engine _engine = null!;
    private Module _module = null!;

    [OneTimeSetUp]
    public void Compile()
    {
        _engine = PooledGuest.PoolingEngine(fuel: true);
        _module = Module.FromFile(_engine, PooledGuest.ModulePath);
    }

    [OneTimeTearDown]
    public void Dispose()
    {
        _module.Dispose();
        _engine.Dispose();
    }

    [Test]
    public void ACompletedLeaseHandsItsInstanceToTheNextAndTheResetHookSeesIt()
    {
        var resets = new List<IPooledTypes>();
        WasmModulePoolOptions<IPooledTypes> options = Reuse(fuel: 10_000_000);
        options.ResetInstance = binding => { resets.Add(binding); return true; };
        using var pool = new WasmModulePool<IPooledTypes>(_engine, _module, options);

        IPooledTypes first;
        using (WasmLease<IPooledTypes> lease = pool.Rent())
        {
            first = lease.Binding;
            lease.Binding.Bump();
            lease.Complete();
        }

        using (WasmLease<IPooledTypes> lease = pool.Rent())
        {
            Assert.That(lease.Store.Fuel, Is.EqualTo(10_000_000UL), "each lease starts with its own fuel");
            Assert.That(lease.Binding, Is.SameAs(first), "reuse hands the same instance out again");
            Assert.That(lease.Binding.BumpCount(), Is.EqualTo(1), "and its state with it: reuse is opt-in for that reason");
            lease.Complete();
        }

        Assert.That(resets, Is.EqualTo(new[] { first, first }));
        Assert.That(pool.InstancesCreated, Is.EqualTo(1));
        Assert.That(pool.LiveInstances, Is.EqualTo(1), "the idle instance");
        pool.Dispose();
        Assert.That(pool.LiveInstances, Is.Zero, "disposing the pool disposes its idle instances");
    }

    [Test]
    public void AGuestThatTrapsMidLeaseIsDiscarded()
    {
        using var pool = new WasmModulePool<IPooledTypes>(_engine, _module, Reuse(fuel: 10_000_000));
        IPooledTypes trapped;
        using (WasmLease<IPooledTypes> lease = pool.Rent())
        {
            trapped = lease.Binding;
            lease.Binding.Bump();
            Assert.That(() => lease.Binding.TrapNow(), Throws.InstanceOf<GuestTrapException>());
        }

        Assert.That(() => pool.Run<int>((tools, _) => { tools.TrapNow(); return 0; }), Throws.InstanceOf<GuestTrapException>());
        Assert.That(pool.InstancesDiscarded, Is.EqualTo(2));
        Assert.That(pool.LiveInstances, Is.Zero, "a failed lease's store is disposed at once");
        AssertNeverHandedOutAgain(pool, trapped);
    }

    [Test]
    public void AGuestThatRunsOutOfFuelMidLeaseIsDiscardedEvenIfTheLeaseCompletes()
    {
        using var pool = new WasmModulePool<IPooledTypes>(_engine, _module, Reuse(fuel: 200_000));
        IPooledTypes exhausted;
        using (WasmLease<IPooledTypes> lease = pool.Rent())
        {
            exhausted = lease.Binding;
            Assert.That(lease.Binding.ToUpper("fits"), Is.EqualTo("FITS"));
            Assert.That(() => lease.Binding.Repeat("fuel", 1_000_000), Throws.InstanceOf<GuestOutOfFuelException>());
            lease.Complete(); // caught and completed anyway: the empty tank still discards the instance
        }

        Assert.That(pool.InstancesDiscarded, Is.EqualTo(1));
        AssertNeverHandedOutAgain(pool, exhausted);
    }

    [Test]
    public void TheResetHookDecidesAndADiscardedOrUncompletedLeaseIsNotKept()
    {
        WasmModulePoolOptions<IPooledTypes> options = Reuse(fuel: 10_000_000);
        options.ResetInstance = binding => binding.BumpCount() == 0 ? true : throw new InvalidOperationException("dirty");
        using var pool = new WasmModulePool<IPooledTypes>(_engine, _module, options);

        IPooledTypes dirty = Lease(pool, lease => { lease.Binding.Bump(); lease.Complete(); });
        IPooledTypes uncompleted = Lease(pool, _ => { });
        IPooledTypes discarded = Lease(pool, lease => { lease.Complete(); lease.Discard(); });
        IPooledTypes clean = Lease(pool, lease => lease.Complete());

        Assert.That(pool.InstancesDiscarded, Is.EqualTo(3));
        Assert.That(new[] { dirty, uncompleted, discarded, clean }, Is.Unique);
        Assert.That(Lease(pool, lease => lease.Complete()), Is.SameAs(clean), "the one accepted instance is reused");
        Assert.That(pool.LiveInstances, Is.EqualTo(1));
    }

    [Test]
    public void AMemoryCapRefusesGrowthPerLease()
    {
        WasmModulePoolOptions<IPooledTypes> options = PooledGuest.Options();
        options.MemoryLimitBytes = 4L << 20;
        using var pool = new WasmModulePool<IPooledTypes>(_engine, _module, options);
        using WasmLease<IPooledTypes> lease = pool.Rent();
        lease.Store.Fuel = 10_000_000;
        Assert.That(lease.Binding.GrowMemory(1000), Is.EqualTo(-1), "64 MiB more is past the 4 MiB cap");
        Assert.That(lease.Binding.GrowMemory(1), Is.GreaterThan(0), "a page within the cap is granted");
    }

    private static WasmModulePoolOptions<IPooledTypes> Reuse(ulong fuel)
    {
        WasmModulePoolOptions<IPooledTypes> options = PooledGuest.Options(PoolIsolation.ReuseInstance);
        options.FuelPerLease = fuel;
        return options;
    }

    private static IPooledTypes Lease(WasmModulePool<IPooledTypes> pool, Action<WasmLease<IPooledTypes>> use)
    {
        using WasmLease<IPooledTypes> lease = pool.Rent();
        use(lease);
        return lease.Binding;
    }

    private static void AssertNeverHandedOutAgain(WasmModulePool<IPooledTypes> pool, IPooledTypes failed)
    {
        for (int i = 0; i < 8; i++)
        {
            using WasmLease<IPooledTypes> lease = pool.Rent();
            Assert.That(lease.Binding, Is.Not.SameAs(failed));
            Assert.That(lease.Binding.ToUpper("ok"), Is.EqualTo("OK"));
            lease.Complete();
        }
    }
}
