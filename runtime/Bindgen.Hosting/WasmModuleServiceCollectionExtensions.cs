using System;
using System.Linq;
using Bindgen.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers pooled WebAssembly bindings, in the manner of <c>AddDbContextPool</c>.</summary>
public static partial class WasmModuleServiceCollectionExtensions
{
    /// <summary>
    /// Registers, for <typeparamref name="TBinding"/>: a singleton <see cref="CompiledWasmModule{TBinding}"/> (the engine
    /// and the module compiled once), a singleton <see cref="WasmModulePool{TBinding}"/>, a scoped
    /// <see cref="WasmLease{TBinding}"/> rented on first use in a scope and returned when the scope ends, and a scoped
    /// <typeparamref name="TBinding"/>: that lease's binding.
    /// </summary>
    /// <typeparam name="TBinding">The binding, usually the <c>[WasmModule]</c> interface.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the module source, the binding factory and the pool's settings.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="TBinding"/> is already registered.</exception>
    public static IServiceCollection AddWasmModule<TBinding>(this IServiceCollection services, Action<WasmModuleOptions<TBinding>> configure)
        where TBinding : class
    {
        if (configure is null) throw new ArgumentNullException(nameof(configure));
        return services.AddWasmModule<TBinding>((_, options) => configure(options));
    }

    /// <summary>
    /// Registers <typeparamref name="TBinding"/> as <see cref="AddWasmModule{TBinding}(IServiceCollection, Action{WasmModuleOptions{TBinding}})"/>
    /// does, with a configuration that may resolve services (imports that call into the application, settings).
    /// </summary>
    /// <typeparam name="TBinding">The binding, usually the <c>[WasmModule]</c> interface.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the module source, the binding factory and the pool's settings; runs once, at first use.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="TBinding"/> is already registered.</exception>
    public static IServiceCollection AddWasmModule<TBinding>(this IServiceCollection services, Action<IServiceProvider, WasmModuleOptions<TBinding>> configure)
        where TBinding : class
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (configure is null) throw new ArgumentNullException(nameof(configure));
        ThrowIfRegistered<TBinding>(services);
        services.AddSingleton(provider => CreateOptions<TBinding, WasmModuleOptions<TBinding>>(provider, new WasmModuleOptions<TBinding>(), configure));
        services.AddSingleton(provider => new CompiledWasmModule<TBinding>(provider.GetRequiredService<WasmModuleOptions<TBinding>>()));
        services.AddSingleton(provider =>
        {
            var compiled = provider.GetRequiredService<CompiledWasmModule<TBinding>>();
            return new WasmModulePool<TBinding>(compiled.Engine, compiled.Module, provider.GetRequiredService<WasmModuleOptions<TBinding>>());
        });
        AddLeases<TBinding>(services);
        return services;
    }

    private static void ThrowIfRegistered<TBinding>(IServiceCollection services)
        where TBinding : class
    {
        if (services.Any(descriptor => descriptor.ServiceType == typeof(WasmModulePool<TBinding>)))
        {
            throw new InvalidOperationException($"{typeof(TBinding).Name} is already registered with AddWasmModule or AddWasmComponent.");
        }
    }

    /// <summary>Runs the user's configuration once; a WASI guest's output goes to the application's loggers unless set.</summary>
    private static TOptions CreateOptions<TBinding, TOptions>(IServiceProvider provider, TOptions options, Action<IServiceProvider, TOptions> configure)
        where TBinding : class
        where TOptions : WasmModulePoolOptions<TBinding>
    {
        configure(provider, options);
        if (options.UseWasi && options.GuestOutputLogger is null && provider.GetService<ILoggerFactory>() is ILoggerFactory loggers)
        {
            options.GuestOutputLogger = loggers.CreateLogger("Bindgen.Guest." + (options.Name ?? typeof(TBinding).Name));
        }

        return options;
    }

    /// <summary>The scoped lease, rented at first use in a scope and returned when it ends, and its binding.</summary>
    private static void AddLeases<TBinding>(IServiceCollection services)
        where TBinding : class
    {
        services.AddScoped(provider => provider.GetRequiredService<WasmModulePool<TBinding>>().Rent());
        services.AddScoped(provider => provider.GetRequiredService<WasmLease<TBinding>>().Binding);
    }
}
