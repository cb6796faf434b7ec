using System.Collections.Generic;
using System.IO;
using System.Linq;
using Bindgen.Generator.Abi.WasmBindgen;
using Bindgen.TestSupport;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// Recognition over a corpus: the glue of every wasm-bindgen package the wasm-bindgen tests pin
/// (tests/Bindgen.WasmBindgen.Tests/npm/package-lock.json, installed by npm ci before this project builds), every
/// variant a package ships (node, web, bundler). Every import body must classify; the count left is the measure.
/// </summary>
public sealed class WasmBindgenCorpusTests
{
    private static IEnumerable<string> GlueFiles()
    {
        string modules = RepositoryPaths.Combine("tests", "Bindgen.WasmBindgen.Tests", "npm", "node_modules");
        Assume.That(Directory.Exists(modules), "npm ci has not run: " + modules);
        return Directory.EnumerateFiles(modules, "*.*js", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".js", System.StringComparison.Ordinal) || f.EndsWith(".cjs", System.StringComparison.Ordinal) || f.EndsWith(".mjs", System.StringComparison.Ordinal))
            // A package's own JavaScript (snippets/) is not glue; only the path inside node_modules says so.
            .Where(f => !f.Substring(modules.Length).Contains(Path.DirectorySeparatorChar + "snippets" + Path.DirectorySeparatorChar))
            .Where(f => File.ReadAllText(f).Contains("__wbindgen_object_drop_ref") || File.ReadAllText(f).Contains("__wbindgen_throw"))
            .OrderBy(f => f, System.StringComparer.Ordinal);
    }

    /// <summary>
    /// Imports of APIs only a browser or a worker has (the DOM, canvas, Web Workers): Bindgen leaves them to the user
    /// (a [WasmImports] registration), as there is no such object for a module to be given in .NET. Photon's browser
    /// functions and oxipng's parallel build (pkg-parallel) call them.
    /// </summary>
    private static readonly HashSet<string> BrowserOnly = new(System.StringComparer.Ordinal)
    {
        "appendChild", "body", "createElement", "data", "document", "drawImage", "getContext", "getImageData", "height",
        "width", "newwithu8clampedarrayandsh", "putImageData", "setheight", "settextContent", "setwidth", "startWorkers",
        "__wbindgen_module",
    };

    private static string Member(string import) =>
        import.StartsWith("__wbg_", System.StringComparison.Ordinal) ? import.Substring(6, import.LastIndexOf('_') - 6) : import;

    [Test]
    public void Every_import_of_every_pinned_package_is_recognised()
    {
        var unknown = new SortedSet<string>(System.StringComparer.Ordinal);
        int files = 0, imports = 0, browser = 0, snippets = 0;
        var snippetFunctions = new SortedSet<string>(System.StringComparer.Ordinal);
        var snippetModules = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (string file in GlueFiles())
        {
            GlueModel glue = GlueReader.Read(Path.GetFileName(file), File.ReadAllText(file));
            if (glue.Imports.Count == 0)
            {
                continue;
            }

            files++;
            foreach (GlueImport import in glue.Imports.AsSpan())
            {
                imports++;
                if (import.Operation == "unknown" && BrowserOnly.Contains(Member(import.Name)))
                {
                    browser++;
                }
                else if (GlueImportClassifier.ParseSnippet(import.Operation) is { } snippet)
                {
                    // A call of the package's own JavaScript (snippets/), which the user implements in C#.
                    snippets++;
                    snippetFunctions.Add(snippet.Function);
                    snippetModules.Add(snippet.Module);
                }
                else if (import.Operation == "unknown")
                {
                    unknown.Add(Path.GetFileName(file) + ": " + import.Name);
                }
            }
        }

        foreach (string u in unknown) TestContext.Out.WriteLine(u);
        TestContext.Out.WriteLine($"{files} glue files, {imports} imports, {unknown.Count} unrecognised, {browser} browser-only, {snippets} calls of a package's own JavaScript (snippets the user implements)");
        Assert.That(files, Is.GreaterThanOrEqualTo(7), "the corpus is the pinned packages' glue");
        Assert.That(unknown, Is.Empty, "imports left unrecognised");
        // loro-crdt 1.17.1: nine functions of its inline0.js, called from each of its five glue variants (the base64
        // variant's bundle inlines them into the glue: their module is the glue file).
        Assert.That(snippets, Is.EqualTo(45), "snippet calls recognised");
        Assert.That(snippetFunctions, Is.EqualTo(new[] { "stateBinary", "stateCid", "stateContainer", "stateIndex", "stateOptions", "stateRootCid", "stateSet", "stateSlice", "stateValue" }));
        Assert.That(snippetModules, Is.EqualTo(new[] { "index.js", "loro-wasm-974365e04a0511fb/inline0.js" }));
    }

    [TestCase("const ret = Object.entries(getObject(arg0)); return addHeapObject(ret);", "entries")]
    [TestCase("const ret = Object.entries(arg0); return ret;", "entries")]
    [TestCase("const ret = getObject(arg0)[arg1 >>> 0]; return addHeapObject(ret);", "get_index")]
    [TestCase("const ret = getObject(arg0)[getObject(arg1)]; return addHeapObject(ret);", "get_with_ref_key")]
    [TestCase("const ret = Reflect.get(arg0, arg1); return ret;", "reflect_get")]
    [TestCase("const ret = Symbol.iterator; return addHeapObject(ret);", "symbol_iterator")]
    [TestCase("const ret = getObject(arg0).call(getObject(arg1)); return addHeapObject(ret);", "call0")]
    [TestCase("var ret = getObject(arg0).call(getObject(arg1)); return addHeapObject(ret);", "call0")]
    [TestCase("const ret = getObject(arg0).next(); return addHeapObject(ret);", "next_call")]
    [TestCase("const ret = arg0.next; return ret;", "next_property")]
    [TestCase("const ret = getObject(arg0).done; return ret;", "done")]
    [TestCase("const ret = getObject(arg0).value; return addHeapObject(ret);", "value")]
    [TestCase("const ret = Array.isArray(getObject(arg0)); return ret;", "is_array")]
    [TestCase("const ret = Number.isSafeInteger(getObject(arg0)); return ret;", "is_safe_integer")]
    [TestCase("const ret = getObject(arg0) in getObject(arg1); return ret;", "in")]
    [TestCase("const ret = getObject(arg0) == getObject(arg1); return ret;", "jsval_loose_eq")]
    [TestCase("const ret = Number(getObject(arg0)); return ret;", "number_from")]
    [TestCase("const ret = String(getObject(arg1)); const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_export, wasm.__wbindgen_export2); const len1 = WASM_VECTOR_LEN; getDataViewMemory0().setInt32(arg0 + 4 * 1, len1, true); getDataViewMemory0().setInt32(arg0 + 4 * 0, ptr1, true);", "string_from")]
    [TestCase("var ret = debugString(getObject(arg1)); var ptr0 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc); var len0 = WASM_VECTOR_LEN; getInt32Memory0()[arg0 / 4 + 1] = len0; getInt32Memory0()[arg0 / 4 + 0] = ptr0;", "debug_string")]
    [TestCase("const v = getObject(arg1); const ret = typeof(v) === 'bigint' ? v : undefined; getDataViewMemory0().setBigInt64(arg0 + 8 * 1, isLikeNone(ret) ? BigInt(0) : ret, true); getDataViewMemory0().setInt32(arg0 + 4 * 0, !isLikeNone(ret), true);", "bigint_get_as_i64")]
    [TestCase("getObject(arg0)[arg1 >>> 0] = takeObject(arg2);", "array_set_index")]
    [TestCase("const ret = JSON.parse(getStringFromWasm0(arg0, arg1)); return addHeapObject(ret);", "json_parse")]
    [TestCase("const obj = getObject(arg1); const ret = JSON.stringify(obj === undefined ? null : obj); const ptr0 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc); const len0 = WASM_VECTOR_LEN; getInt32Memory0()[arg0 / 4 + 1] = len0; getInt32Memory0()[arg0 / 4 + 0] = ptr0;", "json_serialize")]
    [TestCase("let result; try { result = getObject(arg0) instanceof Uint8Array; } catch (_) { result = false; } const ret = result; return ret;", "instanceof_Uint8Array")]
    [TestCase("var ret = getObject(arg0) instanceof Window; return ret;", "instanceof_Window")]
    [TestCase("var ret = globalThis.globalThis; return addHeapObject(ret);", "global_globalThis")]
    [TestCase("const ret = self.self; return addHeapObject(ret);", "global_self")]
    [TestCase("var ret = new Function(getStringFromWasm0(arg0, arg1)); return addHeapObject(ret);", "function_new")]
    [TestCase("try { console.error(getStringFromWasm0(arg0, arg1)); } finally { wasm.__wbindgen_free(arg0, arg1); }", "console_error_owned")]
    [TestCase("const ret = Reflect.apply(getObject(arg0), getObject(arg1), getObject(arg2)); return addHeapObject(ret);", "reflect_apply")]
    [TestCase("const ret = getObject(arg0).apply(getObject(arg1), getObject(arg2)); return addHeapObject(ret);", "function_apply")]
    [TestCase("const ret = getObject(arg0).call(getObject(arg1), getObject(arg2), getObject(arg3), getObject(arg4)); return addHeapObject(ret);", "call_n:3")]
    [TestCase("const ret = arg0.call(arg1, arg2, arg3, arg4, arg5); return ret;", "call_n:4")]
    [TestCase("const ret = Object.assign(getObject(arg0), getObject(arg1)); return addHeapObject(ret);", "object_assign")]
    [TestCase("const ret = Object.defineProperty(getObject(arg0), getObject(arg1), getObject(arg2)); return addHeapObject(ret);", "define_property")]
    [TestCase("const ret = Object.freeze(arg0); return ret;", "object_freeze")]
    [TestCase("const ret = Object.keys(getObject(arg0)); return addHeapObject(ret);", "object_keys")]
    [TestCase("const ret = Object.values(getObject(arg0)); return addHeapObject(ret);", "object_values")]
    [TestCase("const ret = Object.getOwnPropertySymbols(getObject(arg0)); return addHeapObject(ret);", "own_property_symbols")]
    [TestCase("const ret = Reflect.ownKeys(getObject(arg0)); return addHeapObject(ret);", "reflect_own_keys")]
    [TestCase("const ret = Reflect.deleteProperty(getObject(arg0), getObject(arg1)); return ret;", "reflect_delete_property")]
    [TestCase("const ret = Symbol.for(getStringFromWasm0(arg0, arg1)); return addHeapObject(ret);", "symbol_for")]
    [TestCase("const ret = getObject(arg0).concat(getObject(arg1)); return addHeapObject(ret);", "array_concat")]
    [TestCase("const ret = getObject(arg0).slice(arg1 >>> 0, arg2 >>> 0); return addHeapObject(ret);", "array_slice")]
    [TestCase("const ret = getObject(arg0).unshift(getObject(arg1)); return ret;", "array_unshift")]
    [TestCase("const ret = getObject(arg0).entries(); return addHeapObject(ret);", "entries_iterator")]
    [TestCase("const ret = new Date(getObject(arg0)); return addHeapObject(ret);", "date_new_from")]
    [TestCase("const ret = new RangeError(getStringFromWasm0(arg0, arg1)); return addHeapObject(ret);", "range_error_new")]
    [TestCase("const ret = +getObject(arg0); return ret;", "as_number")]
    [TestCase("console.log(getObject(arg0), getObject(arg1));", "console:log:v0,v1")]
    [TestCase("console.warn(getStringFromWasm0(arg0, arg1));", "console:warn:s0.1")]
    [TestCase("let deferred0_0; let deferred0_1; try { deferred0_0 = arg0; deferred0_1 = arg1; console.log(getStringFromWasm0(arg0, arg1), getStringFromWasm0(arg2, arg3), getStringFromWasm0(arg4, arg5), getStringFromWasm0(arg6, arg7)); } finally { wasm.__wbindgen_free(deferred0_0, deferred0_1, 1); }", "deferred:0.1|console:log:s0.1,s2.3,s4.5,s6.7")]
    [TestCase("let deferred0_0; let deferred0_1; try { deferred0_0 = arg0; deferred0_1 = arg1; console.log(getStringFromWasm0(arg0, arg1)); } finally { wasm.__wbindgen_free(deferred0_0, deferred0_1, 1); }", "deferred:0.1|console_log")]
    [TestCase("performance.mark(getStringFromWasm0(arg0, arg1));", "performance_mark")]
    [TestCase("let deferred0_0; let deferred0_1; let deferred1_0; let deferred1_1; try { deferred0_0 = arg0; deferred0_1 = arg1; deferred1_0 = arg2; deferred1_1 = arg3; performance.measure(getStringFromWasm0(arg0, arg1), getStringFromWasm0(arg2, arg3)); } finally { wasm.__wbindgen_free(deferred0_0, deferred0_1, 1); wasm.__wbindgen_free(deferred1_0, deferred1_1, 1); }", "deferred:0.1,2.3|performance_measure")]
    [TestCase("let deferred0_0; let deferred0_1; try { deferred0_0 = arg0; deferred0_1 = arg1; stateX(getStringFromWasm0(arg0, arg1)); } finally { wasm.__wbindgen_free(deferred0_0, deferred0_1, 1); }", "unknown")]
    [TestCase("const ret = getObject(arg0).call(getObject(arg1), getObject(arg2)).x; return addHeapObject(ret);", "unknown")]
    // wasm-xlsxwriter 0.13.1: a Vec<ChartPoint> argument's elements taken back from their JavaScript values.
    [TestCase("const ret = ChartPoint.__unwrap(getObject(arg0)); return ret;", "unwrap:ChartPoint")]
    [TestCase("const ret = TableColumn.__unwrap(arg0); return ret;", "unwrap:TableColumn")]
    [TestCase("const ret = self.window; return addHeapObject(ret);", "unknown")]
    [TestCase("const ret = getObject(arg0)[arg1 >>> 0]; getObject(arg0).length = 0; return addHeapObject(ret);", "unknown")]
    public void Object_walk_bodies_are_classified_by_structure(string body, string operation)
    {
        string glue = "module.exports.__wbg_probe_0123 = function(arg0, arg1, arg2) {\n" + body + "\n};\n";
        Assert.That(GlueReader.Read("probe.js", glue).Imports.AsSpan().ToArray().Single().Operation, Is.EqualTo(operation));
    }
}
