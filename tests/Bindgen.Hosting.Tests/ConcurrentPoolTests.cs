using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bindgen.Hosting;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Hosting.Tests;

/// <summary>Many threads renting from one pool under the default policy: every result checked, nothing leaked or shared.</summary>
public sealed class ConcurrentPoolTests
{
    private const int Threads = 16;

    /// <summary>Leases per thread: CI-sized by default; BINDGEN_POOL_LEASES=10000 runs the full 16 x 10,000.</summary>
    private static int LeasesPerThread =>
        int.TryParse(Environment.GetEnvironmentVariable("BINDGEN_POOL_LEASES"), out int leases) && leases > 0 ? leases : 250;

    [TestCase(true)]
    [TestCase(false)]
    public void SixteenThreadsRentConcurrentlyAndEveryResultIsRight(bool poolingAllocator)
    {
        using Engine engine = poolingAllocator ? PooledGuest.PoolingEngine() : new Engine();
        using var module = Module.FromFile(engine, PooledGuest.ModulePath);
        var pool = new WasmModulePool<IPooledTypes>(engine, module, PooledGuest.Options());
        int leases = LeasesPerThread;
        int[] checkedLeases = new int[Threads];
        int maxActive = 0;
        using var start = new Barrier(Threads);

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            start.SignalAndWait();
            for (int i = 0; i < leases; i++)
            {
                using WasmLease<IPooledTypes> lease = pool.Rent();
                string text = $"lease {thread}-{i} ünïcode";
                Assert.That(lease.Binding.BumpCount(), Is.Zero, "a fresh instance starts with the guest's initial state");
                lease.Binding.Bump();
                int blocksBefore = lease.Binding.LiveAllocations();
                Assert.That(lease.Binding.ToUpper(text), Is.EqualTo(text.ToUpperInvariant().Replace("Ü", "ü").Replace("Ï", "ï")));
                Assert.That(lease.Binding.BumpCount(), Is.EqualTo(1));
                Assert.That(lease.Binding.LiveAllocations(), Is.EqualTo(blocksBefore), "every guest block of the call was freed");
                InterlockedMax(ref maxActive, pool.ActiveLeases);
                checkedLeases[thread]++;
            }
        });

        Assert.That(checkedLeases, Is.All.EqualTo(leases));
        Assert.That(pool.InstancesCreated, Is.EqualTo((long)Threads * leases), "one instance per lease under the default policy");
        Assert.That(pool.InstancesDiscarded, Is.EqualTo((long)Threads * leases));
        Assert.That(maxActive, Is.InRange(2, Threads), "leases overlapped, and never more than the renting threads");
        Assert.That(pool.ActiveLeases, Is.Zero);
        Assert.That(pool.LiveInstances, Is.Zero, "no store outlives its lease");
        pool.Dispose();
    }

    [Test]
    public async Task RentAsyncAndTheCallbackFormsReturnTheirInstances()
    {
        using var engine = new Engine();
        using var module = Module.FromFile(engine, PooledGuest.ModulePath);
        using var pool = new WasmModulePool<IPooledTypes>(engine, module, PooledGuest.Options());

        await using (WasmLease<IPooledTypes> lease = await pool.RentAsync())
        {
            Assert.That(lease.Binding.ToUpper("async"), Is.EqualTo("ASYNC"));
            Assert.That(pool.LiveInstances, Is.EqualTo(1));
        }

        string[] results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            pool.RunAsync((tools, _) => tools.ToUpper($"run{i}")).AsTask()));
        Assert.That(results, Is.EqualTo(Enumerable.Range(0, 32).Select(i => $"RUN{i}").ToArray()));
        Assert.That(pool.Run((tools, _) => tools.Repeat("ab", 3)), Is.EqualTo("ababab"));
        Assert.That(pool.LiveInstances, Is.Zero);
        Assert.That(pool.ActiveLeases, Is.Zero);
    }

    [Test]
    public async Task RentingBeyondTheConcurrencyBoundWaitsForAReturnAndHonoursCancellation()
    {
        using var engine = new Engine();
        using var module = Module.FromFile(engine, PooledGuest.ModulePath);
        WasmModulePoolOptions<IPooledTypes> options = PooledGuest.Options();
        options.MaxConcurrentLeases = 2;
        using var pool = new WasmModulePool<IPooledTypes>(engine, module, options);

        WasmLease<IPooledTypes> first = pool.Rent();
        WasmLease<IPooledTypes> second = pool.Rent();
        ValueTask<WasmLease<IPooledTypes>> third = pool.RentAsync();
        await Task.Delay(50);
        Assert.That(third.IsCompleted, Is.False, "a third lease waits while two are out");

        using (var canceled = new CancellationTokenSource(TimeSpan.FromMilliseconds(20)))
        {
            Assert.That(() => pool.Rent(canceled.Token), Throws.InstanceOf<OperationCanceledException>());
        }

        await first.DisposeAsync();
        await using (WasmLease<IPooledTypes> lease = await third.AsTask().WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.That(lease.Binding.ToUpper("third"), Is.EqualTo("THIRD"));
        }

        second.Dispose();
        second.Dispose(); // a second return does nothing
        Assert.That(pool.ActiveLeases, Is.Zero);
        Assert.That(pool.LiveInstances, Is.Zero);
        Assert.That(() => first.Binding, Throws.InstanceOf<ObjectDisposedException>(), "a returned lease gives no binding");
    }

    [Test]
    public void TheLeaseTokenIsCancelledWhenTheLeaseTimeoutPasses()
    {
        using var engine = new Engine();
        using var module = Module.FromFile(engine, PooledGuest.ModulePath);
        WasmModulePoolOptions<IPooledTypes> options = PooledGuest.Options();
        options.LeaseTimeout = TimeSpan.FromMilliseconds(30);
        using var pool = new WasmModulePool<IPooledTypes>(engine, module, options);

        using WasmLease<IPooledTypes> lease = pool.Rent();
        Assert.That(lease.CancellationToken.IsCancellationRequested, Is.False);
        Assert.That(lease.CancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)), Is.True);
        using WasmLease<IPooledTypes> next = pool.Rent();
        Assert.That(next.CancellationToken.IsCancellationRequested, Is.False, "each lease has its own timeout");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
