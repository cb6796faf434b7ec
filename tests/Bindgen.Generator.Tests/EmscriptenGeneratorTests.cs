using System.Linq;
using Bindgen.TestSupport;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// C libraries as emscripten ships them: a memory the module imports satisfies BG0016, the emscripten imports the
/// runtime provides are not listed by BG0019, and with Glue the minified names are read from emscripten's JavaScript.
/// </summary>
public sealed class EmscriptenGeneratorTests
{
    /// <summary>A module importing its memory and emscripten's imports, exporting malloc and free (as sqlite-wasm does).</summary>
    private const string ImportedMemory = """
        bindgen-module-description	1
        file	lib.wasm
        import	function	env	emscripten_resize_heap	(i32) -> i32
        import	function	wasi_snapshot_preview1	fd_write	(i32, i32, i32, i32) -> i32
        import	function	env	__syscall_openat	(i32, i32, i32, i32) -> i32
        import	function	env	my_callback	(i32) -> i32
        import	memory	env	memory	128 32768
        export	function	malloc	(i32) -> i32
        export	function	free	(i32) -> ()
        export	function	lib_length	(i32) -> i32
        """;

    /// <summary>A minified module (as zstd-wasm's): every name one letter, the glue knows which is which.</summary>
    private const string Minified = """
        bindgen-module-description	1
        file	zstd.wasm
        import	function	a	a	(i32) -> ()
        import	function	a	b	(i32, f64) -> i32
        import	function	a	c	(i32) -> i32
        export	memory	d	256 32768
        export	function	e	() -> ()
        export	function	f	(i32) -> i32
        export	function	g	(i32, i32, i32, i32) -> i32
        export	function	h	(i32) -> i32
        export	function	i	(i32) -> ()
        memory	256 32768
        """;

    /// <summary>The parts of emscripten's glue (emscripten 3.1) that name the exports and imports.</summary>
    private const string Glue = """
        function getWasmImports() { return { a: wasmImports }; }
        function receiveInstance(instance) {
            wasmExports = instance.exports;
            wasmMemory = wasmExports['d'];
            addOnInit(wasmExports['e']);
        }
        var _proc_exit = (code) => { throw code; };
        var wasmImports = {
            /** @export */
            a: _proc_exit,
            b: __setitimer_js,
            c: _emscripten_resize_heap,
        };
        var ___wasm_call_ctors = () => (___wasm_call_ctors = wasmExports['e'])();
        var _ZSTD_isError = (Module['_ZSTD_isError'] = (a0) => (_ZSTD_isError = Module['_ZSTD_isError'] = wasmExports['f'])(a0));
        var _ZSTD_decompress = Module["_ZSTD_decompress"] = (a0, a1, a2, a3) => (_ZSTD_decompress = Module["_ZSTD_decompress"] = wasmExports["g"])(a0, a1, a2, a3);
        var _malloc = (Module['_malloc'] = (a0) => (_malloc = Module['_malloc'] = wasmExports['h'])(a0));
        var _free = (Module['_free'] = (a0) => (_free = Module['_free'] = wasmExports['i'])(a0));
        """;

