using System.Linq;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// The generator reading wasm-bindgen glue: diagnostics at exact locations, and code that compiles. The glue here
/// is written in wasm-bindgen's shape for the test (the real packages run in Bindgen.WasmBindgen.Tests).
/// </summary>
public sealed class WasmBindgenGeneratorTests
{
    private const string Glue = """
        let imports = {};
        imports['__wbindgen_placeholder__'] = module.exports;
        let wasm;
        const heap = new Array(128).fill(undefined);
        heap.push(undefined, null, true, false);
        /**
        * @param {string} input
        * @returns {string}
        */
        module.exports.shout = function(input) {
            let deferred2_0;
            let deferred2_1;
            try {
                const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
                const ptr0 = passStringToWasm0(input, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                const len0 = WASM_VECTOR_LEN;
                wasm.shout(retptr, ptr0, len0);
                var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
                var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
                var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
                var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
                var ptr2 = r0;
                var len2 = r1;
                if (r3) {
                    ptr2 = 0; len2 = 0;
                    throw takeObject(r2);
                }
                deferred2_0 = ptr2;
                deferred2_1 = len2;
                return getStringFromWasm0(ptr2, len2);
            } finally {
                wasm.__wbindgen_add_to_stack_pointer(16);
                wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
            }
        };
        /**
        * @param {Uint8Array} data
        * @param {number} seed
        * @returns {number}
        */
        module.exports.checksum_bytes = function(data, seed) {
            const ptr0 = passArray8ToWasm0(data, wasm.__wbindgen_malloc);
            const len0 = WASM_VECTOR_LEN;
            const ret = wasm.checksum_bytes(ptr0, len0, seed);
            return ret >>> 0;
        };
        module.exports.take_object = function(value) {
            const ret = wasm.take_object(addHeapObject(value));
            return ret !== 0;
        };
        module.exports.use_counter = function(counter) {
            _assertClass(counter, Counter);
            var ptr0 = counter.__destroy_into_raw();
            const ret = wasm.use_counter(ptr0);
            return ret;
        };
        const CounterFinalization = (typeof FinalizationRegistry === 'undefined')
            ? { register: () => {}, unregister: () => {} }
            : new FinalizationRegistry(ptr => wasm.__wbg_counter_free(ptr >>> 0, 1));
        class Counter {
            static __wrap(ptr) {
                ptr = ptr >>> 0;
                const obj = Object.create(Counter.prototype);
                obj.__wbg_ptr = ptr;
                CounterFinalization.register(obj, obj.__wbg_ptr, obj);
                return obj;
            }
            __destroy_into_raw() {
                const ptr = this.__wbg_ptr;
                this.__wbg_ptr = 0;
                CounterFinalization.unregister(this);
                return ptr;
            }
            free() {
                const ptr = this.__destroy_into_raw();
                wasm.__wbg_counter_free(ptr, 0);
            }
            constructor(start) {
                const ret = wasm.counter_new(start);
                this.__wbg_ptr = ret >>> 0;
                CounterFinalization.register(this, this.__wbg_ptr, this);
                return this;
            }
            static zero() {
                const ret = wasm.counter_zero();
                return Counter.__wrap(ret);
            }
            get value() {
                const ret = wasm.__wbg_get_counter_value(this.__wbg_ptr);
                return ret >>> 0;
            }
            set value(arg0) {
                wasm.__wbg_set_counter_value(this.__wbg_ptr, arg0);
            }
            describe(label) {
                let deferred2_0;
                let deferred2_1;
                try {
                    const ptr0 = passStringToWasm0(label, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                    const len0 = WASM_VECTOR_LEN;
                    const ret = wasm.counter_describe(this.__wbg_ptr, ptr0, len0);
                    deferred2_0 = ret[0];
                    deferred2_1 = ret[1];
                    return getStringFromWasm0(ret[0], ret[1]);
                } finally {
                    wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
                }
            }
            add(other) {
                _assertClass(other, Counter);
                wasm.counter_add(this.__wbg_ptr, other.__wbg_ptr);
            }
        }
        module.exports.Counter = Counter;
        module.exports.__wbindgen_error_new = function(arg0, arg1) {
            const ret = new Error(getStringFromWasm0(arg0, arg1));
            return addHeapObject(ret);
        };
        module.exports.__wbg_now_0123456789abcdef = function() {
            const ret = performance.now();
            return ret;
        };
        """;

    private static GenerationResult Run(string declaration) =>
        GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/pkg/demo.js", Glue) }, "using System; using Bindgen;\n" + declaration);

