using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// Class instances where the glue takes any JavaScript value, in arrays of values, and handed to callbacks: ywasm's
/// prelim types in arrays, an undo manager tracking a text, and its events read inside the observers that receive them
/// (every member of the event, while the event is valid), in both hosts.
/// </summary>
public static partial class FromPackageCalls
{
    /// <summary>An event class's members a callback reads: its getters and its zero-argument methods.</summary>
    private static JsonArray EventMembers(BoundPackage package, IGrouping<string, string> cls)
    {
        var members = new JsonArray();
        foreach (string key in cls.OrderBy(k => k, StringComparer.Ordinal))
        {
            string name = key.Substring(cls.Key.Length + 1);
            string[] parts = package.Bound[key].Split('.');
            Type type = package.Interface.GetNestedType(parts[0])!;
            if (name.StartsWith("get ", StringComparison.Ordinal) || (type.GetProperty(parts[1]) is null && FromPackageDriver.Overload(type, parts[1]).GetParameters().Length == 0))
            {
                members.Add(name);
            }
        }

        return members;
    }

    private static IEnumerable<FromPackageCall> InstanceArguments()
    {
        JsonObject Then(string fn, params JsonNode?[] args) => new() { ["fn"] = fn, ["args"] = new JsonArray(args) };
        JsonObject Read() => new() { ["callback"] = "read" };
        JsonNode Observed(string getter, string name, string observe = "observe")
        {
            JsonObject shared = Make("ywasm", getter, YDocWithContent(3), Str(name));
            shared["make"]!["then"] = new JsonArray(Then("Y" + getter.Substring("YDoc.get".Length) + "." + observe, Read()));
            return shared;
        }

        // rxing's decode_multi: an array of BarcodeResult the module makes through an import (__wbg_barcoderesult_new), each read back.
        yield return new("rxing", "decode_multi", new JsonArray(Bytes(QrLuma.Value), QrSize, QrSize, Make("rxing", "DecodeHintDictionary.constructor"), Undefined()));
        yield return new("rxing", "decode_multi", new JsonArray(Bytes(QrLuma.Value), QrSize, QrSize, Make("rxing", "DecodeHintDictionary.constructor"), true));

        // Arrays of values holding class instances (prelim shared types, XML nodes), read back.
        yield return new("ywasm", "YArray.toJson", new JsonArray(Make("ywasm", "YArray.constructor", new JsonArray(Make("ywasm", "YText.constructor", Str("prelim ✓")), 2, Str("x"))), Undefined()));
        yield return new("ywasm", "YXmlFragment.toString", new JsonArray(Make("ywasm", "YXmlFragment.constructor", new JsonArray(Make("ywasm", "YXmlText.constructor", Str("héllo"), Undefined()), Make("ywasm", "YXmlElement.constructor", Str("p"), Undefined(), Undefined()))), Undefined()));
        yield return new("ywasm", "YXmlFragment.constructor", new JsonArray(new JsonArray(Str("not a node"))));
        yield return new("ywasm", "YArray.push", new JsonArray(Make("ywasm", "YDoc.getArray", YDocWithContent(0), Str("array")), new JsonArray(Make("ywasm", "YMap.constructor"), 7), Undefined()));

        // Events, read inside the observer that receives them: text, map, array and XML edits, a subdocument added.
        yield return new("ywasm", "YText.insert", new JsonArray(Observed("YDoc.getText", "text"), 1, Str("abc"), Undefined(), Undefined()));
        yield return new("ywasm", "YText.insert", new JsonArray(Observed("YDoc.getText", "text", "observeDeep"), 0, Str("é"), Undefined(), Undefined()));
        yield return new("ywasm", "YMap.set", new JsonArray(Observed("YDoc.getMap", "map"), Str("k"), 2, Undefined()));
        yield return new("ywasm", "YArray.insert", new JsonArray(Observed("YDoc.getArray", "array"), 0, new JsonArray(1, Str("x"), true), Undefined()));
        yield return new("ywasm", "YXmlFragment.insert", new JsonArray(Observed("YDoc.getXmlFragment", "xml"), 0, Make("ywasm", "YXmlElement.constructor", Str("p"), Undefined(), Undefined()), Undefined()));
        // An XML text integrated into a fragment, then observed and edited.
        JsonObject fragment = Make("ywasm", "YDoc.getXmlFragment", YDocWithContent(3), Str("xml"));
        fragment["make"]!["then"] = new JsonArray(Then("YXmlFragment.insert", 0, Make("ywasm", "YXmlText.constructor", Str("héllo"), Undefined()), Undefined()));
        JsonObject xmlText = Make("ywasm", "YXmlFragment.firstChild", fragment, Undefined());
        xmlText["make"]!["then"] = new JsonArray(Then("YXmlText.observe", Read()));
        yield return new("ywasm", "YXmlText.insert", new JsonArray(xmlText, 1, Str("abc"), Undefined(), Undefined()));
        yield return new("ywasm", "YXmlText.setAttribute", new JsonArray(xmlText.DeepClone(), Str("k"), Str("v"), Undefined()));

        // An undo manager made on the document's text, its stack observed, then the text edited.
        var undone = (JsonObject)YDocWithContent(3);
        JsonObject manager = Then("YUndoManager.constructor", On(0, "YDoc.getText", Str("text")), Undefined());
        manager["then"] = new JsonArray(Then("YUndoManager.onStackItemAdded", Read()));
        ((JsonArray)undone["make"]!["then"]!).Add(manager);
        yield return new("ywasm", "YText.insert", new JsonArray(Make("ywasm", "YDoc.getText", undone, Str("text")), 0, Str("undo me"), Undefined(), Undefined()));

        JsonObject subdocs = YDoc(4);
        subdocs["make"]!["then"] = new JsonArray(Then("YDoc.onSubdocs", Read()));
        yield return new("ywasm", "YMap.set", new JsonArray(Make("ywasm", "YDoc.getMap", subdocs, Str("map")), Str("sub"), YDoc(5), Undefined()));
    }

    /// <summary>{ on: i, fn, args }: fn called on the i-th argument decoded before it in the same list.</summary>
    private static JsonObject On(int index, string function, params JsonNode?[] args) =>
        new() { ["on"] = index, ["fn"] = function, ["args"] = new JsonArray(args) };
}
