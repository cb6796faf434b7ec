using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Integration.Tests;

/// <summary>
/// The supported patterns of docs/threading.md: a store per thread on one shared engine and module, and a store
/// handed from thread to thread between calls (a pool lease, an await that resumes elsewhere). None may be refused.
/// </summary>
public sealed class ThreadingPatternTests : GuestFixture
{
    public ThreadingPatternTests()
        : base(EngineSetting.Default)
    {
    }

    [Test]
    public void A_store_per_thread_on_one_engine_and_module_runs_in_parallel()
    {
        Module module = ModuleOf("types");
        int wrong = 0;
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            using var store = new Store(Engine);
            var types = new TypesGuest(store, new Instance(store, module), Options);
            for (int i = 0; i < 2000; i++)
            {
                if (types.Concat("w" + worker, i.ToString()) != $"w{worker}{i}" || types.AddI32(i, worker) != i + worker)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        Assert.That(wrong, Is.Zero);
    }

    [Test]
    public void A_store_handed_to_other_threads_between_calls_is_not_refused()
    {
        Store store = NewStore();
        var types = new TypesGuest(store, new Instance(store, ModuleOf("types")), Options);
        for (int round = 0; round < 20; round++)
        {
            string result = null!;
            var thread = new Thread(() => result = types.Concat("round", round.ToString()));
            thread.Start();
            thread.Join();
            Assert.That(result, Is.EqualTo("round" + round));
        }

        Assert.That(types.ToUpper("back home"), Is.EqualTo("BACK HOME"));
    }

    [Test]
    public async Task A_store_used_across_awaits_that_resume_on_other_threads_is_not_refused()
    {
        Store store = NewStore();
        var types = new TypesGuest(store, new Instance(store, ModuleOf("types")), Options);
        var threads = new System.Collections.Generic.HashSet<int>();
        for (int i = 0; i < 50; i++)
        {
            await Task.Yield();
            threads.Add(Environment.CurrentManagedThreadId);
            Assert.That(types.Concat("a", i.ToString()), Is.EqualTo("a" + i));
            await Task.Run(() => types.AddI32(i, 1)).ConfigureAwait(false);
        }

        TestContext.Out.WriteLine($"{threads.Count} threads took turns");
    }

    [Test]
    public void A_pool_of_stores_leased_to_concurrent_workers_is_not_refused()
    {
        Module module = ModuleOf("types");
        var pool = new System.Collections.Concurrent.ConcurrentBag<TypesGuest>(
            Enumerable.Range(0, 3).Select(_ => { Store s = NewStore(); return new TypesGuest(s, new Instance(s, module), Options); }));
        int wrong = 0;
        Parallel.For(0, 300, new ParallelOptions { MaxDegreeOfParallelism = 3 }, i =>
        {
            Assert.That(pool.TryTake(out TypesGuest? lease), Is.True);
            try
            {
                if (lease!.Concat("p", i.ToString()) != "p" + i)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
            finally
            {
                pool.Add(lease!);
            }
        });

        Assert.That(wrong, Is.Zero);
    }
}
