using System.IO;
using System.Linq;
using Bindgen.Generator.Abi.WasmBindgen;
using Bindgen.TestSupport;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// A package's own JavaScript (wasm-bindgen snippets): the glue's imports that call it are classified as snippet calls
/// (how each argument and the result cross), and the binding nests an interface per snippet module, named from the
/// crate and with the snippet file's parameter names when the file is an AdditionalFiles item, that compiles.
/// </summary>
public sealed class WasmBindgenSnippetTests
{
    private const string Glue = """
        const { greet, mark } = require(String.raw`./snippets/demo-crate-0123456789abcdef/inline0.js`);
        let wasm;
        const heap = new Array(128).fill(undefined);
        heap.push(undefined, null, true, false);
        module.exports.run = function(x) {
            const ret = wasm.run(x);
            return ret >>> 0;
        };
        module.exports.__wbg_greet_0123 = function(arg0, arg1, arg2, arg3, arg4) {
            const ret = greet(getStringFromWasm0(arg0, arg1), arg2 >>> 0, takeObject(arg3), arg4 !== 0);
            return addHeapObject(ret);
        };
        module.exports.__wbg_mark_4567 = function() { return handleError(function (arg0, arg1, arg2) {
            mark(getObject(arg0), getArrayU8FromWasm0(arg1, arg2));
        }, arguments) };
        module.exports.__wbindgen_object_drop_ref = function(arg0) {
            takeObject(arg0);
        };
        """;

    private const string Snippet = """
        export function greet(name, times, options, loud) { return name.repeat(times); }
        export function mark(object, bytes) { object.bytes = bytes; }
        """;

    [Test]
    public void Imports_that_call_a_snippet_are_classified_by_how_each_argument_crosses()
    {
        GlueModel glue = GlueReader.Read("demo.js", Glue);
        Assert.That(glue.Imports.AsSpan().ToArray().Select(i => i.Operation), Is.EquivalentTo(new[]
        {
            "snippet:greet:sutb:h:demo-crate-0123456789abcdef/inline0.js",
            "snippet:mark:oy:v:demo-crate-0123456789abcdef/inline0.js",
            "object_drop_ref",
        }));
    }

    [TestCase("import { stateCid as sc } from './snippets/loro-wasm-974365e04a0511fb/inline0.js';", "const ret = sc(arg0, arg1, arg2); return ret;", "snippet:stateCid:aaa:r:loro-wasm-974365e04a0511fb/inline0.js")]
    [TestCase("import { f } from './snippets/x-0123456789abcdef/js/lib.js';", "f();", "snippet:f::v:x-0123456789abcdef/js/lib.js")]
    [TestCase("function inlined(a) { return a; }", "const ret = inlined(getObject(arg0)); return addHeapObject(ret);", "snippet:inlined:o:h:probe.js")]
    [TestCase("function getObject(i) { return heap[i]; }", "const ret = getObject(arg0).x; return addHeapObject(ret);", "unknown")]
    [TestCase("import { f } from './snippets/x-0123456789abcdef/js/lib.js';", "const ret = f(arg1); return addHeapObject(ret);", "unknown")]
    [TestCase("import { f } from './snippets/x-0123456789abcdef/js/lib.js';", "const ret = f(arg0).x; return addHeapObject(ret);", "unknown")]
    [TestCase("import { f } from './snippets/x-0123456789abcdef/js/lib.js';", "const ret = g(arg0); return addHeapObject(ret);", "unknown")]
    public void Snippet_imports_are_read_from_both_module_forms_and_bundles_and_other_shapes_stay_unknown(string import, string body, string operation)
    {
        string glue = import + "\nexport function __wbg_probe_0123(arg0, arg1, arg2) {\n" + body + "\n}\n";
        Assert.That(GlueReader.Read("probe.js", glue).Imports.AsSpan().ToArray().Single().Operation, Is.EqualTo(operation));
    }

