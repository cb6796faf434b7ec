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

    [Test]
    public void ARejectedPromiseFaultsTheTaskWithTheRejectionAndTheInstanceGoesOn()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        SwcWasmTypescript swc = SwcWasmTypescriptPackage.Instantiate(engine, store);
        // strip-only mode rejects an enum: the promise rejects with serde's error object, as in Node.
        Task<object?> rejected = swc.Transform("enum E { A = 1 }", null);
        Assert.That(rejected.IsFaulted, Is.True);
        var error = (JsException)rejected.Exception!.InnerException!;
        Assert.That(error.Value, Is.InstanceOf<JsObject>());
        Assert.That(error.Operation, Does.Contain("transform"));
        // The rejection settled the module's future: the next call runs as the first did.
        for (int i = 0; i < 3; i++)
        {
            Assert.That(((JsObject)swc.Transform($"const n{i}: number = {i};", null).Result!)["code"], Is.EqualTo($"const n{i}         = {i};"));
        }
    }

    [Test]
    public void TheTaskIsSettledOnTheCallingThreadSoAnotherThreadSeesACompletedTask()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        SwcWasmTypescript swc = SwcWasmTypescriptPackage.Instantiate(engine, store);
        Task<object?> task = Task.Factory.StartNew(() => swc.Transform("type T = string; let s: T = 'a';", null), TaskCreationOptions.LongRunning).Result;
        Assert.That(task.IsCompletedSuccessfully, Is.True);
        Assert.That(((JsObject)task.Result!)["code"], Is.EqualTo(new string(' ', 17) + "let s    = 'a';"));
    }
}
