using System;
using Wasmtime;

namespace Bindgen.Hosting;

/// <summary>
/// The pool's settings and those of the engine a registration creates for it. A binding that compiles its own modules
/// (a component's world class, registered with
/// <see cref="Microsoft.Extensions.DependencyInjection.WasmModuleServiceCollectionExtensions.AddWasmComponent{TBinding}(Microsoft.Extensions.DependencyInjection.IServiceCollection, Func{WasmInstanceContext, TBinding}, Action{WasmEngineOptions{TBinding}})"/>)
/// needs no more; <see cref="WasmModuleOptions{TBinding}"/> adds the module to compile.
/// </summary>
/// <typeparam name="TBinding">The binding handed out.</typeparam>
public class WasmEngineOptions<TBinding> : WasmModulePoolOptions<TBinding>
    where TBinding : class
{
    /// <summary>
    /// Whether the engine uses Wasmtime's pooling allocator (default true): instance slots and memories are reserved once
    /// and reused, which makes the default fresh-instance-per-lease policy cheap. See docs/hosting.md for the measurements.
    /// </summary>
    public bool UsePoolingAllocator { get; set; } = true;

    /// <summary>
    /// How many core instances (and memories, and tables) the pooling allocator reserves slots for (default 1,000,
    /// Wasmtime's default). One component instance takes a slot for each core instance it contains.
    /// </summary>
    public uint PoolingInstanceSlots { get; set; } = 1000;

    /// <summary>Further engine settings, applied after the ones the options imply (fuel, epoch interruption, pooling).</summary>
    public Action<Config>? ConfigureEngine { get; set; }
}
