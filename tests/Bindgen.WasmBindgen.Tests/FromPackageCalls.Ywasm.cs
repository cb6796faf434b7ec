using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using FromPackage = Bindgen.WasmBindgen.Tests.FromPackage;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// ywasm (Yrs) in the per-package report: its classes are made from each other, as a user of the package makes them.
/// A document is made with a fixed client id and guid (Yrs draws both at random otherwise, and every encoded update
/// would differ between the hosts), then filled by applying an update (text, map entries) the binding itself encodes;
/// shared types are the document's (getText, getMap, getArray, getXmlFragment), a transaction is begun on one, a
/// snapshot taken of one, a weak link quoted from its text.
/// </summary>
public static partial class FromPackageCalls
{
    /// <summary>An update of a document with client id 7: text with accents, CJK and an emoji; a map with a string, a number and a boolean.</summary>
    private static readonly Lazy<byte[]> YwasmUpdate = new(() =>
    {
        using var engine = new Wasmtime.Engine();
        using var store = new Wasmtime.Store(engine);
        FromPackage.Ywasm y = FromPackage.YwasmPackage.Instantiate(engine, store);
        using FromPackage.IYwasm.IYDoc doc = y.NewYDoc(new Dictionary<string, object?> { ["clientID"] = 7, ["guid"] = "source" });
        using FromPackage.IYwasm.IYText text = doc.GetText("text");
        text.Insert(0, "héllo wörld 你好 🌍", JsUndefined.Value, JsUndefined.Value);
        text.Delete(1, 2, JsUndefined.Value);
        using FromPackage.IYwasm.IYMap map = doc.GetMap("map");
        map.Set("title", "Yrs", JsUndefined.Value);
        map.Set("count", 2.5, JsUndefined.Value);
        map.Set("done", true, JsUndefined.Value);
        return y.EncodeStateAsUpdate(doc);
    });

    /// <summary>Recipes for ywasm's classes (as <see cref="Recipes"/>: the n-th instance argument takes the n-th, or the last).</summary>
    private static readonly Dictionary<string, Func<int, JsonNode>[]> YwasmRecipes = new()
    {
        ["ywasm:YDoc"] = new Func<int, JsonNode>[] { YDocWithContent, v => YDoc(v + 1) },
        ["ywasm:YTransaction"] = new Func<int, JsonNode>[] { v => Make("ywasm", "YDoc.beginTransaction", YDocWithContent(v), Undefined()) },
        ["ywasm:YText"] = new Func<int, JsonNode>[] { v => Make("ywasm", "YDoc.getText", YDocWithContent(v), Str("text")) },
        ["ywasm:YMap"] = new Func<int, JsonNode>[] { v => Make("ywasm", "YDoc.getMap", YDocWithContent(v), Str("map")) },
        ["ywasm:YArray"] = new Func<int, JsonNode>[] { v => Make("ywasm", "YDoc.getArray", YDocWithContent(v), Str("array")) },
        ["ywasm:YXmlFragment"] = new Func<int, JsonNode>[] { v => Make("ywasm", "YDoc.getXmlFragment", YDocWithContent(v), Str("xml")) },
        ["ywasm:YXmlElement"] = new Func<int, JsonNode>[] { v => Make("ywasm", "YXmlElement.constructor", Str(v == 0 ? "div" : "p"), Undefined(), Undefined()) },
        ["ywasm:YXmlText"] = new Func<int, JsonNode>[] { v => Make("ywasm", "YXmlText.constructor", v == 0 ? Str("héllo") : Undefined(), Undefined()) },
        ["ywasm:YSnapshot"] = new Func<int, JsonNode>[] { v => Make("ywasm", "snapshot", YDocWithContent(v)), v => Make("ywasm", "YSnapshot.constructor") },
        // The shared type to track is the document's own text: decoded after the document, from it ({ on: 0 }).
        ["ywasm:YUndoManager"] = new Func<int, JsonNode>[] { v => Make("ywasm", "YUndoManager.constructor", YDocWithContent(v), On(0, "YDoc.getText", Str("text")), Undefined()) },
        ["ywasm:YWeakLink"] = new Func<int, JsonNode>[] { v => Make("ywasm", "YText.quote", Make("ywasm", "YDoc.getText", YDocWithContent(v), Str("text")), 1, 4, Undefined(), Undefined(), Undefined()) },
    };

    /// <summary>Arguments given instead of the ones made from the C# types (options that must not be random).</summary>
    private static readonly Dictionary<string, Func<int, JsonArray>> YwasmArguments = new()
    {
        ["ywasm:YDoc.constructor"] = v => new JsonArray(YDocOptions(v)),
    };

    /// <summary>Why a bound export of a class is not called: no instance of the class can be made for the call, per "package:Class".</summary>
    internal static readonly Dictionary<string, string> NotCalled = new()
    {
        ["ywasm:YArrayEvent"] = Event,
        ["ywasm:YMapEvent"] = Event,
        ["ywasm:YTextEvent"] = Event,
        ["ywasm:YXmlEvent"] = Event,
        ["ywasm:YXmlTextEvent"] = Event,
        ["ywasm:YWeakLinkEvent"] = Event + "; a weak link's event needs the link integrated into a map of the document whose text it quotes, a chain of calls the report's arguments cannot express (one instance made from two others of the same document)",
        ["ywasm:YSubdocsEvent"] = Event,
        ["ywasm:YUndoEvent"] = Event,
        ["ywasm:YUndoEvent.set meta"] = "a setter of an event: the report's callbacks read each event they receive (its getters and zero-argument methods) and write nothing",
    };

