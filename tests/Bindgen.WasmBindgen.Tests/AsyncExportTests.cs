using System;
using System.Threading.Tasks;
using Bindgen.Integration.Tests;
using Bindgen.WasmBindgen.Tests.FromPackage;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// Async exports (wasm-bindgen-futures) of a real package, @swc/wasm-typescript's transform: the Promise the module
/// returns is a Task settled before the call returns, its microtasks run on the calling thread.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class AsyncExportTests
{
    private readonly EngineSetting _setting;

    public AsyncExportTests(EngineSetting setting) => _setting = setting;

    [Test]
    public void TransformSettlesBeforeItReturns()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        SwcWasmTypescript swc = SwcWasmTypescriptPackage.Instantiate(engine, store);
        Task<object?> task = swc.Transform("let x: number = 1;", null);
        Assert.That(task.IsCompleted, Is.True);
        Assert.That(task.Exception, Is.Null, task.Exception?.InnerException?.ToString());
        Assert.That(((JsObject)task.Result!)["code"], Is.EqualTo("let x         = 1;"));
    }
}
