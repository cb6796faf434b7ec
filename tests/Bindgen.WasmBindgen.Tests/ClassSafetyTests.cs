using System;
using Bindgen.Integration.Tests;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// Class instances misused: disposed twice, used after Dispose, used after a call took them, passed to another
/// binding instance, or never disposed. Each misuse is a typed exception before any guest call (never a guest trap
/// on a stale pointer); an undisposed instance is freed by the binding's next call.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class ClassSafetyTests
{
    private readonly EngineSetting _setting;

    public ClassSafetyTests(EngineSetting setting) => _setting = setting;

    [Test]
    public void DisposeTwiceFreesOnceAndUseAfterDisposeThrowsNamingTheClass()
    {
        using Engine engine = Engines.Create(_setting);
        Photon photon = PhotonTests.Instantiate(engine);
        IPhoton.IPhotonImage image = photon.NewPhotonImage(new byte[16], 2, 2);
        Assert.That(image.GetWidth(), Is.EqualTo(2u));
        image.Dispose();
        image.Dispose();
        var e = Assert.Throws<ObjectDisposedException>(() => image.GetWidth())!;
        Assert.That(e.ObjectName, Is.EqualTo("PhotonImage"));
        Assert.That(e.Message, Does.Contain("was disposed"));
        Assert.Throws<ObjectDisposedException>(() => photon.Grayscale(image));

        // The module is still sound: a fresh instance works, and a disposed one freed its pixels only once.
        using IPhoton.IPhotonImage other = photon.NewPhotonImage(new byte[16], 2, 2);
        Assert.That(other.GetHeight(), Is.EqualTo(2u));
    }

    [Test]
    public void AnInstanceMovedIntoACallIsUnusableAfterwards()
    {
        using Engine engine = Engines.Create(_setting);
        Photon photon = PhotonTests.Instantiate(engine);
        using IPhoton.IPhotonImage image = photon.NewPhotonImage(new byte[16], 2, 2);
        IPhoton.IRgb color = photon.NewRgb(1, 2, 3);
        photon.SelectiveGreyscale(image, color); // takes the Rgb by value: moved
        var e = Assert.Throws<ObjectDisposedException>(() => color.GetRed())!;
        Assert.That(e.ObjectName, Is.EqualTo("Rgb"));
        Assert.That(e.Message, Does.Contain("moved into an earlier call"));
        Assert.Throws<ObjectDisposedException>(() => photon.SelectiveGreyscale(image, color));
        Assert.DoesNotThrow(color.Dispose, "disposing a moved instance does nothing: the module freed it");
    }

    [Test]
    public void AnInstanceOfAnotherBindingInstanceIsRefused()
    {
        using Engine engine = Engines.Create(_setting);
        Photon first = PhotonTests.Instantiate(engine);
        Photon second = PhotonTests.Instantiate(engine);
        using IPhoton.IPhotonImage image = first.NewPhotonImage(new byte[16], 2, 2);
        var e = Assert.Throws<ArgumentException>(() => second.Grayscale(image))!;
        Assert.That(e.ParamName, Is.EqualTo("img"));
        Assert.That(e.Message, Does.Contain("not created by this binding instance"));
    }

    [Test]
    public void AnUndisposedInstanceIsFreedByTheNextCall()
    {
        using Engine engine = Engines.Create(_setting);
        Photon photon = PhotonTests.Instantiate(engine);
        const int size = 4 << 20;
        for (int i = 0; i < 24; i++)
        {
            // 4 MiB of pixels each, never disposed: 96 MiB in total unless the finalized ones are freed.
            Abandon(photon, size);
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        using IPhoton.IPhotonImage last = photon.NewPhotonImage(new byte[16], 2, 2);
        long memory = photon.Guest.MemoryLength;
        Assert.That(memory, Is.LessThan(48L << 20), $"the module's memory grew to {memory >> 20} MiB: abandoned instances were not freed");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Abandon(Photon photon, int size) => _ = photon.NewPhotonImage(new byte[size], 1024, 1024).GetWidth();
}
