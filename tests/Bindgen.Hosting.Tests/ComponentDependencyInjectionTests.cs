using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;
using Bindgen.Hosting;
using Bindgen.Hosting.Tests.Components.Text;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Bindgen.Hosting.Tests;

/// <summary>
/// AddWasmComponent registers a pool of a component's world class (TextDemo, from tests/guests/canonical.component.wasm)
/// over an engine it creates and owns, and a binding per scope rented from it.
/// </summary>
public sealed class ComponentDependencyInjectionTests
{
    private const ulong Fuel = 50_000_000;

    [Test]
    public void SixteenThreadsOfScopesEachGetTheirOwnComponentAndEveryResultIsRight()
    {
        var services = new ServiceCollection();
        services.AddWasmComponent<TextDemo>(c => TextDemo.Instantiate(c.Engine, c.Store), options =>
        {
            options.FuelPerLease = Fuel;   // turns on fuel in the engine the registration creates
            options.PoolingInstanceSlots = 200;
            options.MaxConcurrentLeases = 8;
        });
        const int Threads = 16, ScopesPerThread = 40;

        WasmModulePool<TextDemo> pool;
        var seen = new ConcurrentDictionary<TextDemo, bool>(ReferenceEqualityComparer.Instance);
        using (ServiceProvider provider = services.BuildServiceProvider(validateScopes: true))
        {
            pool = provider.GetRequiredService<WasmModulePool<TextDemo>>();
            Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
            {
                for (int i = 0; i < ScopesPerThread; i++)
                {
                    using IServiceScope scope = provider.CreateScope();
                    var demo = scope.ServiceProvider.GetRequiredService<TextDemo>();
                    Assert.That(scope.ServiceProvider.GetRequiredService<TextDemo>(), Is.SameAs(demo), "one binding per scope");
                    Assert.That(seen.TryAdd(demo, true), Is.True, "a fresh component per scope");
                    string text = $"scope {thread} {i}";
                    Assert.That(demo.Text.EchoString(text), Is.EqualTo(text));
                    Assert.That(demo.Text.CountWords(text), Is.EqualTo(3u));
                    Assert.That(demo.Text.ReverseStrings(new[] { text, "x" }), Is.EqualTo(new[] { "x", text }));
                    ulong left = scope.ServiceProvider.GetRequiredService<WasmLease<TextDemo>>().Store.Fuel;
                    Assert.That(left, Is.LessThan(Fuel).And.GreaterThan(0UL), "the lease's fuel, spent by the calls");
                }
            });

            Assert.Multiple(() =>
            {
                Assert.That(pool.Module, Is.Null);
                Assert.That(pool.InstancesCreated, Is.EqualTo(Threads * ScopesPerThread));
                Assert.That(pool.LiveInstances, Is.Zero, "every scope's end returned its component");
                Assert.That(pool.ActiveLeases, Is.Zero);
            });
        }

        Assert.That(() => pool.Rent(), Throws.InstanceOf<ObjectDisposedException>(), "the container disposed the pool");
        Assert.That(() => new Wasmtime.Store(pool.Engine), Throws.InstanceOf<ObjectDisposedException>(), "and the pool its engine");
    }

    [Test]
    public void APoisonedComponentIsNeverHandedOutAgainEvenWhenItsLeaseCompleted()
    {
        var services = new ServiceCollection();
        services.AddWasmComponent<TextDemo>(c => TextDemo.Instantiate(c.Engine, c.Store), options =>
        {
            options.Isolation = PoolIsolation.ReuseInstance;
            options.PoolingInstanceSlots = 50;
            // A poisoned component refuses every call: probing it in the reset hook discards it.
            options.ResetInstance = demo => demo.Text.CountWords("probe") == 1;
        });

        using ServiceProvider provider = services.BuildServiceProvider(validateScopes: true);
        var pool = provider.GetRequiredService<WasmModulePool<TextDemo>>();
        TextDemo poisoned;
        using (IServiceScope scope = provider.CreateScope())
        {
            var lease = scope.ServiceProvider.GetRequiredService<WasmLease<TextDemo>>();
            poisoned = lease.Binding;
            Assert.That(() => poisoned.Text.BadUtf8(), Throws.InstanceOf<BindgenException>());
            Assert.That(() => poisoned.Text.EchoString("again"), Throws.InstanceOf<ComponentPoisonedException>());
            lease.Complete();   // a caller that completes anyway
        }

        Assert.That(pool.InstancesDiscarded, Is.EqualTo(1), "the reset hook rejected the poisoned component");
        TextDemo[] next = new TextDemo[4];
        for (int i = 0; i < next.Length; i++)
        {
            next[i] = pool.Run((demo, _) => demo.Text.EchoString("fine") == "fine" ? demo : throw new AssertionException("wrong result"));
        }

        Assert.Multiple(() =>
        {
            Assert.That(next, Has.None.SameAs(poisoned));
            Assert.That(next, Is.All.SameAs(next[0]), "a healthy component is reused");
            Assert.That(pool.InstancesCreated, Is.EqualTo(2));
        });
    }

    [Test]
    public void AComponentRegistrationNeedsAFactoryAndIsRefusedTwiceOrBesideAModule()
    {
        var services = new ServiceCollection();
        Assert.That(() => services.AddWasmComponent<TextDemo>(null!, _ => { }), Throws.ArgumentNullException);
        services.AddWasmComponent<TextDemo>(c => TextDemo.Instantiate(c.Engine, c.Store), _ => { });
        Assert.That(() => services.AddWasmComponent<TextDemo>(c => TextDemo.Instantiate(c.Engine, c.Store), _ => { }), Throws.InvalidOperationException);
        Assert.That(() => services.AddWasmModule<TextDemo>(_ => { }), Throws.InvalidOperationException);
    }
}