    [Test]
    public void Every_import_of_loros_glue_that_calls_its_javascript_is_a_snippet_call()
    {
        string file = RepositoryPaths.Combine("tests", "Bindgen.WasmBindgen.Tests", "npm", "node_modules", "loro-crdt", "nodejs", "loro_wasm.js");
        Assume.That(File.Exists(file), "npm ci has not run: " + file);
        GlueModel glue = GlueReader.Read("loro_wasm.js", File.ReadAllText(file));
        string[] snippets = glue.Imports.AsSpan().ToArray().Select(i => i.Operation).Where(o => o.StartsWith("snippet:", System.StringComparison.Ordinal))
            .Select(o => o.Substring(0, o.LastIndexOf(':'))).OrderBy(o => o, System.StringComparer.Ordinal).ToArray();
        Assert.That(snippets, Is.EqualTo(new[]
        {
            "snippet:stateBinary:y:h", "snippet:stateCid:oaa:h", "snippet:stateContainer:aot:h", "snippet:stateIndex:ouo:v",
            "snippet:stateOptions:tb:h", "snippet:stateRootCid:sa:h", "snippet:stateSet:ooo:v", "snippet:stateSlice:tuu:h", "snippet:stateValue:t:h",
        }));
    }

    [Test]
    public void The_binding_nests_an_interface_per_snippet_module_with_the_snippet_files_names()
    {
        GenerationResult result = GeneratorHarness.Run(
            new[] { new InMemoryAdditionalText("/pkg/demo.js", Glue), new InMemoryAdditionalText("/pkg/snippets/demo-crate-0123456789abcdef/inline0.js", Snippet) },
            "using Bindgen;\n[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = \"demo.js\")] public interface IDemo { uint Run(int x); }");
        string source = result.Sources.Single().SourceText.ToString();
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        Assert.That(source, Does.Contain("public interface IDemoCrateSnippets"));
        Assert.That(source, Does.Contain("object? Greet(string name, double times, object? options, bool loud);"));
        Assert.That(source, Does.Contain("void Mark(object? @object, global::Bindgen.WasmBindgen.JsUint8Array bytes);"));
        Assert.That(source, Does.Contain("public static Demo Instantiate(global::Wasmtime.Engine engine, global::Wasmtime.Store store, global::Wasmtime.Module module, IDemoCrateSnippets? demoCrateSnippets,"));
    }

    [Test]
    public void BG0037_names_an_import_that_calls_a_snippet_in_a_form_the_interface_cannot_describe()
    {
        string glue = Glue + """
            module.exports.__wbg_label_89ab = function(arg0, arg1) {
                let deferred0_0;
                let deferred0_1;
                try {
                    deferred0_0 = arg0;
                    deferred0_1 = arg1;
                    greet(getStringFromWasm0(arg0, arg1));
                } finally {
                    wasm.__wbindgen_free(deferred0_0, deferred0_1, 1);
                }
            };
            """;
        GenerationResult result = GeneratorHarness.Run(
            new[] { new InMemoryAdditionalText("/pkg/demo.js", glue) },
            "using Bindgen;\n[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = \"demo.js\")] public interface IDemo { uint Run(int x); }");
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        Assert.That(result.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "BG0037" }));
        Assert.That(result.Diagnostics.Single().GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            Does.Contain("'__wbg_label_89ab', which calls greet of the package's own JavaScript (demo-crate-0123456789abcdef/inline0.js)"));
    }

    [Test]
    public void Without_the_snippet_file_the_parameters_are_numbered()
    {
        GenerationResult result = GeneratorHarness.Run(
            new[] { new InMemoryAdditionalText("/pkg/demo.js", Glue) },
            "using Bindgen;\n[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = \"demo.js\")] public interface IDemo { uint Run(int x); }");
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        Assert.That(result.Sources.Single().SourceText.ToString(), Does.Contain("object? Greet(string arg0, double arg1, object? arg2, bool arg3);"));
    }
}
