using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Bindgen.Integration.Tests;
using Bindgen.WasmBindgen.Tests.FromPackage;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// JavaScript function arguments as C# delegates, on a real package: ywasm's (Yrs, the CRDT) update callbacks, bound
/// through &lt;BindgenPackage&gt; (a <c>Function</c> parameter is <c>Func&lt;object?[], object?&gt;</c>). The same edits
/// run through the package's own glue in Node (npm/callbacks.mjs); the updates each callback received are compared
/// byte for byte, under both engine configurations, and an observer disposed stops its callback as free() does.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class CallbackTests
{
    private static readonly JsonObject Input = new()
    {
        ["clientID"] = 7,
        ["edits"] = new JsonArray(new JsonArray(0, "hello"), new JsonArray(5, " world"), new JsonArray(0, "\u00c9t\u00e9 \u65e5\u672c "), new JsonArray(3, ""), new JsonArray(1, "\ud83d\ude00")),
        ["unsubscribeAfter"] = 2,
    };

    private static readonly Lazy<string> Node = new(() => ReferenceHost.RunNode("callbacks.mjs", Input.DeepClone())[0]!.ToJsonString());

    private readonly EngineSetting _setting;

    public CallbackTests(EngineSetting setting) => _setting = setting;

    [Test]
    public void UpdateCallbacksReceiveTheBytesNodeGives()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        Ywasm y = YwasmPackage.Instantiate(engine, store);
        using IYwasm.IYDoc doc = y.NewYDoc(new Dictionary<string, object?> { ["clientID"] = 7 });
        var v1 = new JsonArray();
        var v2 = new JsonArray();
        var afterUnsubscribe = new JsonArray();
        Func<JsonArray, Func<object?[], object?>> recorder = into => args =>
        {
            into.Add(Convert.ToBase64String(((JsUint8Array)args[0]!).Span.ToArray()));
            return JsUndefined.Value;
        };
        IYwasm.IObserver observer = doc.OnUpdate(recorder(v1));
        using IYwasm.IObserver observer2 = doc.OnUpdateV2(recorder(v2));
        using IYwasm.IYText text = doc.GetText("t");
        JsonArray edits = Input["edits"]!.AsArray();
        for (int i = 0; i < edits.Count; i++)
        {
            if (i == Input["unsubscribeAfter"]!.GetValue<int>())
            {
                observer.Dispose();
                observer = doc.OnUpdate(recorder(afterUnsubscribe));
            }

            int index = edits[i]![0]!.GetValue<int>();
            string chunk = edits[i]![1]!.GetValue<string>();
            if (chunk.Length == 0)
            {
                text.Delete(index, 1, JsUndefined.Value);
            }
            else
            {
                text.Insert(index, chunk, JsUndefined.Value, JsUndefined.Value);
            }
        }

        var actual = new JsonObject { ["v1"] = v1, ["v2"] = v2, ["text"] = (string)text.ToJson(JsUndefined.Value)!, ["afterUnsubscribe"] = afterUnsubscribe };
        observer.Dispose();
        Assert.That(v1.Count + v2.Count + afterUnsubscribe.Count, Is.GreaterThan(edits.Count), "every edit reached the callbacks");
        Assert.That(actual.ToJsonString(), Is.EqualTo(Node.Value));
    }

    [Test]
    public void AnExceptionInACallbackFailsTheCallAsInNode()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        Ywasm y = YwasmPackage.Instantiate(engine, store);
        IYwasm.IYDoc doc = y.NewYDoc(new Dictionary<string, object?> { ["clientID"] = 7 });
        int calls = 0;
        IYwasm.IObserver observer = doc.OnUpdate(_ =>
        {
            calls++;
            throw new InvalidOperationException("refused");
        });
        IYwasm.IYText text = doc.GetText("t");
        // ywasm unwraps its callback's result: the thrown error panics the module (Node: RuntimeError: unreachable),
        // and the document stays borrowed, so the next call is the error Node shows for it too.
        Assert.Throws<GuestTrapException>(() => text.Insert(0, "a", JsUndefined.Value, JsUndefined.Value));
        Assert.That(calls, Is.EqualTo(1));
        var next = Assert.Throws<JsException>(() => text.Insert(1, "b", JsUndefined.Value, JsUndefined.Value))!;
        Assert.That(next.Message, Is.EqualTo("recursive use of an object detected which would lead to unsafe aliasing in rust"));
        // The document stays borrowed by the panicked call: its instances are left to the store, as the page would leave them.
    }
}
