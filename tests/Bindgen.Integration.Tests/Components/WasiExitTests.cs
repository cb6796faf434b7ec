using System;
using System.IO;
using NUnit.Framework;
using Wasmtime;
using Wasmtime.Components;
using Exit = Bindgen.Integration.Tests.Components.WasiExit;
using CV = Wasmtime.Components.ComponentValue;

namespace Bindgen.Integration.Tests.Components;

/// <summary>
/// wasi_exit.component.wasm on Bindgen's WASI host: <c>wasi:cli/exit</c> ends the call with <see cref="WasiExitException"/>
/// carrying the status Wasmtime.Components reports for the same call (0 for <c>ok</c>, 1 for <c>err</c>), and the
/// instance is unusable afterwards, as after a trap.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class WasiExitTests : GuestFixture
{
    public WasiExitTests(EngineSetting setting)
        : base(setting)
    {
    }

    private string ReferenceFailure(uint code)
    {
        using Component component = Component.FromBytes(Engine, File.ReadAllBytes(GuestFiles.PathOf("wasi_exit.component")));
        using var reference = new WasiReference(Engine, NewStore(), component, new WasiSetup().Configuration(), null);
        try
        {
            return "returned " + reference.Call("quit", CV.U32(code))!.AsU32();
        }
        catch (WasmtimeException e)
        {
            return e.Message;
        }
    }

    [TestCase(0u, 0)]
    [TestCase(1u, 1)]
    [TestCase(42u, 1)]
    public void Exit_ends_the_call_with_the_status_the_reference_reports(uint code, int status)
    {
        Exit.ExitDemo demo = Exit.ExitDemo.Instantiate(Engine, NewStore(), null, Options);
        WasiExitException e = Assert.Throws<WasiExitException>(() => demo.Quit(code))!;
        Assert.That(e.ExitCode, Is.EqualTo(status));
        Assert.That(ReferenceFailure(code), Does.Contain("exit status " + status));
        Assert.Throws<ComponentPoisonedException>(() => demo.Quit(100));
    }

    [Test]
    public void Without_exit_the_call_returns_as_on_the_reference()
    {
        Exit.ExitDemo demo = Exit.ExitDemo.Instantiate(Engine, NewStore(), null, Options);
        Assert.That(demo.Quit(100), Is.EqualTo(7u));
        Assert.That(ReferenceFailure(100), Is.EqualTo("returned 7"));
    }
}
