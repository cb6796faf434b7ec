using System;
using Wasmtime;

namespace Bindgen.Hosting;

/// <summary>
/// Settings of a module registered with <see cref="Microsoft.Extensions.DependencyInjection.WasmModuleServiceCollectionExtensions.AddWasmModule{TBinding}(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{WasmModuleOptions{TBinding}})"/>:
/// where the module comes from, how its engine is configured, and the pool's settings.
/// </summary>
/// <typeparam name="TBinding">The binding: usually the <c>[WasmModule]</c> interface, created by the generated class.</typeparam>
public sealed class WasmModuleOptions<TBinding> : WasmModulePoolOptions<TBinding>
    where TBinding : class
{
    /// <summary>The <c>.wasm</c> file to compile. One of <see cref="ModulePath"/> and <see cref="ModuleBytes"/> is required.</summary>
    public string? ModulePath { get; set; }

    /// <summary>The module's bytes (for example an embedded resource); used when <see cref="ModulePath"/> is null.</summary>
    public ReadOnlyMemory<byte>? ModuleBytes { get; set; }

    /// <summary>
    /// Whether the engine uses Wasmtime's pooling allocator (default true): instance slots and memories are reserved once
    /// and reused, which makes the default fresh-instance-per-lease policy cheap. See docs/hosting.md for the measurements.
    /// </summary>
    public bool UsePoolingAllocator { get; set; } = true;

    /// <summary>How many instances the pooling allocator reserves slots for (default 1,000, Wasmtime's default).</summary>
    public uint PoolingInstanceSlots { get; set; } = 1000;

    /// <summary>Further engine settings, applied after the ones the options imply (fuel, epoch interruption, pooling).</summary>
    public Action<Config>? ConfigureEngine { get; set; }
}
