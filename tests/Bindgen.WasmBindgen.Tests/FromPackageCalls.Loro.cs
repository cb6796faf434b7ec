using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using FromPackage = Bindgen.WasmBindgen.Tests.FromPackage;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// loro-crdt in the per-package report, its own JavaScript (snippets) implemented by <see cref="LoroSnippets"/>.
/// Documents are made as a user makes them: a new document given a fixed peer id (Loro draws one at random otherwise,
/// and every container id and encoded update would differ between the hosts), filled by importing a snapshot the
/// binding itself exports (text with accents, CJK and an emoji; a map of a string, a number and a boolean; a list; a
/// movable list; a counter; a tree node), then its containers (getText, getMap, getList, getMovableList, getTree,
/// getCounter).
/// </summary>
public static partial class FromPackageCalls
{
    /// <summary>A snapshot of a document of peer 7 with one container of each kind.</summary>
    private static readonly Lazy<byte[]> LoroSnapshot = new(() =>
    {
        using var engine = new Wasmtime.Engine();
        using var store = new Wasmtime.Store(engine);
        FromPackage.LoroWasm loro = FromPackage.LoroWasmPackage.Instantiate(engine, store, new LoroSnippets());
        using FromPackage.ILoroWasm.ILoroDoc doc = loro.NewLoroDoc();
        doc.SetPeerId("7");
        using FromPackage.ILoroWasm.ILoroText text = doc.GetText("text");
        text.Insert(0, "héllo wörld 你好 🌍");
        text.Delete(1, 2);
        using FromPackage.ILoroWasm.ILoroMap map = doc.GetMap("map");
        map.Set("title", "Loro");
        map.Set("count", 2.5);
        map.Set("done", true);
        using FromPackage.ILoroWasm.ILoroList list = doc.GetList("list");
        list.Push("a");
        list.Push(1.0);
        using FromPackage.ILoroWasm.ILoroMovableList movable = doc.GetMovableList("mlist");
        movable.Push("x");
        movable.Push("y");
        using FromPackage.ILoroWasm.ILoroCounter counter = doc.GetCounter("counter");
        counter.Increment(3);
        using FromPackage.ILoroWasm.ILoroTree tree = doc.GetTree("tree");
        using FromPackage.ILoroWasm.ILoroTreeNode node = tree.CreateNode(JsUndefined.Value, null);
        doc.Commit();
        return doc.Export(new Dictionary<string, object?> { ["mode"] = "snapshot" });
    });

    /// <summary>Recipes for loro's classes (as <see cref="Recipes"/>: the n-th instance argument takes the n-th, or the last).</summary>
    private static readonly Dictionary<string, Func<int, JsonNode>[]> LoroRecipes = new()
    {
        ["loro:LoroDoc"] = new Func<int, JsonNode>[] { LoroDoc, v => LoroDoc(v + 1) },
        ["loro:LoroText"] = new Func<int, JsonNode>[] { v => Make("loro", "LoroDoc.getText", LoroDoc(v), Str("text")) },
        ["loro:LoroMap"] = new Func<int, JsonNode>[] { v => Make("loro", "LoroDoc.getMap", LoroDoc(v), Str("map")) },
        ["loro:LoroList"] = new Func<int, JsonNode>[] { v => Make("loro", "LoroDoc.getList", LoroDoc(v), Str("list")) },
        ["loro:LoroMovableList"] = new Func<int, JsonNode>[] { v => Make("loro", "LoroDoc.getMovableList", LoroDoc(v), Str("mlist")) },
        ["loro:LoroTree"] = new Func<int, JsonNode>[] { v => Make("loro", "LoroDoc.getTree", LoroDoc(v), Str("tree")) },
        ["loro:LoroCounter"] = new Func<int, JsonNode>[] { v => Make("loro", "LoroDoc.getCounter", LoroDoc(v), Str("counter")) },
        ["loro:LoroTreeNode"] = new Func<int, JsonNode>[] { v => Make("loro", "LoroTree.createNode", Make("loro", "LoroDoc.getTree", LoroDoc(v), Str("tree")), Undefined(), Undefined()) },
        ["loro:VersionVector"] = new Func<int, JsonNode>[] { v => Make("loro", "LoroDoc.version", LoroDoc(v)), v => Make("loro", "LoroDoc.oplogVersion", LoroDoc(v + 1)) },
        ["loro:UndoManager"] = new Func<int, JsonNode>[] { v => Make("loro", "UndoManager.constructor", LoroDoc(v), new JsonObject { ["obj"] = new JsonObject() }) },
        ["loro:Cursor"] = new Func<int, JsonNode>[] { v => Make("loro", "LoroText.getCursor", Make("loro", "LoroDoc.getText", LoroDoc(v), Str("text")), 3 + v, Undefined()) },
        ["loro:EphemeralStoreWasm"] = new Func<int, JsonNode>[] { v => Make("loro", "EphemeralStoreWasm.constructor", v == 0 ? 30000 : 1) },
    };

