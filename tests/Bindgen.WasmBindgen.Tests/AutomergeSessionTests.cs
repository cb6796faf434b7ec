using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using Bindgen.Integration.Tests;
using Bindgen.WasmBindgen.Tests.FromPackage;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// A document session with @automerge/automerge-wasm 0.17.0, bound through &lt;BindgenPackage&gt; (no hand-written C#):
/// create, put (strings, numbers, booleans, a counter), putObject (a list, text, a nested map), insert, push, splice
/// text with non-ASCII and an emoji, increment, get, getWithType, keys, text, commit, heads, toJS (objects with
/// automerge's symbol-keyed properties, frozen after enableFreeze), save and load, delete, merge of two documents,
/// changes decoded, a sync between two documents until neither has a message, an error. Every step's answer is
/// compared, as text, with the same session run through the package's own glue in Node (npm/automerge.mjs), under
/// both engine configurations: js-sys's Object, Reflect, Symbol and Array imports as the module calls them.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class AutomergeSessionTests
{
    private static readonly Lazy<List<(string Export, string Answer)>> Node = new(() =>
        ReferenceHost.RunNode("automerge.mjs", new System.Text.Json.Nodes.JsonObject())
            .Select(step => (step![0]!.GetValue<string>(), step[1]!.GetValue<string>())).ToList());

    private readonly EngineSetting _setting;

    public AutomergeSessionTests(EngineSetting setting) => _setting = setting;

    [Test]
    public void A_document_session_matches_Node_running_the_packages_own_glue()
    {
        List<(string Export, string Answer)> bindgen = Run(_setting);
        List<(string Export, string Answer)> node = Node.Value;
        var differences = new List<string>();
        for (int i = 0; i < Math.Max(bindgen.Count, node.Count); i++)
        {
            (string, string) mine = i < bindgen.Count ? bindgen[i] : ("(none)", string.Empty), theirs = i < node.Count ? node[i] : ("(none)", string.Empty);
            if (mine != theirs)
            {
                differences.Add($"step {i} {theirs.Item1}:\n  Node:    {theirs.Item2}\n  Bindgen: {mine.Item2}");
            }
        }

        IReadOnlyDictionary<string, string> bound = AutomergeWasmPackage.Bound, notBound = AutomergeWasmPackage.NotBound;
        var exports = node.Select(s => s.Export).Distinct().ToList();
        int identical = exports.Count(e => Enumerable.Range(0, node.Count).Where(i => node[i].Export == e).All(i => i < bindgen.Count && bindgen[i] == node[i]));
        TestContext.Out.WriteLine($"@automerge/automerge-wasm 0.17.0: {bound.Count + notBound.Count} exports (a getter and its setter once: {bound.Values.Distinct().Count() + notBound.Count}), {bound.Values.Distinct().Count()} bound, "
            + $"{exports.Count} called in the session, {identical} identical to Node ({node.Count - differences.Count} of {node.Count} steps)");
        Assert.That(differences, Is.Empty, string.Join("\n", differences));
        Assert.That(node.Count, Is.GreaterThan(50), "the session ran in Node");
    }

    private static List<(string, string)> Run(EngineSetting setting)
    {
        using Engine engine = Engines.Create(setting);
        using var store = new Store(engine);
        var am = AutomergeWasmPackage.Instantiate(engine, store);
        var steps = new List<(string, string)>();
        void Step(string export, Func<object?> f) => steps.Add((export, Answer(f)));
        JsUndefined u = JsUndefined.Value;
        const double T = 1700000000;

        using IAutomergeWasm.IAutomerge d1 = am.Create(new Dictionary<string, object?> { ["actor"] = "aaaa" });
        Step("getActorId", () => d1.GetActorId());
        Step("put", () => Void(() => d1.Put("_root", "hello", "world", u)));
        Step("put", () => Void(() => d1.Put("_root", "n", 42, u)));
        Step("put", () => Void(() => d1.Put("_root", "flag", true, u)));
        Step("put", () => Void(() => d1.Put("_root", "ratio", 1.5, u)));
        Step("put", () => Void(() => d1.Put("_root", "counter", 1, "counter")));
        object? list = null, text = null;
        Step("putObject", () => list = d1.PutObject("_root", "list", new List<object?>()));
        Step("insert", () => Void(() => d1.Insert(list, 0, "a", u)));
        Step("insert", () => Void(() => d1.Insert(list, 1, 2, u)));
        Step("push", () => Void(() => d1.Push(list, "c", u)));
        Step("putObject", () => text = d1.PutObject("_root", "text", "Hello"));
        Step("splice", () => Void(() => d1.Splice(text, 5, 0, " wörld 🌍")));
        Step("splice", () => Void(() => d1.Splice(text, 0, 1, "J")));
        Step("putObject", () => d1.PutObject("_root", "map", new Dictionary<string, object?>
        {
            ["x"] = 1,
            ["y"] = new Dictionary<string, object?> { ["z"] = "deep" },
            ["arr"] = new List<object?> { 1, "two" },
        }));
        Step("increment", () => Void(() => d1.Increment("_root", "counter", 5)));
        Step("get", () => d1.Get("_root", "hello"));
        Step("get", () => d1.Get("_root", "n"));
        Step("get", () => d1.Get("_root", "list"));
        Step("get", () => d1.Get("_root", "missing"));
        Step("get", () => d1.Get(list, 1));
        Step("getWithType", () => d1.GetWithType("_root", "counter"));
        Step("keys", () => d1.Keys("_root"));
        Step("text", () => d1.Text(text));
        Step("commit", () => d1.Commit("first", T));
        Step("getHeads", () => d1.GetHeads());
        Step("toJS", () => d1.ToJS(u));
        object? saved = null;
        Step("save", () => saved = d1.Save());
        using IAutomergeWasm.IAutomerge loaded = am.Load(saved, u);
        Step("load", () => loaded.ToJS(u));
        Step("getHeads", () => loaded.GetHeads());
        Step("saveNoCompress", () => (double)((JsUint8Array)loaded.SaveNoCompress()!).Length);
        Step("delete", () => Void(() => d1.Delete("_root", "flag")));
        Step("keys", () => d1.Keys("_root"));
        Step("commit", () => d1.Commit("second", T + 1));
        using IAutomergeWasm.IAutomerge d2 = am.Create(new Dictionary<string, object?> { ["actor"] = "bbbb" });
        Step("put", () => Void(() => d2.Put("_root", "from2", "b", u)));
        Step("commit", () => d2.Commit("other", T + 2));
        Step("merge", () => d1.Merge(d2));
        object? snapshot = null;
        Step("toJS", () => snapshot = d2.ToJS(u));
        Step("updateDiffCursor", () => Void(d2.UpdateDiffCursor));
        Step("put", () => Void(() => d2.Put("_root", "added", "yes", u)));
        Step("putObject", () => d2.PutObject("_root", "nested", new Dictionary<string, object?> { ["a"] = new[] { 1, 2 } }));
        Step("delete", () => Void(() => d2.Delete("_root", "from2")));
        Step("applyPatches", () => d2.ApplyPatches(snapshot, u));
        Step("enableFreeze", () => d2.EnableFreeze(true));
        Step("updateDiffCursor", () => Void(d2.UpdateDiffCursor));
        Step("toJS", () => snapshot = d2.ToJS(u));
        Step("put", () => Void(() => d2.Put("_root", "later", 2.25, u)));
        Step("applyPatches", () => d2.ApplyPatches(snapshot, u));
        Step("applyPatches", () => snapshot);
        Step("toJS", () => d1.ToJS(u));
        Step("getChanges", () => (double)((List<object?>)d1.GetChanges(new List<object?>())!).Count);
        Step("decodeChange", () => am.DecodeChange(((List<object?>)d1.GetChanges(new List<object?>())!)[0]));

        using IAutomergeWasm.IAutomerge d3 = am.Create(new Dictionary<string, object?> { ["actor"] = "cccc" });
        using IAutomergeWasm.ISyncState s1 = am.InitSyncState(), s3 = am.InitSyncState();
        for (int round = 0; round < 8; round++)
        {
            object? m1 = null, m3 = null;
            Step("generateSyncMessage", () => m1 = d1.GenerateSyncMessage(s1));
            if (m1 is not null and not JsUndefined)
            {
                Step("receiveSyncMessage", () => Void(() => d3.ReceiveSyncMessage(s3, m1)));
            }

            Step("generateSyncMessage", () => m3 = d3.GenerateSyncMessage(s3));
            if (m3 is not null and not JsUndefined)
            {
                Step("receiveSyncMessage", () => Void(() => d1.ReceiveSyncMessage(s1, m3)));
            }

            if (m1 is null or JsUndefined && m3 is null or JsUndefined)
            {
                break;
            }
        }

        Step("toJS", () => d3.ToJS(u));
        Step("getHeads", () => d3.GetHeads());
        Step("encodeSyncState", () => am.EncodeSyncState(s1));
        Step("put", () => Void(() => d1.Put("no-such-object", "k", "v", u)));
        Step("enableFreeze", () => d1.EnableFreeze(true));
        Step("toJS", () => d1.ToJS(u));
        return steps;
    }

    private static object? Void(Action action)
    {
        action();
        return JsUndefined.Value;
    }

    private static string Answer(Func<object?> f)
    {
        try
        {
            return "ok " + Encode(f());
        }
        catch (JsException e)
        {
            return "error " + e.Message;
        }
        catch (GuestTrapException)
        {
            return "trap";
        }
    }

    /// <summary>A value as npm/automerge.mjs's enc writes it: symbol-keyed properties after the body, then whether it is frozen.</summary>
    private static string Encode(object? v) => v switch
    {
        JsUndefined => "undefined",
        null => "null",
        string s => Quote(s),
        double d => "n:" + Number(d),
        bool b => b ? "true" : "false",
        BigInteger i => "big:" + i.ToString(CultureInfo.InvariantCulture),
        JsUint8Array a => "b:" + Convert.ToBase64String(a.Span.ToArray()),
        byte[] bytes => "b:" + Convert.ToBase64String(bytes),
        JsDate date => "date:" + Number(date.Time),
        List<object?> list => "[" + string.Join(",", list.Select(Encode)) + "]" + Extras(list),
        JsObject o => "{" + string.Join(",", o.Properties.Select(p => Quote(p.Key) + ":" + Encode(p.Value))) + "}" + Extras(o),
        _ => v.ToString() ?? string.Empty,
    };

    private static string Extras(object value)
    {
        IReadOnlyList<KeyValuePair<string, object?>> symbols = JsReflect.SymbolProperties(value);
        return (symbols.Count > 0 ? "<" + string.Join(",", symbols.Select(s => s.Key + "=" + Encode(s.Value))) + ">" : string.Empty)
            + (JsReflect.IsFrozen(value) ? "!frozen" : string.Empty);
    }

    private static string Number(double d) => d == Math.Floor(d) && Math.Abs(d) < 1e15
        ? ((long)d).ToString(CultureInfo.InvariantCulture)
        : d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>JSON.stringify of a string: quotes, backslashes and control characters escaped, everything else as it is.</summary>
    private static string Quote(string s)
    {
        var w = new StringBuilder("\"");
        foreach (char c in s)
        {
            w.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return w.Append('"').ToString();
    }
}
