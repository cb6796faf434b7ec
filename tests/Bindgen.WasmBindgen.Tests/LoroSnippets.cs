using System;
using System.Collections.Generic;
using System.Numerics;
using Bindgen.WasmBindgen.Tests.FromPackage;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// loro-crdt 1.17.1's own JavaScript (<c>nodejs/snippets/loro-wasm-974365e04a0511fb/inline0.js</c>: the functions its
/// <c>toContainerTree</c> family calls to build the tree of plain objects) ported to C#, function by function, over the
/// JavaScript values Bindgen models: objects are <see cref="JsObject"/>, arrays lists, numbers doubles, absent values
/// <see cref="JsUndefined.Value"/>, a thrown <c>Error</c> a <see cref="JsException"/>.
/// </summary>
public sealed class LoroSnippets : LoroWasm.ILoroWasmSnippets
{
    /// <summary><c>const kinds = ["Map", "List", "MovableList", "Text", "Tree", "Counter"];</c></summary>
    private static readonly string[] Kinds = { "Map", "List", "MovableList", "Text", "Tree", "Counter" };

    /// <summary>How many times each function was called (the tests check the module reached them).</summary>
    public Dictionary<string, int> Calls { get; } = new();

    /// <summary><c>kinds[kind]</c>: undefined outside the array.</summary>
    private static object? Kind(double kind) =>
        kind >= 0 && kind < Kinds.Length && kind == Math.Floor(kind) ? Kinds[(int)kind] : JsUndefined.Value;

    private void Count(string function) => Calls[function] = Calls.TryGetValue(function, out int n) ? n + 1 : 1;

    private static JsException Error(string message) => new("inline0.js", new JsError(message));

    /// <summary>The options of <c>toContainerTree</c>: an object, with <c>text</c> (and for a document <c>roots</c>, an array) only.</summary>
    public object? StateOptions(object? options, bool document)
    {
        Count("stateOptions");
        if (!IsObject(options) || options is List<object?>)
        {
            throw Error("Invalid toContainerTree options");
        }

        foreach (KeyValuePair<string, object?> property in (options as JsObject)?.Properties ?? Array.Empty<KeyValuePair<string, object?>>())
        {
            if (property.Key != "text" && !(document && property.Key == "roots"))
            {
                throw Error("Unknown toContainerTree option: " + property.Key);
            }
        }

        if (document && Get(options, "roots") is not JsUndefined && Get(options, "roots") is not List<object?>)
        {
            throw Error("roots must be an array");
        }

        return options;
    }

    /// <summary><c>{ cid: node.cid, start, totalLength, items: node.value }</c>.</summary>
    public object? StateSlice(object? node, double start, double totalLength)
    {
        Count("stateSlice");
        var slice = new JsObject();
        slice["cid"] = Get(node, "cid");
        slice["start"] = start;
        slice["totalLength"] = totalLength;
        slice["items"] = Get(node, "value");
        return slice;
    }

    /// <summary><c>{ type: kinds[kind], cid, value }</c>.</summary>
    public object? StateContainer(double kind, object? cid, object? value)
    {
        Count("stateContainer");
        var container = new JsObject();
        container["type"] = Kind(kind);
        container["cid"] = cid;
        container["value"] = value;
        return container;
    }

    /// <summary><c>"cid:" + counter + "@" + peer + ":" + kinds[kind]</c>.</summary>
    public object? StateCid(object? peer, double counter, double kind)
    {
        Count("stateCid");
        return "cid:" + JsDisplay.ToJsString(counter) + "@" + JsDisplay.ToJsString(peer) + ":" + JsDisplay.ToJsString(Kind(kind));
    }

    /// <summary><c>"cid:root-" + name + ":" + kinds[kind]</c>.</summary>
    public object? StateRootCid(string name, double kind)
    {
        Count("stateRootCid");
        return "cid:root-" + name + ":" + JsDisplay.ToJsString(Kind(kind));
    }

    /// <summary><c>{ type: "Value", value }</c>.</summary>
    public object? StateValue(object? value)
    {
        Count("stateValue");
        var node = new JsObject();
        node["type"] = "Value";
        node["value"] = value;
        return node;
    }

    /// <summary><c>bytes.slice()</c>: a copy.</summary>
    public object? StateBinary(JsUint8Array bytes)
    {
        Count("stateBinary");
        return new JsUint8Array(bytes.Span.ToArray(), 0, bytes.Length);
    }

    /// <summary><c>Object.defineProperty(array, index, { value, enumerable: true, writable: true, configurable: true })</c>.</summary>
    public void StateIndex(object? array, double index, object? value)
    {
        Count("stateIndex");
        JsReflect.DefineProperty(array, index, DataProperty(value));
    }

    /// <summary><c>Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true })</c>.</summary>
    public void StateSet(object? @object, object? key, object? value)
    {
        Count("stateSet");
        JsReflect.DefineProperty(@object, key, DataProperty(value));
    }

    private static JsObject DataProperty(object? value)
    {
        var descriptor = new JsObject();
        descriptor["value"] = value;
        descriptor["enumerable"] = true;
        descriptor["writable"] = true;
        descriptor["configurable"] = true;
        return descriptor;
    }

    /// <summary><c>typeof x === "object" &amp;&amp; x !== null</c> (functions are not objects here: typeof says "function").</summary>
    private static bool IsObject(object? value) =>
        value is not (null or JsUndefined or string or double or bool or BigInteger or Delegate);

    /// <summary><c>x.key</c> of a plain object; a TypeError on null and undefined, as JavaScript throws.</summary>
    private static object? Get(object? value, string key) => value switch
    {
        null or JsUndefined => throw new JsException("inline0.js", new JsError($"Cannot read properties of {JsDisplay.ToJsString(value)} (reading '{key}')") { Name = "TypeError" }),
        JsObject o => o[key],
        _ => JsUndefined.Value,
    };
}