    /// <summary>
    /// Arguments given instead of the ones made from the C# types: export's mode (undefined is an error whose message
    /// embeds the JavaScript TypeError's stack, Node's frames against the host's).
    /// </summary>
    private static readonly Dictionary<string, Func<int, JsonArray>> LoroArguments = new()
    {
        ["loro:LoroDoc.export"] = v => new JsonArray(LoroDoc(v), new JsonObject { ["obj"] = new JsonObject { ["mode"] = Str(v == 0 ? "snapshot" : "update") } }),
    };

    /// <summary>Why a bound export of a loro class is not called, per "package:Class".</summary>
    internal static readonly Dictionary<string, string> LoroNotCalled = new()
    {
        ["loro:ChangeModifier"] = "loro makes a ChangeModifier only inside a subscribePreCommit callback, for the length of the callback; and its members are setters, which the report's callbacks (they read what they receive) do not call",
        ["loro:AwarenessWasm"] = "every state it keeps is stamped with the clock (Date.now() in Node, the host's clock in Bindgen): encoded states and timestamps differ in every run",
    };

    private static JsonObject LoroDoc(int v)
    {
        JsonObject doc = Make("loro", "LoroDoc.constructor");
        doc["make"]!["then"] = new JsonArray(
            new JsonObject { ["fn"] = "LoroDoc.setPeerId", ["args"] = new JsonArray(Str((10 + v).ToString(System.Globalization.CultureInfo.InvariantCulture))) },
            new JsonObject { ["fn"] = "LoroDoc.import", ["args"] = new JsonArray(Bytes(LoroSnapshot.Value)) });
        return doc;
    }

    /// <summary>An empty document of peer 30 that imported <paramref name="bytes"/> (a snapshot or an update an earlier call exported).</summary>
    private static JsonObject Imported(JsonNode bytes)
    {
        JsonObject doc = Make("loro", "LoroDoc.constructor");
        doc["make"]!["then"] = new JsonArray(
            new JsonObject { ["fn"] = "LoroDoc.setPeerId", ["args"] = new JsonArray(Str("30")) },
            new JsonObject { ["fn"] = "LoroDoc.import", ["args"] = new JsonArray(bytes) });
        return doc;
    }

    /// <summary>Bound exports of loro whose calls differ from Node's, and why (each a known limitation, not a wrong result).</summary>
    internal static readonly Dictionary<string, string> LoroKnownDifferences = new()
    {
        ["loro:LoroDoc.constructor"] = RandomPeer,
        ["loro:LoroDoc.fork"] = RandomPeer,
        ["loro:LoroDoc.forkAt"] = RandomPeer,
        ["loro:LoroDoc.fromSnapshot"] = RandomPeer,
    };

    private const string RandomPeer = "a new document draws a random peer id (read back as peerId), a different number in each host and each run";