    [Test]
    public void An_imported_memory_is_the_memory_the_C_convention_needs()
    {
        GenerationResult result = GeneratorHarness.Run([new InMemoryAdditionalText("/obj/bindgen/lib.wasm.bindgen", ImportedMemory)], """
            using Bindgen;
            [WasmModule(File = "lib.wasm")]
            public interface ILib { [WasmExport("lib_length")] int Length([CString] string text); }
            """);

        Assert.That(result.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info), Is.Empty, string.Join("\n", result.Diagnostics));
        Assert.That(result.CompileProblems, Is.Empty);
        Diagnostic imports = result.Diagnostics.Single(d => d.Id == "BG0019");
        Assert.That(imports.GetMessage(), Does.Contain("env.my_callback (function)").And.Contain("throws UnresolvedImportException"));
        Assert.That(imports.GetMessage(), Does.Not.Contain("memory").And.Not.Contain("fd_write").And.Not.Contain("resize_heap").And.Not.Contain("openat"),
            "the runtime creates the memory and provides emscripten's imports");
    }

    [Test]
    public void With_the_glue_the_C_names_bind_the_minified_exports_and_imports()
    {
        GenerationResult result = GeneratorHarness.Run(
            [new InMemoryAdditionalText("/obj/bindgen/zstd.wasm.bindgen", Minified), new InMemoryAdditionalText("/pkg/zstd.js", Glue)],
            """
            using System;
            using Bindgen;
            [WasmModule(File = "zstd.wasm", Glue = "zstd.js")]
            public interface IZstd
            {
                [WasmExport("ZSTD_isError")] uint IsError(uint code);
                [WasmExport("ZSTD_decompress")] uint Decompress(Span<byte> destination, ReadOnlySpan<byte> source);
            }
            """);

        Assert.That(result.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info), Is.Empty, string.Join("\n", result.Diagnostics));
        Assert.That(result.CompileProblems, Is.Empty);
        string text = result.Sources.Single().SourceText.ToString();
        Assert.That(text, Does.Contain("__exports.CallFunc<int, int>(\"f\", \"(i32) -> i32\", \"IsError\")"));
        Assert.That(text, Does.Contain("new global::Bindgen.CConvention(Memory: \"d\", Malloc: \"h\", Free: \"i\")"));
        Assert.That(text, Does.Contain("__exports.Complete(\"e\");"), "the constructors run once per instance");
        Assert.That(text, Does.Contain("\"a\", \"c\", \"emscripten_resize_heap\",").And.Contain("WasmInstances.Instantiate(store, module, Binding, EmscriptenImportNames)"));
        Diagnostic imports = result.Diagnostics.Single(d => d.Id == "BG0019");
        Assert.That(imports.GetMessage(), Does.Contain("a.b (_setitimer_js) (function)"));
        Assert.That(imports.GetMessage(), Does.Not.Contain("a.a").And.Not.Contain("a.c"), "proc_exit and emscripten_resize_heap are the runtime's");
    }

    [Test]
    public void A_C_name_the_glue_does_not_know_is_reported_as_a_missing_export()
    {
        GenerationResult result = GeneratorHarness.Run(
            [new InMemoryAdditionalText("/obj/bindgen/zstd.wasm.bindgen", Minified), new InMemoryAdditionalText("/pkg/zstd.js", Glue)],
            """
            using Bindgen;
            [WasmModule(File = "zstd.wasm", Glue = "zstd.js")]
            public interface IZstd { [WasmExport("ZSTD_compressBound")] uint CompressBound(uint size); }
            """);

        Assert.That(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id), Is.EqualTo(new[] { "BG0014" }));
        Assert.That(result.CompileProblems, Is.Empty, "the class is still generated");
    }

    [Test]
    public void A_glue_missing_from_the_additional_files_is_BG0021_at_the_Glue_argument()
    {
        GenerationResult result = GeneratorHarness.Run([new InMemoryAdditionalText("/obj/bindgen/zstd.wasm.bindgen", Minified)], """
            using Bindgen;
            [WasmModule(File = "zstd.wasm", Glue = "zstd.js")]
            public interface IZstd { [WasmExport("ZSTD_isError")] uint IsError(uint code); }
            """);

        Diagnostic d = result.Diagnostics.Single(x => x.Id == "BG0021");
        Assert.That(d.GetMessage(), Does.Contain("'IZstd'").And.Contain("'zstd.js'"));
        Assert.That(GeneratorHarness.LastSource!.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length), Is.EqualTo("Glue = \"zstd.js\""));
    }

    [Test]
    public void BG0015_for_a_const_char_result_declared_as_string_suggests_CString()
    {
        GenerationResult result = GeneratorHarness.Run([new InMemoryAdditionalText("/obj/bindgen/lib.wasm.bindgen", ImportedMemory)], """
            using Bindgen;
            [WasmModule(File = "lib.wasm")]
            public interface ILib { [WasmExport("lib_length")] string Describe(int code); }
            """);

        Diagnostic d = result.Diagnostics.Single(x => x.Id == "BG0015");
        Assert.That(d.GetMessage(), Does.Contain("[return: CString] string"));
    }

    [Test]
    public void Methods_named_like_object_members_compile()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            [WasmModule]
            public interface IStatements
            {
                int Finalize(int statement);
                [WasmExport("finalize_all")] void Finalize();
                int GetType(int statement);
                string ToString(int value);
                [WasmExport("describe")] string ToString();
                bool Equals(int a, int b);
                int GetHashCode();
                [WasmExport("hash")] int GetHashCode(int value);
                int MemberwiseClone(int value);
            }
            """);

        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        // The one warning is the declaration's own (CS0465 on an interface method named Finalize), not the generated code's.
        Assert.That(result.CompileProblems.Where(d => d.Severity == DiagnosticSeverity.Error || d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true), Is.Empty,
            string.Join("\n", result.CompileProblems));
        Assert.That(result.Sources.Single().SourceText.ToString(), Does.Contain("int global::IStatements.Finalize(int statement)"), "implemented explicitly");
    }

    [Test]
    public void Multi_value_results_lower_to_several_wasm_results_for_exports_and_imports()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            public enum Sign { Negative = -1, Zero, Positive }
            [WasmModule]
            public interface IMath { (int Quotient, long Remainder) DivMod(long a, long b); (Sign, double, bool) Classify(double x); }
            [WasmImports("env")]
            public interface IHostMath { (int, long) Split(long value); }
            """);

        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        Assert.That(result.CompileProblems, Is.Empty, string.Join("\n", result.CompileProblems));
        string all = string.Join("\n", result.Sources.Select(s => s.SourceText.ToString()));
        Assert.That(all, Does.Contain("\"(i64, i64) -> (i32, i64)\"").And.Contain("\"(f64) -> (i32, f64, i32)\""));
    }
}
