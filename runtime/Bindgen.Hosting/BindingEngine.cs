using Wasmtime;

namespace Bindgen.Hosting;

/// <summary>The engine a registration creates: the settings its options imply, then the user's own.</summary>
internal static class BindingEngine
{
    public static Engine Create<TBinding>(WasmEngineOptions<TBinding> options)
        where TBinding : class
    {
        using var config = new Config();
        if (options.FuelPerLease is not null)
        {
            config.WithFuelConsumption(true);
        }

        if (options.LeaseTimeout is not null)
        {
            config.WithEpochInterruption(true);
        }

        if (options.UsePoolingAllocator)
        {
            // The config is consumed by the engine; the pooling config is copied into it.
            using var pooling = new PoolingAllocationConfig();
            pooling.WithMaxCoreInstances(options.PoolingInstanceSlots)
                .WithMaxMemories(options.PoolingInstanceSlots)
                .WithMaxTables(options.PoolingInstanceSlots);
            if (options.MemoryLimitBytes is long limit)
            {
                pooling.WithMaxMemorySize((System.UIntPtr)(ulong)limit);
            }

            config.WithPoolingAllocationStrategy(pooling);
        }

        options.ConfigureEngine?.Invoke(config);
        return new Engine(config);
    }
}