    /// <summary>loro's calls that read the document through its own JavaScript (the toContainerTree family) and feed results into other calls.</summary>
    private static IEnumerable<FromPackageCall> LoroChained()
    {
        JsonObject Obj(params (string Key, JsonNode? Value)[] properties)
        {
            var o = new JsonObject();
            foreach ((string key, JsonNode? value) in properties)
            {
                o[key] = value;
            }

            return new JsonObject { ["obj"] = o };
        }

        yield return new("loro", "LoroDoc.toContainerTree", new JsonArray(LoroDoc(0), Obj(("text", Str("delta")))));
        yield return new("loro", "LoroDoc.toContainerTree", new JsonArray(LoroDoc(0), Obj(("roots", new JsonArray(Str("text"), Str("map"))))));
        yield return new("loro", "LoroDoc.toContainerTree", new JsonArray(LoroDoc(0), Obj(("roots", Str("text")))));
        yield return new("loro", "LoroDoc.toContainerTree", new JsonArray(LoroDoc(0), Obj(("colour", Str("red")))));
        yield return new("loro", "LoroDoc.toContainerTree", new JsonArray(LoroDoc(0), Str("plain")));
        yield return new("loro", "LoroDoc.toContainerTreeJson", new JsonArray(LoroDoc(0), Obj(("text", Str("delta")))));
        yield return new("loro", "LoroMap.toContainerTree", new JsonArray(Make("loro", "LoroDoc.getMap", LoroDoc(0), Str("map")), Obj(("text", Str("plain")))));
        yield return new("loro", "LoroMap.toContainerTree", new JsonArray(Make("loro", "LoroDoc.getMap", LoroDoc(0), Str("map")), Obj(("roots", new JsonArray()))));
        yield return new("loro", "LoroText.toContainerTree", new JsonArray(Make("loro", "LoroDoc.getText", LoroDoc(0), Str("text")), Obj(("text", Str("delta")))));
        yield return new("loro", "LoroList.toContainerTreeSlice", new JsonArray(Make("loro", "LoroDoc.getList", LoroDoc(0), Str("list")), 0, 1, Undefined()));
        yield return new("loro", "LoroMovableList.toContainerTreeSlice", new JsonArray(Make("loro", "LoroDoc.getMovableList", LoroDoc(0), Str("mlist")), 1, 2, Obj(("text", Str("plain")))));
        yield return new("loro", "LoroTree.toContainerTree", new JsonArray(Make("loro", "LoroDoc.getTree", LoroDoc(0), Str("tree")), Undefined()));
        yield return new("loro", "LoroCounter.toContainerTree", new JsonArray(Make("loro", "LoroDoc.getCounter", LoroDoc(0), Str("counter")), Undefined()));
        // A snapshot exported, imported into a new document of another peer, read back.
        yield return new("loro", "LoroDoc.export", new JsonArray(LoroDoc(0), Obj(("mode", Str("snapshot")))));
        yield return new("loro", "LoroDoc.toJSON", new JsonArray(Imported(Ref(-1))));
        yield return new("loro", "LoroDoc.getDeepValueWithID", new JsonArray(Imported(Ref(-2))));
        yield return new("loro", "LoroDoc.export", new JsonArray(LoroDoc(1), Obj(("mode", Str("update")))));
        yield return new("loro", "LoroDoc.import", new JsonArray(LoroDoc(2), Ref(-1)));
        yield return new("loro", "LoroDoc.toJSON", new JsonArray(Imported(Ref(-2))));
        yield return new("loro", "LoroText.toString", new JsonArray(Make("loro", "LoroDoc.getText", LoroDoc(0), Str("text"))));
        yield return new("loro", "LoroText.toDelta", new JsonArray(Make("loro", "LoroDoc.getText", LoroDoc(0), Str("text"))));
        yield return new("loro", "LoroMap.get", new JsonArray(Make("loro", "LoroDoc.getMap", LoroDoc(0), Str("map")), Str("title")));
        yield return new("loro", "LoroList.get", new JsonArray(Make("loro", "LoroDoc.getList", LoroDoc(0), Str("list")), 0));
        yield return new("loro", "LoroText.insert", new JsonArray(Make("loro", "LoroDoc.getText", LoroDoc(0), Str("text")), 2, Str("✓ ok")));
        yield return new("loro", "LoroDoc.getByPath", new JsonArray(LoroDoc(0), Str("map/title")));
        yield return new("loro", "LoroDoc.JSONPath", new JsonArray(LoroDoc(0), Str("$.map.title")));
        // A char outside the BMP (the emoji: two UTF-16 units), one of CJK, and a position past the end (an error).
        yield return new("loro", "LoroText.charAt", new JsonArray(Make("loro", "LoroDoc.getText", LoroDoc(0), Str("text")), 13));
        yield return new("loro", "LoroText.charAt", new JsonArray(Make("loro", "LoroDoc.getText", LoroDoc(0), Str("text")), 10));
        yield return new("loro", "LoroText.charAt", new JsonArray(Make("loro", "LoroDoc.getText", LoroDoc(0), Str("text")), 100));
        // A counter of a peer the version holds (the snapshot's peer 7), and of one it does not (undefined).
        yield return new("loro", "VersionVector.get", new JsonArray(Make("loro", "LoroDoc.version", LoroDoc(0)), Str("7")));
        yield return new("loro", "VersionVector.get", new JsonArray(Make("loro", "LoroDoc.version", LoroDoc(0)), Str("99")));
        // Updates of peer 7 from its counter 5, imported into an empty document: pending (their dependencies are missing), exported as bytes.
        JsonObject span = Obj(("id", Obj(("peer", Str("7")), ("counter", 5))), ("len", 3));
        yield return new("loro", "LoroDoc.export", new JsonArray(LoroDoc(0), Obj(("mode", Str("updates-in-range")), ("spans", new JsonArray(span)))));
        yield return new("loro", "LoroDoc.exportPendingUpdates", new JsonArray(Imported(Ref(-1))));
        // A 32-byte return area (an Option<f64> beside an error): a new AwarenessWasm holds no state, so no timestamp (none,
        // the clock not read) for itself or another peer, and an invalid peer is the error of the area's second block.
        yield return new("loro", "AwarenessWasm.getTimestamp", new JsonArray(Make("loro", "AwarenessWasm.constructor", Str("1"), 30000), Str("1")));
        yield return new("loro", "AwarenessWasm.getTimestamp", new JsonArray(Make("loro", "AwarenessWasm.constructor", Str("1"), 30000), Str("2")));
        yield return new("loro", "AwarenessWasm.getTimestamp", new JsonArray(Make("loro", "AwarenessWasm.constructor", Str("1"), 30000), Str("peer")));
    }
}
