using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Bindgen.Integration.Tests;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// Every package of the suite bound through &lt;BindgenPackage&gt; (npm/Fixture.targets), with no hand-written C#: every
/// bound export called (twice, arguments made from its C# types, plus chained calls) through the generated binding
/// and through the package's own glue in Node (npm/packages.mjs), results, instances read back, errors and panics
/// compared as text, under both engine configurations. Writes the per-package report (exports, bound, identical to
/// Node, and why each other export is not bound) to wasm-bindgen-packages.md in the test's output folder.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class FromPackageTests
{
    /// <summary>Bound exports whose calls differ from Node's, and why (each is a known limitation, not a wrong result).</summary>
    internal static readonly Dictionary<string, string> KnownDifferences = new(FromPackageCalls.LoroKnownDifferences)
    {
        ["rxing:BarcodeResult.timestamp"] = "the time the barcode was decoded (new Date() inside decode_barcode), a different clock reading in each run",
        ["automerge:encodeSyncMessage"] = "its error message embeds a JavaScript TypeError's stack (wasm-bindgen's debugString), which lists Node's JavaScript frames in Node and the host's .NET frames in Bindgen; the message before it is the same",
        ["automerge:importSyncState"] = "its error message embeds a JavaScript TypeError's stack (wasm-bindgen's debugString), which lists Node's JavaScript frames in Node and the host's .NET frames in Bindgen; the message before it is the same",
    };

    private static readonly Lazy<(FromPackageCall[] Calls, JsonObject ReadBack, string[] Expected)> Reference = new(() =>
    {
        // An export known to differ is called once (tiktoken's token_byte_values is megabytes of JSON in Node).
        var knownCalled = new HashSet<string>();
        FromPackageCall[] calls = Resolve(FromPackageCalls.All()
            .Where(c => !KnownDifferences.ContainsKey(c.Package + ":" + c.Function) || knownCalled.Add(c.Package + ":" + c.Function)).ToArray());
        JsonObject readBack = FromPackageCalls.ReadBack();
        var input = new JsonObject
        {
            ["readBack"] = readBack.DeepClone(),
            ["calls"] = new JsonArray(calls.Select(c => (JsonNode)new JsonObject { ["pkg"] = c.Package, ["fn"] = c.Function, ["args"] = c.Args.DeepClone() }).ToArray()),
        };
        return (calls, readBack, ReferenceHost.RunNode("packages.mjs", input).Select(r => r!.ToJsonString()).ToArray());
    });

    private readonly EngineSetting _setting;

    public FromPackageTests(EngineSetting setting) => _setting = setting;

    [Test]
    public void EveryBoundExportMatchesNodeRunningThePackagesOwnGlue()
    {
        (FromPackageCall[] calls, JsonObject readBack, string[] expected) = Reference.Value;
        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        var driver = new FromPackageDriver(engine, store, readBack);
        var outcome = new Dictionary<(string, string), (int Calls, int Identical)>();
        var mismatches = new List<string>();
        for (int i = 0; i < calls.Length; i++)
        {
            string actual = driver.Run(calls[i].Package, calls[i].Function, calls[i].Args);
            bool same = actual == expected[i];
            (int c, int s) = outcome.TryGetValue((calls[i].Package, calls[i].Function), out var o) ? o : (0, 0);
            outcome[(calls[i].Package, calls[i].Function)] = (c + 1, s + (same ? 1 : 0));
            FromPackageCallbacks.Credit(calls[i].Package, expected[i], actual, outcome);
            if (!same && !KnownDifferences.ContainsKey(calls[i].Package + ":" + calls[i].Function))
            {
                mismatches.Add($"{calls[i].Package} {calls[i].Function}({Shorten(calls[i].Args.ToJsonString())}):\n  Node:    {Shorten(expected[i])}\n  Bindgen: {Shorten(actual)}");
            }
        }

        string report = Report(outcome);
        File.WriteAllText(Path.Combine(TestContext.CurrentContext.WorkDirectory, $"wasm-bindgen-packages.{_setting}.md"), report);
        TestContext.Out.WriteLine(report);
        Assert.That(mismatches, Is.Empty, $"{mismatches.Count} of {calls.Length} calls differ from Node:\n" + string.Join("\n", mismatches.Take(30)));
        Assert.That(calls.Length, Is.GreaterThan(400), "the report calls every bound export");
    }

    /// <summary>The report's tables: per package its exports, how many are bound, how many gave Node's answer on every call; then every export not bound, with the reason.</summary>
    private static string Report(Dictionary<(string, string), (int Calls, int Identical)> outcome)
    {
        var w = new StringBuilder();
        w.AppendLine("| package | exports | bound | identical to Node (calls) | bound, not called | not bound |");
        w.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        var notBound = new StringBuilder();
        var notCalledReasons = new StringBuilder();
        foreach (BoundPackage package in BoundPackage.All)
        {
            int identical = 0, calls = 0, identicalCalls = 0, notCalled = 0;
            foreach (string key in package.Bound.Keys)
            {
                if (outcome.TryGetValue((package.Key, key), out var o))
                {
                    calls += o.Calls;
                    identicalCalls += o.Identical;
                    identical += o.Calls == o.Identical ? 1 : 0;
                }
                else
                {
                    notCalled++;
                    string reason = FromPackageCalls.NotCalledReason(package, key) ?? Unexplained(package.Key + ":" + key);
                    notCalledReasons.AppendLine($"| {package.Npm} | `{key}` | {reason.Replace("|", "\\|")} |");
                }
            }

            w.AppendLine($"| {package.Npm} | {package.Bound.Count + package.NotBound.Count} | {package.Bound.Count} | {identical} ({identicalCalls} of {calls}) | {notCalled} | {package.NotBound.Count} |");
            foreach ((string key, string reason) in package.NotBound.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                notBound.AppendLine($"| {package.Npm} | `{key}` | {reason.Replace("|", "\\|")} |");
            }
        }

        w.AppendLine();
        w.AppendLine("| package | export not bound | reason |");
        w.AppendLine("| --- | --- | --- |");
        w.Append(notBound);
        w.AppendLine();
        w.AppendLine("| package | export bound, not called | reason |");
        w.AppendLine("| --- | --- | --- |");
        w.Append(notCalledReasons);
        return w.ToString();
    }

    /// <summary>A bound export the report does not call and cannot say why: a failure (every one is called, or has its reason).</summary>
    private static string Unexplained(string key)
    {
        Assert.Fail($"{key} is bound, not called, and no reason says why");
        return string.Empty;
    }

    /// <summary>Chained calls name an earlier result relatively ({ back: -1 }); packages.mjs and the driver take its index ({ ref: i }).</summary>
    private static FromPackageCall[] Resolve(FromPackageCall[] calls)
    {
        for (int i = 0; i < calls.Length; i++)
        {
            foreach (JsonObject o in calls[i].Args.SelectMany(Objects).ToList())
            {
                if (o["back"] is { } back)
                {
                    o.Remove("back");
                    o["ref"] = i + back.GetValue<int>();
                }
            }
        }

        return calls;
    }

    /// <summary>An argument's objects, the ones nested in it (made instances' arguments, calls made on them) included.</summary>
    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).SelectMany(Objects).Prepend(o),
        JsonArray a => a.SelectMany(Objects),
        _ => Enumerable.Empty<JsonObject>(),
    };

    private static string Shorten(string text) => text.Length > 400 ? text.Substring(0, 400) + $"... ({text.Length} chars)" : text;
}
