using System;
using System.Collections.Generic;
using Bindgen.Integration.Tests;
using Bindgen.WasmBindgen.Tests.FromPackage;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// A package's own JavaScript (wasm-bindgen snippets) implemented in C#: loro-crdt's toContainerTree family calls
/// nine functions of its <c>snippets/.../inline0.js</c>, which <see cref="LoroSnippets"/> ports. Without an
/// implementation, or with one that is not implemented, a call is a typed exception naming the function and the import.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class SnippetTests
{
    private readonly EngineSetting _setting;

    public SnippetTests(EngineSetting setting) => _setting = setting;

    private static ILoroWasm.ILoroDoc Document(LoroWasm loro)
    {
        ILoroWasm.ILoroDoc doc = loro.NewLoroDoc();
        doc.SetPeerId("7");
        using ILoroWasm.ILoroMap map = doc.GetMap("map");
        map.Set("title", "Loro");
        map.Set("bytes", new byte[] { 1, 2, 3 });
        using ILoroWasm.ILoroList list = doc.GetList("list");
        list.Push(1.5);
        using ILoroWasm.ILoroText text = doc.GetText("text");
        text.Insert(0, "héllo");
        doc.Commit();
        return doc;
    }

    [Test]
    public void The_ported_snippets_build_the_container_tree()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        var snippets = new LoroSnippets();
        using ILoroWasm.ILoroDoc doc = Document(LoroWasmPackage.Instantiate(engine, store, snippets));

        var tree = (JsObject)doc.ToContainerTree(new Dictionary<string, object?> { ["text"] = "plain" })!;
        var map = (JsObject)tree["map"]!;
        Assert.That(map["type"], Is.EqualTo("Map"));
        Assert.That(map["cid"], Is.EqualTo("cid:root-map:Map"));
        var title = (JsObject)((JsObject)map["value"]!)["title"]!;
        Assert.That(title["type"], Is.EqualTo("Value"));
        Assert.That(title["value"], Is.EqualTo("Loro"));
        Assert.That(((JsUint8Array)((JsObject)((JsObject)map["value"]!)["bytes"]!)["value"]!).Span.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(((JsObject)tree["text"]!)["value"], Is.EqualTo("héllo"));
        Assert.That(snippets.Calls.Keys, Is.SupersetOf(new[] { "stateOptions", "stateContainer", "stateRootCid", "stateValue", "stateBinary", "stateSet", "stateIndex" }));
    }

    [Test]
    public void A_snippet_that_throws_a_javascript_error_is_the_exports_error()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        using ILoroWasm.ILoroDoc doc = Document(LoroWasmPackage.Instantiate(engine, store, new LoroSnippets()));

        var e = Assert.Throws<JsException>(() => doc.ToContainerTree(new Dictionary<string, object?> { ["colour"] = "red" }))!;
        Assert.That(e.Message, Is.EqualTo("Unknown toContainerTree option: colour"));
    }

    [Test]
    public void Without_an_implementation_a_snippet_call_is_a_typed_exception_naming_it()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        LoroWasm loro = LoroWasmPackage.Instantiate(engine, store);
        // Not disposed: the exception unwinds through the module as a JavaScript exception thrown by an import does, and
        // leaves the document borrowed (its free would fail), so the instance is done with, as after a trap.
        ILoroWasm.ILoroDoc doc = Document(loro);

        var e = Assert.Throws<JsSnippetNotImplementedException>(() => doc.ToContainerTree())!;
        // The first snippet the module calls for a document without options: a root container's id.
        Assert.That(e.Function, Is.EqualTo("stateRootCid"));
        Assert.That(e.Module, Is.EqualTo("loro-wasm-974365e04a0511fb/inline0.js"));
        Assert.That(e.Import, Does.Contain("__wbg_state"));
        Assert.That(e.InnerException, Is.Null);
        Assert.That(e.Message, Does.Contain("stateRootCid").And.Contain("implement the binding's snippet interface"));

        // A new instance in the same store, given the implementation, answers.
        using ILoroWasm.ILoroDoc other = Document(LoroWasmPackage.Instantiate(engine, store, new LoroSnippets()));
        Assert.That(other.ToContainerTree(), Is.InstanceOf<JsObject>());
    }

    [Test]
    public void An_implementation_that_is_not_implemented_is_the_same_typed_exception()
    {
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        ILoroWasm.ILoroDoc doc = Document(LoroWasmPackage.Instantiate(engine, store, new Unimplemented()));

        var e = Assert.Throws<JsSnippetNotImplementedException>(() => doc.ToContainerTree())!;
        Assert.That(e.InnerException, Is.InstanceOf<NotImplementedException>());
        Assert.That(e.Message, Does.Contain(e.Function));
    }

    /// <summary>Every function left to <see cref="NotImplementedException"/>, as an IDE's generated stubs are.</summary>
    private sealed class Unimplemented : LoroWasm.ILoroWasmSnippets
    {
        public object? StateBinary(JsUint8Array bytes) => throw new NotImplementedException();

        public object? StateCid(object? peer, double counter, double kind) => throw new NotImplementedException();

        public object? StateContainer(double kind, object? cid, object? value) => throw new NotImplementedException();

        public void StateIndex(object? array, double index, object? value) => throw new NotImplementedException();

        public object? StateOptions(object? options, bool document) => throw new NotImplementedException();

        public object? StateRootCid(string name, double kind) => throw new NotImplementedException();

        public void StateSet(object? @object, object? key, object? value) => throw new NotImplementedException();

        public object? StateSlice(object? node, double start, double totalLength) => throw new NotImplementedException();

        public object? StateValue(object? value) => throw new NotImplementedException();
    }
}
