using System;
using System.Collections.Generic;
using Bindgen.Integration.Tests;
using NUnit.Framework;
using Wasmtime;
using FromPackage = Bindgen.WasmBindgen.Tests.FromPackage;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// Class instances as JavaScript values, through the bindings &lt;BindgenPackage&gt; generates: passed where the glue takes
/// any value (ywasm's undo-manager scope, read by the module through Reflect.get of __wbg_ptr and the type getter), in
/// arrays of values, made by the module through an import (rxing's decode_multi), and lent to a callback (ywasm's
/// events), each loan ending with the callback: using it afterwards is a typed exception, never a stale pointer.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class InstanceValueTests
{
    private readonly EngineSetting _setting;

    public InstanceValueTests(EngineSetting setting) => _setting = setting;

    [Test]
    public void AnEventLentToACallbackIsReadInsideItAndUnusableAfter()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        FromPackage.Ywasm y = FromPackage.YwasmPackage.Instantiate(engine, store);
        using FromPackage.IYwasm.IYDoc doc = y.NewYDoc(new Dictionary<string, object?> { ["clientID"] = 1, ["guid"] = "d" });
        using FromPackage.IYwasm.IYText text = doc.GetText("text");
        FromPackage.IYwasm.IYTextEvent? kept = null;
        object? delta = null, target = null;
        using FromPackage.IYwasm.IObserver observer = text.Observe(args =>
        {
            kept = (FromPackage.IYwasm.IYTextEvent)args[0]!;
            delta = kept.Delta;
            target = kept.Target;
            return JsUndefined.Value;
        });
        text.Insert(0, "héllo", JsUndefined.Value, JsUndefined.Value);

        Assert.That(kept, Is.Not.Null, "the observer ran inside the insert");
        var insert = (JsObject)((List<object?>)delta!)[0]!;
        Assert.That(insert["insert"], Is.EqualTo("héllo"));
        // The event's target is a YText the module made through an import: an instance .NET now owns.
        using var owned = (FromPackage.IYwasm.IYText)target!;
        Assert.That(owned.ToString2(JsUndefined.Value), Is.EqualTo("héllo"));

        var e = Assert.Throws<ObjectDisposedException>(() => _ = kept!.Delta)!;
        Assert.That(e.ObjectName, Is.EqualTo("YTextEvent"));
        Assert.That(e.Message, Does.Contain("lent to a callback that has returned"));
        kept!.Dispose(); // a loan is not .NET's to free: nothing happens
        Assert.That(text.ToString2(JsUndefined.Value), Is.EqualTo("héllo"));
    }

    [Test]
    public void AnInstancePassedAsAnyValueIsReadByTheModuleAndItsDisposalIsSeen()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        FromPackage.Ywasm y = FromPackage.YwasmPackage.Instantiate(engine, store);
        using FromPackage.IYwasm.IYDoc doc = y.NewYDoc(new Dictionary<string, object?> { ["clientID"] = 1, ["guid"] = "d" });
        using FromPackage.IYwasm.IYText text = doc.GetText("text");
        using FromPackage.IYwasm.IYUndoManager undo = y.NewYUndoManager(doc, text, JsUndefined.Value);
        text.Insert(0, "abc", JsUndefined.Value, JsUndefined.Value);
        undo.StopCapturing();
        Assert.That(undo.CanUndo, Is.True);
        undo.Undo();
        Assert.That(text.ToString2(JsUndefined.Value), Is.Empty);

        // An array of values holding a prelim instance, integrated by the module.
        using FromPackage.IYwasm.IYArray array = doc.GetArray("array");
        using FromPackage.IYwasm.IYText prelim = y.NewYText("inner");
        array.Insert(0, new object?[] { 1.5, "x", prelim }, JsUndefined.Value);
        Assert.That(array.Length(JsUndefined.Value), Is.EqualTo(3u));

        // An instance of another binding instance is refused before the call, never read as a pointer of this one.
        FromPackage.Ywasm other = FromPackage.YwasmPackage.Instantiate(engine, store);
        using FromPackage.IYwasm.IYDoc otherDoc = other.NewYDoc(new Dictionary<string, object?> { ["clientID"] = 2, ["guid"] = "o" });
        Assert.Throws<ArgumentException>(() => y.NewYUndoManager(doc, otherDoc.GetText("t"), JsUndefined.Value));
    }

    [Test]
    public void InstancesTheModuleWrapsThroughAnImportAreOwnedWhenReturned()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        FromPackage.RxingWasm rxing = FromPackage.RxingWasmPackage.Instantiate(engine, store);
        string[] rows = rxing.EncodeBarcode("hello", 100, 100, FromPackage.IRxingWasm.BarcodeFormat.QrCode).Split('\n');
        var luma = new byte[100 * 100];
        for (int i = 0; i < luma.Length; i++)
        {
            int x = i % 100, row = i / 100;
            luma[i] = row < rows.Length && 2 * x < rows[row].Length && rows[row][2 * x] == 'X' ? (byte)0 : (byte)255;
        }

        using FromPackage.IRxingWasm.IDecodeHintDictionary hints = rxing.NewDecodeHintDictionary();
        FromPackage.IRxingWasm.IBarcodeResult[] results = rxing.DecodeMulti(luma, 100, 100, hints, null);
        Assert.That(results, Has.Length.EqualTo(1));
        Assert.That(results[0].Text(), Is.EqualTo("hello"));
        results[0].Dispose();
        Assert.Throws<ObjectDisposedException>(() => results[0].Text());
    }
}
