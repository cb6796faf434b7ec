using System;
using System.Collections.Generic;
using Bindgen.Hosting;
using Wasmtime;

namespace Bindgen.Benchmarks;

/// <summary>
/// The binding pool's costs (Bindgen.Hosting), for <c>--interleaved</c>: rent-call-return against a plain call on a
/// held binding, and instantiation with and without Wasmtime's pooling allocator.
/// </summary>
public sealed class PoolVariants : IDisposable
{
    private readonly Engine _plainEngine = new();
    private readonly Engine _poolingEngine;
    private readonly Module _plainModule;
    private readonly Module _poolingModule;
    private readonly Linker _plainLinker;
    private readonly Linker _poolingLinker;
    private readonly Store _heldStore;
    private readonly Bench _held;
    private readonly List<IDisposable> _pools = new();

    public PoolVariants()
    {
        using var config = new Config();
        using var pooling = new PoolingAllocationConfig();
        pooling.WithMaxCoreInstances(100).WithMaxMemories(100).WithMaxTables(100);
        config.WithPoolingAllocationStrategy(pooling);
        _poolingEngine = new Engine(config);
        _plainModule = BenchGuest.LoadModule(_plainEngine);
        _poolingModule = BenchGuest.LoadModule(_poolingEngine);
        _plainLinker = LinkerOf(_plainEngine);
        _poolingLinker = LinkerOf(_poolingEngine);
        _heldStore = new Store(_plainEngine);
        _held = Bench.Instantiate(_plainLinker, _heldStore, _plainModule);
    }

    /// <summary>The scenarios; each variant's result is checked once before measuring.</summary>
    public IEnumerable<Interleaved.Scenario> Scenarios()
    {
        WasmModulePool<IBench> fresh = Pool(_poolingEngine, _poolingModule, PoolIsolation.FreshInstance);
        WasmModulePool<IBench> freshPlain = Pool(_plainEngine, _plainModule, PoolIsolation.FreshInstance);
        WasmModulePool<IBench> reuse = Pool(_plainEngine, _plainModule, PoolIsolation.ReuseInstance);
        Action held = () => Check(_held.Add(40, 2));
        Action rentFresh = () => Check(fresh.Run((bench, _) => bench.Add(40, 2)));
        Action rentFreshPlain = () => Check(freshPlain.Run((bench, _) => bench.Add(40, 2)));
        Action rentReuse = () => Check(reuse.Run((bench, _) => bench.Add(40, 2)));
        yield return new Interleaved.Scenario("pool: add on a held binding vs rent-call-return (reuse)",
        [
            new("Held binding", held),
            new("Pool, reused instance", rentReuse),
        ]);

        // In one scenario, so that the bare instantiation and the pool's fresh instance are measured alike.
        yield return new Interleaved.Scenario("pool: instantiate + add per operation",
        [
            new("Bare store + instantiate, default allocator", () => Check(InstantiateAndCall(_plainEngine, _plainLinker, _plainModule))),
            new("Bare store + instantiate, pooling allocator", () => Check(InstantiateAndCall(_poolingEngine, _poolingLinker, _poolingModule))),
            new("Pool, fresh instance, default allocator", rentFreshPlain),
            new("Pool, fresh instance, pooling allocator", rentFresh),
        ]);
    }

    public void Dispose()
    {
        _pools.ForEach(pool => pool.Dispose());
        _heldStore.Dispose();
        _plainLinker.Dispose();
        _poolingLinker.Dispose();
        _plainModule.Dispose();
        _poolingModule.Dispose();
        _plainEngine.Dispose();
        _poolingEngine.Dispose();
    }

    private static int InstantiateAndCall(Engine engine, Linker linker, Module module)
    {
        using var store = new Store(engine);
        return Bench.Instantiate(linker, store, module).Add(40, 2);
    }

    private WasmModulePool<IBench> Pool(Engine engine, Module module, PoolIsolation isolation)
    {
        var pool = new WasmModulePool<IBench>(engine, module, new WasmModulePoolOptions<IBench>
        {
            Isolation = isolation,
            DefineImports = linker => BenchHost.Define(linker, new FixedAnswerHost()),
            CreateBinding = context => Bench.Instantiate(context.Linker!, context.Store, context.Module),
        });
        _pools.Add(pool);
        return pool;
    }

    private static Linker LinkerOf(Engine engine)
    {
        var linker = new Linker(engine);
        BenchHost.Define(linker, new FixedAnswerHost());
        return linker;
    }

    private static void Check(int sum)
    {
        if (sum != 42) throw new InvalidOperationException($"add(40, 2) returned {sum}");
    }
}
