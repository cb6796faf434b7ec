extern alias tasks;

using System.IO;
using System.Linq;
using tasks::Bindgen.Build.Tasks;
using Bindgen.TestSupport;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// [WasmModule(File = ...)] interfaces checked against the build's description of the module (BG0013-BG0019), each
/// finding at the exact syntax it concerns. The descriptions are passed as additional files, as the build does;
/// most are written by the build task itself from the Quickstart's real guest.
/// </summary>
public sealed class ModuleCheckTests
{
    private const string DescriptionPath = "/obj/Debug/net10.0/bindgen/text_tools.wasm.bindgen";

    /// <summary>What the build task writes for examples/Quickstart/guest/text_tools.wasm.</summary>
    private static readonly string TextTools = ModuleDescription.Write(
        "text_tools.wasm", File.ReadAllBytes(RepositoryPaths.Combine("examples", "Quickstart", "guest", "text_tools.wasm")));

    [Test]
    public void A_matching_declaration_has_no_diagnostics_and_gains_the_embedded_module_factories()
    {
        GenerationResult result = Run(TextTools, """
            using System;
            using Bindgen;
            [WasmModule(File = "text_tools.wasm")]
            public interface ITextTools
            {
                int WordCount(string text);
                string Greet(string name);
                uint Checksum(ReadOnlySpan<byte> data);
            }
            """);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty);
        string text = result.Sources.Single().SourceText.ToString();
        Assert.That(text, Does.Contain("public static TextTools Instantiate(global::Wasmtime.Engine engine, global::Wasmtime.Store store, global::Bindgen.GuestMemoryOptions? options = null)"));
        Assert.That(text, Does.Contain("global::Bindgen.EmbeddedModules.Get(engine, typeof(TextTools).Assembly, \"text_tools.wasm\")"));
    }

    [Test]
    public void File_may_name_the_module_with_a_folder()
    {
        GenerationResult result = Run(TextTools, """
            using Bindgen;
            [WasmModule(File = "guest/text_tools.wasm")]
            public interface ITextTools { int WordCount(string text); string Greet(string name); }
            """);
        Assert.That(result.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "BG0018" }), "only the unbound checksum is listed");
    }

    [Test]
    public void BG0013_a_file_no_BindgenModule_provides_is_reported_at_the_File_argument()
    {
        Diagnostic d = Single(Run(TextTools, """
            using Bindgen;
            [WasmModule(File = "text_tool.wasm")]
            public interface ITextTools { int WordCount(string text); }
            """), "BG0013", "File = \"text_tool.wasm\"");
        Assert.That(d.GetMessage(), Does.Contain("<BindgenModule Include=\"path/to/text_tool.wasm\" />").And.Contain("the build describes 'text_tools.wasm'"));
    }

    [Test]
    public void BG0013_a_description_of_another_format_version_is_refused_with_the_reason()
    {
        Diagnostic d = Single(Run("bindgen-module-description\t2\nfile\ttext_tools.wasm\n", """
            using Bindgen;
            [WasmModule(File = "text_tools.wasm")]
            public interface ITextTools { int WordCount(string text); }
            """), "BG0013", "File = \"text_tools.wasm\"");
        Assert.That(d.GetMessage(), Does.Contain("format version 2").And.Contain("reads version 1"));
    }

    [Test]
    public void BG0014_a_missing_export_is_reported_at_the_method_with_the_closest_names()
    {
        Diagnostic d = Single(Run(TextTools, """
            using Bindgen;
            [WasmModule(File = "text_tools.wasm")]
            public interface ITextTools { int WordCnt(string text); }
            """), "BG0014", "WordCnt");
        Assert.That(d.GetMessage(), Is.EqualTo("Method 'WordCnt' calls export 'word_cnt', which module 'text_tools.wasm' does not export; did you mean 'word_count'?"));
    }

    [Test]
    public void BG0014_an_explicit_export_name_is_reported_at_the_attribute_argument()
    {
        Diagnostic d = Single(Run(TextTools, """
            using Bindgen;
            [WasmModule(File = "text_tools.wasm")]
            public interface ITextTools { [WasmExport("count_words")] int Count(string text); }
            """), "BG0014", "\"count_words\"");
        Assert.That(d.GetMessage(), Does.Contain("its function exports are 'checksum', 'free', 'greet', 'malloc', 'word_count'"));
    }

    [Test]
    public void BG0015_a_string_result_against_an_i32_result_shows_both_signatures_and_the_return_area()
    {
        Diagnostic d = Single(Run(TextTools, """
            using Bindgen;
            [WasmModule(File = "text_tools.wasm")]
            public interface ITextTools { string WordCount(string text); }
            """), "BG0015", "WordCount");
        Assert.That(d.GetMessage(), Does.StartWith("Method 'WordCount' calls export 'word_count' as (i32, i32, i32) -> (), but module 'text_tools.wasm' exports it as (i32, i32) -> i32."));
        Assert.That(d.GetMessage(), Does.Contain("extra last `i32` parameter").And.Contain("(the return area)"));
    }

    [Test]
    public void BG0015_an_export_that_is_not_a_function_is_a_mismatch()
    {
        Diagnostic d = Single(Run(TextTools, """
            using Bindgen;
            [WasmModule(File = "text_tools.wasm")]
            public interface ITextTools { int Memory(int pages); }
            """), "BG0015", "Memory");
        Assert.That(d.GetMessage(), Does.Contain("exports a memory of that name. Only functions can be called"));
    }

    [Test]
    public void BG0014_a_named_initializer_the_module_does_not_export_is_reported_at_the_Initialize_argument()
    {
        Diagnostic d = Single(Run(TextTools, """
            using Bindgen;
            [WasmModule(File = "text_tools.wasm", Initialize = "__wasm_call_ctors")]
            public interface ITextTools { int WordCount(string text); string Greet(string name); uint Checksum(System.ReadOnlySpan<byte> data); }
            """), "BG0014", "Initialize = \"__wasm_call_ctors\"");
        Assert.That(d.GetMessage(), Does.StartWith("The initializer (Initialize) calls export '__wasm_call_ctors', which module 'text_tools.wasm' does not export"));
    }

    [Test]
    public void BG0015_an_initializer_must_take_and_return_nothing()
    {
        Diagnostic d = Single(Run(TextTools, """
            using Bindgen;
            [WasmModule(File = "text_tools.wasm", Initialize = "malloc")]
            public interface ITextTools { int WordCount(string text); string Greet(string name); uint Checksum(System.ReadOnlySpan<byte> data); }
            """), "BG0015", "Initialize = \"malloc\"");
        Assert.That(d.GetMessage(), Does.Contain("as () -> (), but module 'text_tools.wasm' exports it as (i32) -> i32"));
    }

    [Test]
    public void BG0016_missing_allocator_exports_are_reported_at_the_interface_naming_them()
    {
        string noAllocator = string.Join("\n", TextTools.Split('\n').Where(l => !l.Contains("\tmalloc\t") && !l.StartsWith("export\tmemory", System.StringComparison.Ordinal)));
        Diagnostic d = Single(Run(noAllocator, """
            using Bindgen;
            [WasmModule(File = "text_tools.wasm")]
            public interface ITextTools { int WordCount(string text); string Greet(string name); int Add(int a, int b); }
            """), "BG0016", "ITextTools", ignore: ["BG0014"]);
        Assert.That(d.GetMessage(), Does.Contain("('WordCount', 'Greet')").And.Contain("'malloc: (i32) -> i32'"));
        Assert.That(d.GetMessage(), Does.EndWith("does not export 'memory'; does not export 'malloc'"));
    }

    [Test]
    public void BG0017_canonical_ABI_and_wasm_bindgen_exports_are_warnings_with_the_suggestion()
    {
        string description = TextTools + "export\tfunction\tcabi_realloc\t(i32, i32, i32, i32) -> i32\nexport\tfunction\t__wbindgen_malloc\t(i32, i32) -> i32\n";
        GenerationResult result = Run(description, """
            using Bindgen;
            [WasmModule(File = "text_tools.wasm")]
            public interface ITextTools { int WordCount(string text); string Greet(string name); uint Checksum(System.ReadOnlySpan<byte> data); }
            """);
        Diagnostic[] warnings = result.Diagnostics.Where(d => d.Id == "BG0017").ToArray();
        Assert.That(warnings, Has.Length.EqualTo(2), string.Join("\n", result.Diagnostics));
        Assert.That(warnings.Select(TextAt), Is.All.EqualTo("ITextTools"));
        Assert.That(warnings.Select(w => w.Severity), Is.All.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(warnings[0].GetMessage(), Does.Contain("'cabi_realloc'").And.Contain("canonical ABI").And.Contain("build the guest for the C convention"));
        Assert.That(warnings[1].GetMessage(), Does.Contain("'__wbindgen_malloc'").And.Contain("wasm-bindgen"));
    }

    [Test]
    public void BG0018_unbound_exports_are_listed_as_information()
    {
        Diagnostic d = Single(Run(TextTools, """
            using Bindgen;
            [WasmModule(File = "text_tools.wasm")]
            public interface ITextTools { int WordCount(string text); }
            """), "BG0018", "ITextTools", DiagnosticSeverity.Info);
        Assert.That(d.GetMessage(), Is.EqualTo("'ITextTools' binds 1 of the 3 function exports of 'text_tools.wasm'; not bound: 'checksum', 'greet'"));
    }

    [Test]
    public void BG0019_imports_no_WasmImports_interface_provides_are_listed_as_information()
    {
        string description = ModuleDescription.Write("imports.wasm", File.ReadAllBytes(RepositoryPaths.Combine("tests", "guests", "imports.wasm")));
        GenerationResult result = GeneratorHarness.Run([new InMemoryAdditionalText("imports.wasm.bindgen", description)], """
            using Bindgen;
            [WasmModule(File = "imports.wasm")]
            public interface IGuest { int Square(int n); }

            [WasmImports("host")]
            public interface IHost { void Log(string message); int Add(int a, int b); }
            """);
        Diagnostic d = result.Diagnostics.Single(x => x.Id == "BG0019");
        Assert.That(TextAt(d), Is.EqualTo("IGuest"));
        Assert.That(d.Severity, Is.EqualTo(DiagnosticSeverity.Info));
        Assert.That(d.GetMessage(), Does.Contain("host.upper (function)").And.Contain("host.checksum (function)"));
        Assert.That(d.GetMessage(), Does.Not.Contain("host.log").And.Not.Contain("host.add "), "provided by IHost");
    }

    [Test]
    public void Every_mismatch_of_an_interface_is_reported_in_one_run()
    {
        GenerationResult result = Run(TextTools, """
            using Bindgen;
            [WasmModule(File = "text_tools.wasm")]
            public interface ITextTools
            {
                int WordCnt(string text);
                int Greet(string name);
                long Checksum(System.ReadOnlySpan<byte> data);
            }
            """);
        Assert.That(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => (d.Id, TextAt(d))),
            Is.EquivalentTo(new[] { ("BG0014", "WordCnt"), ("BG0015", "Greet"), ("BG0015", "Checksum") }));
        Assert.That(result.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty, "the class is still generated and compiles");
    }

    [Test]
    public void Interfaces_without_File_are_not_checked()
    {
        GenerationResult result = Run(TextTools, """
            using Bindgen;
            [WasmModule]
            public interface ITextTools { int WordCnt(string text); }
            """);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Sources.Single().SourceText.ToString(), Does.Not.Contain("EmbeddedModules"));
    }

    [TestCase("")]
    [TestCase("bindgen-module-description\t1\nexport\tfunction\n")]
    [TestCase("\0\0garbage\t\t\t\\u12")]
    public void A_malformed_description_is_a_diagnostic_never_an_exception(string description)
    {
        GenerationResult result = Run(description, """
            using Bindgen;
            [WasmModule(File = "text_tools.wasm")]
            public interface ITextTools { int WordCount(string text); }
            """);
        Assert.That(result.Run.Results.Single().Exception, Is.Null);
        Assert.That(result.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "BG0013" }));
    }

    private static GenerationResult Run(string description, string source) =>
        GeneratorHarness.Run([new InMemoryAdditionalText(DescriptionPath, description)], source);

    private static Diagnostic Single(GenerationResult result, string id, string expectedText, DiagnosticSeverity severity = DiagnosticSeverity.Error, string[]? ignore = null)
    {
        Diagnostic[] others = result.Diagnostics.Where(d => d.Id != id && !(ignore ?? []).Contains(d.Id) && d.Severity != DiagnosticSeverity.Info).ToArray();
        Diagnostic[] matching = result.Diagnostics.Where(d => d.Id == id).ToArray();
        Assert.That(matching, Has.Length.EqualTo(1), string.Join("\n", result.Diagnostics));
        Assert.That(others, Is.Empty, "no other warning or error");
        Assert.That(TextAt(matching[0]), Is.EqualTo(expectedText), "diagnostic location");
        Assert.That(matching[0].Severity, Is.EqualTo(severity));
        Assert.That(matching[0].Descriptor.HelpLinkUri, Does.EndWith("docs/diagnostics/" + id + ".md"));
        return matching[0];
    }

    private static string TextAt(Diagnostic diagnostic)
    {
        Assert.That(diagnostic.Location.GetLineSpan().Path, Is.EqualTo("Source0.cs"));
        return GeneratorHarness.LastSource!.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);
    }
}