    private const string Event = "ywasm makes its events only inside an observer callback, for the length of the callback, where the report reads them";

    private static JsonObject YDocOptions(int v) => new() { ["obj"] = new JsonObject { ["clientID"] = 7 + v, ["guid"] = Str("doc-" + v) } };

    private static JsonObject YDoc(int v) => Make("ywasm", "YDoc.constructor", YDocOptions(v));

    /// <summary>A document with the update applied: text and map entries.</summary>
    private static JsonNode YDocWithContent(int v)
    {
        JsonObject doc = YDoc(v + 10);
        doc["make"]!["then"] = new JsonArray(new JsonObject { ["fn"] = "applyUpdate", ["args"] = new JsonArray(Bytes(YwasmUpdate.Value), Undefined()) });
        return doc;
    }

    /// <summary>ywasm's calls that feed one result into another: an update and a state vector encoded, applied to a new document, read back.</summary>
    private static IEnumerable<FromPackageCall> YwasmChained()
    {
        JsonObject Then(string fn, params JsonNode?[] args) => new() { ["fn"] = fn, ["args"] = new JsonArray(args) };
        JsonNode Applied(string apply, JsonNode update)
        {
            JsonObject doc = YDoc(20);
            doc["make"]!["then"] = new JsonArray(Then(apply, update, Undefined()));
            return doc;
        }

        yield return new("ywasm", "encodeStateAsUpdateV2", new JsonArray(YDocWithContent(0)));
        yield return new("ywasm", "YText.toJson", new JsonArray(Make("ywasm", "YDoc.getText", Applied("applyUpdateV2", Ref(-1)), Str("text")), Undefined()));
        yield return new("ywasm", "YMap.toJson", new JsonArray(Make("ywasm", "YDoc.getMap", Applied("applyUpdateV2", Ref(-2)), Str("map")), Undefined()));
        yield return new("ywasm", "debugUpdateV2", new JsonArray(Ref(-3)));
        yield return new("ywasm", "encodeStateVector", new JsonArray(YDocWithContent(1)));
        yield return new("ywasm", "YTransaction.diffV1", new JsonArray(Make("ywasm", "YDoc.beginTransaction", YDocWithContent(0), Undefined())));
        yield return new("ywasm", "debugUpdateV1", new JsonArray(Ref(-1)));
        yield return new("ywasm", "encodeSnapshotV2", new JsonArray(Make("ywasm", "snapshot", YDocWithContent(0))));
        yield return new("ywasm", "decodeSnapshotV2", new JsonArray(Ref(-1)));
        yield return new("ywasm", "encodeSnapshotV1", new JsonArray(Make("ywasm", "decodeSnapshotV1", Bytes(new byte[] { 0, 1, 7, 16 }))));
        yield return new("ywasm", "YText.toJson", new JsonArray(Make("ywasm", "YText.constructor", Str("prelim ✓")), Undefined()));
        yield return new("ywasm", "YMap.get", new JsonArray(Make("ywasm", "YDoc.getMap", YDocWithContent(0), Str("map")), Str("title"), Undefined()));
        yield return new("ywasm", "YMap.entries", new JsonArray(Make("ywasm", "YDoc.getMap", YDocWithContent(0), Str("map")), Undefined()));
        yield return new("ywasm", "YText.delete", new JsonArray(Make("ywasm", "YDoc.getText", YDocWithContent(0), Str("text")), 2, 100, Undefined()));
        yield return new("ywasm", "YDoc.getSubdocGuids", new JsonArray(YDocWithContent(0), Undefined()));
    }

    /// <summary>Why <paramref name="key"/> is not called: the reason given for a class of instance it needs that no recipe makes; null if none is given.</summary>
    internal static string? NotCalledReason(BoundPackage package, string key)
    {
        if (NotCalled.TryGetValue(package.Key + ":" + key, out string? given))
        {
            return given;
        }

        string[] member = package.Bound[key].Split('.');
        Type? cls = member.Length == 2 ? package.Interface.GetNestedType(member[0]) : null;
        IEnumerable<Type> types = (cls?.GetMethod(member[1])?.GetParameters() ?? package.Interface.GetMethod(member[0])?.GetParameters() ?? Array.Empty<System.Reflection.ParameterInfo>())
            .Select(p => p.ParameterType);
        if (cls is not null)
        {
            types = types.Prepend(cls);
        }

        return types.Where(t => typeof(IDisposable).IsAssignableFrom(t))
            .Select(t => NotCalled.TryGetValue(package.Key + ":" + ClassOf(package, t), out string? reason) || LoroNotCalled.TryGetValue(package.Key + ":" + ClassOf(package, t), out reason) ? $"no instance of {ClassOf(package, t)}: {reason}" : null)
            .FirstOrDefault(r => r is not null);
    }

    /// <summary>The class of an instance argument or result: the one whose members the interface binds, or the interface's name without its I.</summary>
    internal static string ClassOf(BoundPackage package, Type type) =>
        package.Bound.FirstOrDefault(e => e.Value.StartsWith(type.Name + ".", StringComparison.Ordinal)).Key?.Split('.')[0] ?? type.Name.Substring(1);
}
