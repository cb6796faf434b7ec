using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Bindgen.Integration.Tests;
using Bindgen.WasmBindgen.Tests.FromPackage;
using NUnit.Framework;
using Wasmtime;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// Arrays of JavaScript values (<c>any[]</c>: <c>passArrayJsValueToWasm0</c>) in a reference-types build, on
/// shapes/wbvalues (a package in wasm-bindgen's shape, bound through &lt;BindgenPackage&gt;): each value a slot of the
/// externref table, the array of slots allocated after them, required and optional, one value handed back. Compared
/// with Node running the package's own glue (npm/wbvalues.mjs), under both engine configurations (every allocation of
/// the module grows memory). ywasm's arrays in the per-package report are the heap-slab generation.
/// </summary>
[TestFixture(EngineSetting.Default)]
[TestFixture(EngineSetting.Relocating)]
public sealed class WbvaluesTests
{
    private static readonly object?[][] Lists =
    {
        new object?[] { "a", 1.5, "héllo 日本", null, true, "" },
        new object?[] { },
        new object?[] { 2.0, false },
        Enumerable.Range(0, 300).Select(i => (object?)(i % 3 == 0 ? "s" + i : (double)i)).ToArray(),
    };

    private readonly EngineSetting _setting;

    public WbvaluesTests(EngineSetting setting) => _setting = setting;

    [Test]
    public void ArraysOfValuesCrossAsTableSlotsAsInNode()
    {
        var input = new JsonObject { ["lists"] = new JsonArray(Lists.Select(l => (JsonNode)new JsonArray(l.Select(ToJson).ToArray())).ToArray()) };
        string node = ReferenceHost.RunNode("wbvalues.mjs", input)[0]!.ToJsonString();

        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        Wbvalues w = WbvaluesPackage.Instantiate(engine, store);
        string outOfRange;
        try
        {
            w.Nth(Lists[0], 99);
            outOfRange = "no error";
        }
        catch (GuestTrapException)
        {
            outOfRange = "trap";
        }

        var bindgen = new JsonObject
        {
            ["count"] = new JsonArray(Lists.Select(l => (JsonNode)w.CountStrings(l)).ToArray()),
            ["optional"] = new JsonArray(Lists.Select(l => (JsonNode)w.CountOrNone(l)).Prepend(w.CountOrNone(null)).ToArray()),
            ["nth"] = new JsonArray(Lists.Where(l => l.Length > 0).Select(l => ToJson(w.Nth(l, l.Length - 1)) ?? "null").ToArray()),
            ["outOfRange"] = outOfRange,
        };
        Assert.That(bindgen.ToJsonString(), Is.EqualTo(node));
    }

    /// <summary>
    /// A command module's build exports the externref helpers under wasm-ld's names
    /// (<c>__externref_table_alloc_command_export</c>, as @biomejs/wasm-nodejs does): the same module with its helpers
    /// renamed so gives the same answers, a value handed back included.
    /// </summary>
    [Test]
    public void ExternrefHelpersExportedUnderCommandExportNamesAreFound()
    {
        string wat = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "shapes", "wbvalues", "wbvalues.wat"));
        Assert.That(wat, Does.Contain("(export \"__externref_table_alloc\")").And.Contain("(export \"__externref_table_dealloc\")"));
        string renamed = wat
            .Replace("(export \"__externref_table_alloc\")", "(export \"__externref_table_alloc_command_export\")", StringComparison.Ordinal)
            .Replace("(export \"__externref_table_dealloc\")", "(export \"__externref_table_dealloc_command_export\")", StringComparison.Ordinal);

        using Engine engine = Engines.Create(_setting);
        using var store = new Store(engine);
        using var module = Module.FromText(engine, "wbvalues_command", renamed);
        using var plainStore = new Store(engine);
        Wbvalues w = Wbvalues.Instantiate(engine, store, module);
        Assert.That(w.CountStrings(Lists[0]), Is.EqualTo(WbvaluesPackage.Instantiate(engine, plainStore).CountStrings(Lists[0])));
        Assert.That(w.Nth(Lists[0], 1), Is.EqualTo(1.5));
        Assert.That(w.Nth(Lists[0], 2), Is.EqualTo("héllo 日本"));
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b,
        double d => d,
        _ => value.ToString(),
    };
}
