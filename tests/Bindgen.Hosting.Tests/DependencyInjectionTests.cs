using System;
using Bindgen.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Bindgen.Hosting.Tests;

/// <summary>AddWasmModule registers the engine and module, the pool, and a binding per scope rented from it.</summary>
public sealed class DependencyInjectionTests
{
    [Test]
    public void EachScopeRentsItsOwnBindingAndReturnsItWhenTheScopeEnds()
    {
        var services = new ServiceCollection();
        services.AddWasmModule<IPooledTypes>(options =>
        {
            options.ModulePath = PooledGuest.ModulePath;
            options.CreateBinding = PooledGuest.Create;
            options.FuelPerLease = 10_000_000;
            options.PoolingInstanceSlots = 50;
        });

        WasmModulePool<IPooledTypes> pool;
        using (ServiceProvider provider = services.BuildServiceProvider(validateScopes: true))
        {
            pool = provider.GetRequiredService<WasmModulePool<IPooledTypes>>();
            var compiled = provider.GetRequiredService<CompiledWasmModule<IPooledTypes>>();
            Assert.That(pool.Engine, Is.SameAs(compiled.Engine));
            Assert.That(pool.Module, Is.SameAs(compiled.Module));

            IPooledTypes first;
            using (IServiceScope scope = provider.CreateScope())
            {
                first = scope.ServiceProvider.GetRequiredService<IPooledTypes>();
                Assert.That(scope.ServiceProvider.GetRequiredService<IPooledTypes>(), Is.SameAs(first), "one binding per scope");
                Assert.That(scope.ServiceProvider.GetRequiredService<WasmLease<IPooledTypes>>().Store.Fuel, Is.EqualTo(10_000_000UL));
                first.Bump();
                Assert.That(first.ToUpper("scoped"), Is.EqualTo("SCOPED"));
                Assert.That(pool.ActiveLeases, Is.EqualTo(1));
            }

            Assert.That(pool.ActiveLeases, Is.Zero, "the scope's end returned the lease");
            using (IServiceScope scope = provider.CreateScope())
            {
                var second = scope.ServiceProvider.GetRequiredService<IPooledTypes>();
                Assert.That(second, Is.Not.SameAs(first));
                Assert.That(second.BumpCount(), Is.Zero, "the default policy: nothing of the previous scope's instance");
            }

            Assert.That(pool.LiveInstances, Is.Zero);
        }

        Assert.That(() => pool.Rent(), Throws.InstanceOf<ObjectDisposedException>(), "the container disposed the pool");
    }

    [Test]
    public void ARegistrationWithoutAModuleOrTwiceForOneBindingIsRefused()
    {
        var services = new ServiceCollection();
        services.AddWasmModule<IPooledTypes>(options => options.CreateBinding = PooledGuest.Create);
        Assert.That(() => services.AddWasmModule<IPooledTypes>(_ => { }), Throws.InvalidOperationException);

        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.That(() => provider.GetRequiredService<WasmModulePool<IPooledTypes>>(),
            Throws.ArgumentException.With.Message.Contains("ModulePath or ModuleBytes"));
    }
}
