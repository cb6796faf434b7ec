using System.Linq;
using System.Threading.Tasks;
using Bindgen.Hosting;
using Bindgen.Hosting.Tests.Components.Text;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.Hosting.Tests;

/// <summary>
/// A pool of component bindings: the world class generated from tests/guests/canonical.component.wasm
/// (<c>&lt;BindgenComponent&gt;</c>, class TextDemo) compiles its embedded core modules once per engine, so the pool has no module.
/// </summary>
public sealed class ComponentPoolTests
{
    [Test]
    public void SixteenThreadsRentComponentBindingsAndEveryResultIsRight()
    {
        using Engine engine = PooledGuest.PoolingEngine();
        using var pool = new WasmModulePool<TextDemo>(engine, new WasmModulePoolOptions<TextDemo> { CreateBinding = c => TextDemo.Instantiate(c.Engine, c.Store) });
        const int Threads = 16, LeasesPerThread = 50;

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (int i = 0; i < LeasesPerThread; i++)
            {
                string text = $"lease {thread} {i}";
                using WasmLease<TextDemo> lease = pool.Rent();
                Assert.That(lease.Binding.Text.EchoString(text), Is.EqualTo(text));
                Assert.That(lease.Binding.Text.CountWords(text), Is.EqualTo(3u));
                Assert.That(lease.Binding.Text.ReverseStrings(new[] { text, "x" }), Is.EqualTo(new[] { "x", text }));
                lease.Complete();
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(pool.Module, Is.Null);
            Assert.That(pool.InstancesCreated, Is.EqualTo(Threads * LeasesPerThread));
            Assert.That(pool.LiveInstances, Is.Zero);
            Assert.That(pool.ActiveLeases, Is.Zero);
        });
    }

    [Test]
    public void APoisonedComponentIsNeverHandedOutAgainUnderReuse()
    {
        using Engine engine = PooledGuest.PoolingEngine();
        using var pool = new WasmModulePool<TextDemo>(engine, new WasmModulePoolOptions<TextDemo>
        {
            CreateBinding = c => TextDemo.Instantiate(c.Engine, c.Store),
            Isolation = PoolIsolation.ReuseInstance,
        });

        TextDemo poisoned;
        using (WasmLease<TextDemo> lease = pool.Rent())
        {
            poisoned = lease.Binding;
            Assert.That(() => lease.Binding.Text.BadUtf8(), Throws.InstanceOf<BindgenException>());
        }

        TextDemo[] next = Enumerable.Range(0, 3).Select(_ => pool.Run((demo, _) => demo)).ToArray();
        Assert.That(next, Has.None.SameAs(poisoned));
        Assert.That(pool.Run((demo, _) => demo.Text.EchoString("fine")), Is.EqualTo("fine"));
        Assert.That(pool.InstancesDiscarded, Is.EqualTo(1));
    }

    [Test]
    public void AComponentPoolsContextHasNoModule()
    {
        using var engine = new Engine();
        using var pool = new WasmModulePool<TextDemo>(engine, new WasmModulePoolOptions<TextDemo> { CreateBinding = c => { _ = c.Module; return TextDemo.Instantiate(c.Engine, c.Store); } });
        Assert.That(() => pool.Rent(), Throws.InvalidOperationException.With.Message.Contains("no module"));
        Assert.That(pool.LiveInstances, Is.Zero);
    }
}