    [Test]
    public void A_binding_that_matches_the_glue_compiles_with_the_glues_names_and_signatures()
    {
        GenerationResult result = Run("""
            [WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "demo.js")]
            public interface IDemo { string Shout(string input); uint ChecksumBytes(ReadOnlySpan<byte> data, int seed); }
            """);
        string source = result.Sources.Single().SourceText.ToString();
        Assert.That(source, Does.Contain("__exports.Action<int, int, int>(\"shout\", \"(i32, i32, i32) -> ()\")"));
        Assert.That(source, Does.Contain("__exports.Func<int, int, int, int>(\"checksum_bytes\", \"(i32, i32, i32) -> i32\")"));
        Assert.That(source, Does.Contain("heapSize: 128"));
        Assert.That(source, Does.Contain("new(\"\", \"__wbindgen_error_new\", \"error_new\")"));
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        Assert.That(result.Diagnostics.Select(d => d.Id), Is.EquivalentTo(new[] { "BG0022" }), "only the unknown import");
    }

    [Test]
    public void Parameters_named_like_generated_locals_and_fields_compile()
    {
        // 'e' was the catch variable; '_guest' and '_export_Shout' are the binding's fields; '__op' lengthens the local prefix.
        GenerationResult result = Run("""
            [WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "demo.js")]
            public interface IDemo { string Shout(string e); uint ChecksumBytes(ReadOnlySpan<byte> _guest, int _export_Shout); bool TakeObject(object __op); }
            """);
        Assert.That(result.Diagnostics.Select(d => d.Id), Is.EquivalentTo(new[] { "BG0022" }), "only the unknown import");
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
    }

    [Test]
    public void BG0022_names_an_import_whose_body_is_not_recognized()
    {
        GenerationResult result = Run("""[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "demo.js")] public interface IDemo { string Shout(string input); }""");
        Diagnostic d = result.Diagnostics.Single(x => x.Id == "BG0022");
        Assert.That(d.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(d.GetMessage(), Does.Contain("'__wbg_now_0123456789abcdef'"));
        Assert.That(GeneratorHarness.LastSource!.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length), Is.EqualTo("Glue = \"demo.js\""));
    }

    [TestCase("""[WasmModule(Abi = WasmAbi.WasmBindgen)] public interface IDemo { void F(); }""", "set Glue")]
    [TestCase("""[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "other.js")] public interface IDemo { void F(); }""", "no AdditionalFiles item is named 'other.js'")]
    public void BG0021_reports_a_missing_glue(string declaration, string message)
    {
        GenerationResult result = Run(declaration);
        Diagnostic d = result.Diagnostics.Single(x => x.Id == "BG0021");
        Assert.That(d.GetMessage(), Does.Contain(message));
        Assert.That(result.Sources, Is.Empty);
    }

