using System;
using System.Threading;
using Bindgen.Integration.Tests;
using Bindgen.Internals;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>A class instance's Dispose enters the store's gate like every call of the binding.</summary>
public sealed class ClassDisposeThreadTests
{
    [Test]
    public void Dispose_while_the_store_is_in_a_call_on_another_thread_is_refused_and_the_instance_stays_usable()
    {
        using Engine engine = Engines.Create(EngineSetting.Default);
        Photon photon = PhotonTests.Instantiate(engine);
        IPhoton.IPhotonImage image = photon.NewPhotonImage(new byte[16], 2, 2);
        StoreGate gate = StoreGate.For(null, photon.Instance);
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var caller = new Thread(() =>
        {
            // Stands for a call in progress on another thread: it holds the store until released.
            StoreGate.Holder holder = gate.Enter("another caller");
            entered.Set();
            release.Wait();
            holder.Leave();
        });
        caller.Start();
        entered.Wait();
        try
        {
            Assert.That(() => image.Dispose(), Throws.TypeOf<StoreInUseException>());
        }
        finally
        {
            release.Set();
            caller.Join();
        }

        Assert.That(image.GetWidth(), Is.EqualTo(2u), "a refused Dispose leaves the instance as it was");
        image.Dispose();
        Assert.That(() => image.GetWidth(), Throws.TypeOf<ObjectDisposedException>());
    }
}
