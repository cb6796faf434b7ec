using System;
using Bindgen.Hosting;
using Wasmtime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registrations of bindings that compile their own modules: a component's world class, an embedded module's binding.</summary>
public static partial class WasmModuleServiceCollectionExtensions
{
    /// <summary>
    /// Registers, for a binding that compiles its own modules once per engine (a <c>&lt;BindgenComponent&gt;</c>'s world
    /// class, or a <c>[WasmModule(File = ...)]</c> binding of an embedded module): a singleton
    /// <see cref="WasmModulePool{TBinding}"/> without a module, which owns the engine the options imply and disposes it
    /// with itself, a scoped <see cref="WasmLease{TBinding}"/> rented on first use in a scope and returned when the scope
    /// ends, and a scoped <typeparamref name="TBinding"/>: that lease's binding.
    /// </summary>
    /// <typeparam name="TBinding">The binding: the world class, or the embedded module's binding.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="createBinding">
    /// Instantiates the binding in a new store: <c>c =&gt; Demo.Instantiate(c.Engine, c.Store)</c>, with the world's
    /// imports as further arguments. It becomes <see cref="WasmModulePoolOptions{TBinding}.CreateBinding"/>, which
    /// <paramref name="configure"/> may replace.
    /// </param>
    /// <param name="configure">Sets the engine's and the pool's settings.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="TBinding"/> is already registered.</exception>
    public static IServiceCollection AddWasmComponent<TBinding>(
        this IServiceCollection services, Func<WasmInstanceContext, TBinding> createBinding, Action<WasmEngineOptions<TBinding>> configure)
        where TBinding : class
    {
        if (configure is null) throw new ArgumentNullException(nameof(configure));
        return services.AddWasmComponent(createBinding, (_, options) => configure(options));
    }

    /// <summary>
    /// Registers <typeparamref name="TBinding"/> as
    /// <see cref="AddWasmComponent{TBinding}(IServiceCollection, Func{WasmInstanceContext, TBinding}, Action{WasmEngineOptions{TBinding}})"/>
    /// does, with a configuration that may resolve services (imports that call into the application, settings).
    /// </summary>
    /// <typeparam name="TBinding">The binding: the world class, or the embedded module's binding.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="createBinding">Instantiates the binding in a new store; <paramref name="configure"/> may replace it.</param>
    /// <param name="configure">Sets the engine's and the pool's settings; runs once, at first use.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="TBinding"/> is already registered.</exception>
    public static IServiceCollection AddWasmComponent<TBinding>(
        this IServiceCollection services, Func<WasmInstanceContext, TBinding> createBinding, Action<IServiceProvider, WasmEngineOptions<TBinding>> configure)
        where TBinding : class
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (createBinding is null) throw new ArgumentNullException(nameof(createBinding));
        if (configure is null) throw new ArgumentNullException(nameof(configure));
        ThrowIfRegistered<TBinding>(services);
        services.AddSingleton(provider => CreateOptions<TBinding, WasmEngineOptions<TBinding>>(
            provider, new WasmEngineOptions<TBinding> { CreateBinding = createBinding }, configure));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<WasmEngineOptions<TBinding>>();
            Engine engine = BindingEngine.Create(options);
            try
            {
                return new WasmModulePool<TBinding>(engine, options) { DisposesEngine = true };
            }
            catch
            {
                engine.Dispose();
                throw;
            }
        });
        AddLeases<TBinding>(services);
        return services;
    }
}