    [Test]
    public void BG0023_reports_a_function_the_glue_lacks_at_the_method_with_a_suggestion()
    {
        GenerationResult result = Run("""[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "demo.js")] public interface IDemo { string Shoutt(string input); }""");
        Diagnostic d = result.Diagnostics.Single(x => x.Id == "BG0023");
        Assert.That(d.GetMessage(), Does.Contain("'shoutt'").And.Contain("did you mean 'shout'"));
        Assert.That(GeneratorHarness.LastSource!.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length), Is.EqualTo("Shoutt"));
    }

    [TestCase("int Shout(string input);", "it returns int, and the glue's result is a string")]
    [TestCase("string Shout(byte[] input);", "parameter 1 is declared byte[], and the glue lowers 'input' as a string")]
    [TestCase("uint ChecksumBytes(byte[] data);", "it omits parameter 'seed', which is not optional")]
    [TestCase("bool TakeObject(int[] value);", "parameter 1 is declared int[], and the glue lowers 'value' as a JavaScript value")]
    [TestCase("int UseCounter(int counter);", "parameter 1 is declared int, and the glue takes 'counter' as an instance of class 'Counter' (declare the nested interface ICounter)")]
    [TestCase("[WasmExport(\"Counter.zero\")] int Zero();", "it returns int, and the glue's result is a new instance of class 'Counter' (declare the nested interface ICounter)")]
    public void BG0024_reports_a_declaration_the_glue_disagrees_with(string member, string message)
    {
        GenerationResult result = Run($$"""[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "demo.js")] public interface IDemo { {{member}} }""");
        Diagnostic d = result.Diagnostics.Single(x => x.Id == "BG0024");
        Assert.That(d.GetMessage(), Does.Contain(message));
    }

    private const string CounterDeclaration = """
        [WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "demo.js")]
        public interface IDemo
        {
            [WasmExport("Counter.constructor")] ICounter NewCounter(int start);
            [WasmExport("Counter.zero")] ICounter Zero();
            int UseCounter(ICounter counter);
            public interface ICounter : IDisposable { uint Value { get; set; } string Describe(string label); void Add(ICounter other); }
        }
        """;

    [Test]
    public void A_class_binds_as_a_nested_interface_with_its_constructor_statics_properties_and_methods()
    {
        GenerationResult result = Run(CounterDeclaration);
        Assert.That(result.Diagnostics.Select(d => d.Id), Is.EquivalentTo(new[] { "BG0022" }), "only the unknown import");
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        string source = result.Sources.Single().SourceText.ToString();
        Assert.That(source, Does.Contain("public sealed class Counter : global::IDemo.ICounter"));
        Assert.That(source, Does.Contain("_free_Counter = __exports.Action<int, int>(\"__wbg_counter_free\", \"(i32, i32) -> ()\");"));
        Assert.That(source, Does.Contain("(\"__wbg_get_counter_value\", \"(i32) -> i32\")"));
        Assert.That(source, Does.Contain("(\"counter_describe\", \"(i32, i32, i32) -> (i32, i32)\")"));
        Assert.That(source, Does.Contain("Counter.Of(counter, this, __op, \"counter\").Move(__op)"), "use_counter takes the instance");
        Assert.That(source, Does.Contain("Counter.Of(other, this._binding, __op, \"other\").Pointer(__op)"), "add lends it");
    }

    [TestCase("public interface ICountr : IDisposable { }", "BG0023", "ICountr", "'class Countr', which 'demo.js' does not export; did you mean 'ICounter'?")]
    [TestCase("public interface ICounter : IDisposable { [WasmExport(\"nope\")] void Nope(); }", "BG0023", "\"nope\"", "'Counter.nope'")]
    [TestCase("public interface ICounter : IDisposable { int Describe(string label); }", "BG0024", "Describe", "it returns int, and the glue's result is a string")]
    [TestCase("public interface ICounter { }", "BG0007", "ICounter", "must derive IDisposable")]
    public void Class_declarations_the_glue_disagrees_with_are_reported_at_the_declaration(string nested, string id, string at, string message)
    {
        GenerationResult result = Run($$"""[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "demo.js")] public interface IDemo { {{nested}} }""");
        Diagnostic d = result.Diagnostics.Single(x => x.Id == id);
        Assert.That(d.GetMessage(), Does.Contain(message));
        Assert.That(GeneratorHarness.LastSource!.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length), Is.EqualTo(at));
        Assert.That(result.Sources, Is.Empty, "nothing is generated for a binding whose class does not bind");
    }

    // Import bodies as the glue of several wasm-bindgen versions writes them (heap and externref forms).
    [TestCase("const ret = new Error(getStringFromWasm0(arg0, arg1)); return addHeapObject(ret);", "error_new")]
    [TestCase("const ret = Error(getStringFromWasm0(arg0, arg1)); return ret;", "error_new")]
    [TestCase("throw new Error(getStringFromWasm0(arg0, arg1));", "throw")]
    [TestCase("throw takeObject(arg0);", "rethrow")]
    [TestCase("takeObject(arg0);", "object_drop_ref")]
    [TestCase("const ret = getStringFromWasm0(arg0, arg1); return ret;", "string_new")]
    [TestCase("// Cast intrinsic for `U64 -> Externref`.\n const ret = BigInt.asUintN(64, arg0); return addHeapObject(ret);", "bigint_from_u64")]
    [TestCase("const ret = debugString(getObject(arg1)); const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc); const len1 = WASM_VECTOR_LEN; getDataViewMemory0().setInt32(arg0 + 4 * 1, len1, true); getDataViewMemory0().setInt32(arg0 + 4 * 0, ptr1, true);", "debug_string")]
    [TestCase("const ret = getObject(arg1).stack; const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_export_0, wasm.__wbindgen_export_1); const len1 = WASM_VECTOR_LEN; getInt32Memory0()[arg0 / 4 + 1] = len1; getInt32Memory0()[arg0 / 4 + 0] = ptr1;", "error_stack")]
    [TestCase("const v = getObject(arg0); const ret = typeof(v) === 'boolean' ? (v ? 1 : 0) : 2; return ret;", "boolean_get_2")]
    [TestCase("const ret = getObject(arg0).length; return ret;", "length")]
    [TestCase("Uint8Array.prototype.set.call(getArrayU8FromWasm0(arg0, arg1), getObject(arg2));", "prototypesetcall")]
    [TestCase("const ret = new Uint8Array(getObject(arg0), arg1 >>> 0, arg2 >>> 0); return addHeapObject(ret);", "uint8array_view")]
    [TestCase("const ret = getObject(arg0).message; return addHeapObject(ret);", "error_message")]
    [TestCase("console.log(getStringFromWasm0(arg0, arg1));", "console_log")]
    [TestCase("const table = wasm.__wbindgen_export_2; const offset = table.grow(4); table.set(0, undefined); table.set(offset + 0, undefined); table.set(offset + 1, null); table.set(offset + 2, true); table.set(offset + 3, false); ;", "init_externref_table")]
    [TestCase("const table = wasm.__wbindgen_externrefs; const offset = table.grow(4); table.set(0, undefined); table.set(offset + 0, undefined); table.set(offset + 1, null); table.set(offset + 2, true); table.set(offset + 3, false)", "init_externref_table")]
    [TestCase("if (wasm == null) throw new Error(\"tiktoken: WASM binary has not been propery initialized.\"); const obj = getObject(arg1); const ret = typeof(obj) === 'string' ? obj : undefined; var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_export_1, wasm.__wbindgen_export_2); var len1 = WASM_VECTOR_LEN; getDataViewMemory0().setInt32(arg0 + 4 * 1, len1, true); getDataViewMemory0().setInt32(arg0 + 4 * 0, ptr1, true);", "string_get")]
    [TestCase("const ret = JSON.stringify(getObject(arg0)); return addHeapObject(ret);", "json_stringify")]
    [TestCase("const ret = performance.now(); return ret;", "unknown")]
    [TestCase("const ret = Date.now(); return ret;", "date_now")]
    [TestCase("const ret = getObject(arg0).length; getObject(arg0).x = 1; return ret;", "unknown")]
    public void Import_bodies_are_classified_as_a_whole(string body, string operation)
    {
        string glue = "module.exports.__wbg_probe_0123 = function(arg0, arg1, arg2) {\n" + body.Replace("\\n", "\n") + "\n};\n";
        Abi.WasmBindgen.GlueModel model = Abi.WasmBindgen.GlueReader.Read("probe.js", glue);
        Assert.That(model.Imports.AsSpan().ToArray().Single().Operation, Is.EqualTo(operation));
    }

    [Test]
    public void A_handleError_wrapper_is_read_through_and_remembered()
    {
        const string Glue = "export function __wbg_set_01() { return handleError(function (arg0, arg1, arg2) {\n getObject(arg0).set(getObject(arg1), arg2 >>> 0);\n}, arguments) };\n";
        Abi.WasmBindgen.GlueImport import = Abi.WasmBindgen.GlueReader.Read("probe.js", Glue).Imports.AsSpan().ToArray().Single();
        Assert.That((import.Operation, import.CatchesErrors), Is.EqualTo(("uint8array_set", true)));
    }

    [Test]
    public void A_class_toJSON_that_calls_the_module_is_an_export_and_an_inspectable_one_is_not()
    {
        const string Glue = """
            class Doc {
                free() { const ptr = this.__destroy_into_raw(); wasm.__wbg_doc_free(ptr, 0); }
                toJSON() { const ret = wasm.doc_toJSON(this.__wbg_ptr); return takeObject(ret); }
                toString() { return JSON.stringify(this); }
            }
            module.exports.Doc = Doc;
            """;
        string[] exports = Abi.WasmBindgen.GlueReader.Read("doc.js", Glue).Exports.AsSpan().ToArray().Select(e => e.JsName).ToArray();
        Assert.That(exports, Is.EquivalentTo(new[] { "Doc.toJSON" }));
    }

    [TestCase("")]
    [TestCase("module.exports.f = function(a) { const ret = wasm.f(")]
    [TestCase("export function g(x) { const retptr = wasm.__wbindgen_add_to_stack_pointer(-16); wasm.g(retptr, x); var r9 = getInt32Memory0()[retptr / 4 + 9]; } }}}")]
    [TestCase("module.exports.__wbg_x = function() { return handleError(function (arg0) { throw getObject(arg0)")]
    public void Glue_that_is_truncated_or_odd_never_throws_and_binds_nothing_it_cannot_read(string glue)
    {
        GenerationResult result = GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/pkg/odd.js", glue) },
            "using Bindgen;\n[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = \"odd.js\")] public interface IOdd { void G(int x); }");
        Assert.That(result.Diagnostics.Select(d => d.Id), Has.None.EqualTo("BG0099"));
        bool refused = result.Diagnostics.Any(d => d.Id is "BG0023" or "BG0024");
        Assert.That(refused || (result.Sources.Length == 1 && result.CompileProblems.IsEmpty), Is.True,
            "either the method is refused at its declaration, or what is bound compiles: " + string.Join("\n", result.CompileProblems));
    }
}
