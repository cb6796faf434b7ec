using System;

namespace Bindgen.Hosting;

/// <summary>
/// Settings of a module registered with <see cref="Microsoft.Extensions.DependencyInjection.WasmModuleServiceCollectionExtensions.AddWasmModule{TBinding}(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{WasmModuleOptions{TBinding}})"/>:
/// where the module comes from, how its engine is configured, and the pool's settings.
/// </summary>
/// <typeparam name="TBinding">The binding: usually the <c>[WasmModule]</c> interface, created by the generated class.</typeparam>
public sealed class WasmModuleOptions<TBinding> : WasmEngineOptions<TBinding>
    where TBinding : class
{
    /// <summary>The <c>.wasm</c> file to compile. One of <see cref="ModulePath"/> and <see cref="ModuleBytes"/> is required.</summary>
    public string? ModulePath { get; set; }

    /// <summary>The module's bytes (for example an embedded resource); used when <see cref="ModulePath"/> is null.</summary>
    public ReadOnlyMemory<byte>? ModuleBytes { get; set; }
}
