using System;
using System.IO;
using Bindgen;
using Bindgen.Hosting;
using Wasmtime;

namespace Bindgen.Hosting.Tests;

/// <summary>The exports of tests/guests/types.wasm (tests/guests/c/types.c) the pool tests need.</summary>
[WasmModule]
public interface IPooledTypes
{
    /// <summary>Increments a guest global: state that a fresh instance does not have.</summary>
    void Bump();

    int BumpCount();

    string ToUpper(string text);

    string Repeat(string text, int count);

    int LiveAllocations();

    void TrapNow();

    int GrowMemory(int pages);
}

internal static class PooledGuest
{
    public static string ModulePath { get; } = Path.Combine(AppContext.BaseDirectory, "guests", "types.wasm");

    public static IPooledTypes Create(WasmInstanceContext context) => PooledTypes.Instantiate(context.Store, context.Module);

    public static WasmModulePoolOptions<IPooledTypes> Options(PoolIsolation isolation = PoolIsolation.FreshInstance) =>
        new() { CreateBinding = Create, Isolation = isolation };

    /// <summary>An engine with Wasmtime's pooling allocator, as AddWasmModule makes by default.</summary>
    public static Engine PoolingEngine(bool fuel = false)
    {
        using var config = new Config();
        using var pooling = new PoolingAllocationConfig();
        pooling.WithMaxCoreInstances(200).WithMaxMemories(200).WithMaxTables(200);
        config.WithPoolingAllocationStrategy(pooling);
        config.WithFuelConsumption(fuel);
        return new Engine(config);
    }
}
