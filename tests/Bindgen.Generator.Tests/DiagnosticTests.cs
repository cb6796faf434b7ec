using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// Each generator diagnostic, reported at the offending syntax. A problem with one member leaves the rest of the
/// binding generated, with that member throwing, and the output compiling; a problem with the interface as a whole
/// generates nothing for it.
/// </summary>
public sealed class DiagnosticTests
{
    [Test]
    public void BG0001_unsupported_parameter_type_is_reported_on_the_type()
    {
        Diagnostic d = Single("""
            using Bindgen;
            [WasmModule]
            public interface IBad
            {
                int Sum(System.Collections.Generic.List<int> values);
            }
            """, "BG0001", "System.Collections.Generic.List<int>");
        Assert.That(d.GetMessage(), Does.Contain("Parameter 'values' of 'Sum'").And.Contain("List<int>").And.Contain("supported: sbyte, byte, short, ushort, char, int, uint"));
        Assert.That(d.GetMessage(), Does.Contain("the nearest supported type is ReadOnlySpan<byte> or byte[]"));
    }

    [Test]
    public void BG0001_unsupported_return_type_is_reported_on_the_return_type()
    {
        Diagnostic d = Single("""
            using Bindgen;
            [WasmModule]
            public interface IBad
            {
                System.Span<byte> Make(int length);
            }
            """, "BG0001", "System.Span<byte>");
        Assert.That(d.GetMessage(), Does.StartWith("The return type of 'Make' has type 'System.Span<byte>'").And.Contain("nearest supported type is byte[]"));
        Assert.That(d.GetMessage(), Does.Not.Contain("'return'"));
    }

    [Test]
    public void BG0001_cstring_on_a_non_string_is_refused()
    {
        Diagnostic d = Single("""
            using Bindgen;
            [WasmModule]
            public interface IBad
            {
                int Length([CString] byte[] text);
            }
            """, "BG0001", "byte[]");
        Assert.That(d.GetMessage(), Does.Contain("[CString] applies to string and string? only"));
    }

    [Test]
    public void BG0001_a_struct_C_cannot_lay_out_names_the_field()
    {
        Diagnostic d = Single("""
            using Bindgen;
            public struct Named { public int Id; public string Name; }
            [WasmModule]
            public interface IBad
            {
                int Take(in Named value);
            }
            """, "BG0001", "Named");
        Assert.That(d.GetMessage(), Does.Contain("field 'Name' of 'Named' cannot be laid out as C"));
    }

    [Test]
    public void BG0001_an_inline_array_of_what_C_cannot_lay_out_is_refused_at_compile_time()
    {
        Diagnostic d = Single("""
            using Bindgen;
            [System.Runtime.CompilerServices.InlineArray(4)]
            public struct Four { private string _first; }
            public struct Holder { public Four Values; }
            [WasmModule]
            public interface IBad
            {
                int Take(in Holder value);
            }
            """, "BG0001", "Holder");
        Assert.That(d.GetMessage(), Does.Contain("[InlineArray] 'Four' cannot be laid out as C"));
    }

    [TestCase("nint", "int (wasm32 pointers are 32-bit)")]
    [TestCase("decimal", "double")]
    [TestCase("System.Memory<byte>", "ReadOnlySpan<byte>")]
    public void BG0001_names_the_nearest_supported_type(string type, string nearest)
    {
        Diagnostic d = Single($$"""
            using Bindgen;
            [WasmModule]
            public interface IBad
            {
                int Take({{type}} value);
            }
            """, "BG0001", type);
        Assert.That(d.GetMessage(), Does.Contain("the nearest supported type is " + nearest));
    }

    [Test]
    public void BG0001_error_types_do_not_crash_the_generator()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            [WasmModule]
            public interface IBad
            {
                int Length(DoesNotExist text);
                string Broken(
            """);
        Assert.That(result.Diagnostics.Select(d => d.Id), Does.Contain("BG0001"));
        Assert.That(result.Diagnostics.Select(d => d.Id), Does.Not.Contain("BG0099"));
    }

    [Test]
    public void BG0002_duplicate_export_names_point_at_the_second_name()
    {
        Diagnostic d = Single("""
            using Bindgen;
            [WasmModule]
            public interface IBad
            {
                int Add(int a, int b);
                [WasmExport("add")] int Plus(int a, int b);
            }
            """, "BG0002", "\"add\"");
        Assert.That(d.GetMessage(), Does.Contain("'Plus'").And.Contain("'add'").And.Contain("'Add'"));
    }

    [Test]
    public void BG0002_overloads_binding_one_export_are_refused_outside_wasm_bindgen()
    {
        // Only wasm-bindgen's trailing optional arguments make two overloads one wasm signature.
        Diagnostic d = Single("""
            using Bindgen;
            [WasmModule]
            public interface IBad
            {
                int Add(int a, int b);
                int Add(int a);
            }
            """, "BG0002", "Add");
        Assert.That(d.GetMessage(), Does.Contain("'add'"));
    }

    [TestCase("\"\"", "empty")]
    [TestCase("\"   \"", "empty")]
    [TestCase("\" padded\"", "white space")]
    [TestCase("\"bad\\u0001name\"", "control character U+0001")]
    [TestCase("\"half\\uD800\"", "unpaired surrogate")]
    public void BG0003_invalid_export_names_point_at_the_argument(string literal, string reason)
    {
        Diagnostic d = Single($$"""
            using Bindgen;
            [WasmModule]
            public interface IBad
            {
                [WasmExport({{literal}})] int Add(int a, int b);
            }
            """, "BG0003", literal);
        Assert.That(d.GetMessage(), Does.Contain(reason));
    }

    [Test]
    public void BG0003_invalid_import_module_name_points_at_the_argument()
    {
        Single("""
            using Bindgen;
            [WasmImports("")]
            public interface IBadHost
            {
                void Log(string message);
            }
            """, "BG0003", "\"\"");
    }

    [Test]
    public void BG0004_attribute_on_a_class_is_reported_on_its_name()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            [WasmModule]
            public class NotAnInterface
            {
            }
            """);
        Diagnostic d = result.Diagnostics.Single(x => x.Id == "BG0004");
        Assert.That(TextAt(d), Is.EqualTo("NotAnInterface"));
        Assert.That(d.GetMessage(), Does.Contain("is a class"));
    }

    [Test]
    public void BG0005_generic_interfaces_are_reported_on_the_type_parameters()
    {
        Single("""
            using Bindgen;
            [WasmModule]
            public interface IBad<T>
            {
                int Add(int a, int b);
            }
            """, "BG0005", "<T>");
    }

    [Test]
    public void More_than_sixteen_wasm_parameters_are_bound_untyped()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            [WasmModule]
            public interface IWide
            {
                string Many(string a, string b, string c, string d, string e, string f, string g, string h, int i);
            }
            """);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty);
        Assert.That(result.Sources.Single().SourceText.ToString(), Does.Contain("global::Bindgen.Internals.UntypedExport _export_Many").And.Contain(".Start(stackalloc ulong[36])").And.Not.Contain("ValueBox"));
    }

    [Test]
    public void Imports_with_more_than_twelve_wasm_parameters_are_defined_untyped()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            [WasmImports("env")]
            public interface IWideHost
            {
                long Many(string a, string b, string c, string d, string e, string f, double g);
            }
            """);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty);
        Assert.That(result.Sources.Single().SourceText.ToString(), Does.Contain("UntypedCallbackDelegate").And.Contain("AsDouble()"));
    }

    [Test]
    public void BG0007_properties_events_and_generic_methods_are_reported_on_their_names()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            [WasmModule]
            public interface IBad
            {
                int Count { get; }
                event System.Action Changed;
                T Echo<T>(T value);
                void ByRef(ref string value);
                int Add(int a, int b);
            }
            """);
        var texts = result.Diagnostics.Where(d => d.Id == "BG0007").Select(TextAt).ToArray();
        Assert.That(texts, Is.EquivalentTo(new[] { "Count", "Changed", "Echo", "string" }));
        AssertOnlyBindgenErrors(result);
        string generated = result.Sources.Single().SourceText.ToString();
        Assert.That(generated, Does.Contain("public int Add(int a, int b)"), "the supported method is bound");
        Assert.That(generated, Does.Contain("int global::IBad.Count { get => throw new global::System.NotSupportedException("));
        Assert.That(generated, Does.Contain("void global::IBad.ByRef(ref string value) => throw new global::System.NotSupportedException("));
    }

    [Test]
    public void BG0007_a_by_reference_parameter_is_named_with_its_method()
    {
        Diagnostic d = Single("""
            using Bindgen;
            [WasmModule]
            public interface IBad
            {
                int Split(string text, out string rest);
            }
            """, "BG0007", "string");
        Assert.That(d.GetMessage(), Does.StartWith("parameter 'rest' of 'Split' is passed by reference (out), which Bindgen supports for primitives, enums and C structs only"));
    }

    [Test]
    public void BG0007_ref_returns_and_static_abstract_members_are_reported()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            [WasmModule]
            public interface IBad
            {
                ref int Slot(int index);
                int Add(int a, int b);
            }
            """);
        Assert.That(result.Diagnostics.Where(d => d.Id == "BG0007").Select(TextAt), Is.EquivalentTo(new[] { "Slot" }));
        AssertOnlyBindgenErrors(result);
    }

    [Test]
    public void BG0007_protected_members_of_imports_cannot_be_called_by_the_registration()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            [WasmImports("host")]
            public interface IHost
            {
                protected void Hidden(int value);
                void Log(int value);
            }
            """);
        Diagnostic d = result.Diagnostics.Single(x => x.Id == "BG0007");
        Assert.That(TextAt(d), Is.EqualTo("Hidden"));
        Assert.That(d.GetMessage(), Does.Contain("protected"));
        AssertOnlyBindgenErrors(result);
        Assert.That(result.Sources.Single().SourceText.ToString(), Does.Contain("\"log\"").And.Not.Contain("hidden"));
    }

    [Test]
    public void BG0009_an_interface_with_both_attributes_is_reported_and_the_other_bindings_survive()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            namespace App;
            [WasmModule, WasmImports("host")]
            public interface IBoth
            {
                int Add(int a, int b);
            }

            [WasmModule]
            public interface IValid
            {
                int Add(int a, int b);
            }

            public static class Use
            {
                public static int Call(Wasmtime.Instance instance) => new Valid(instance).Add(1, 2);
            }
            """);
        Diagnostic[] clashes = result.Diagnostics.Where(d => d.Id == "BG0009").ToArray();
        Assert.That(clashes, Has.Length.EqualTo(2), "one per binding of the interface");
        Assert.That(clashes.Select(TextAt), Is.All.EqualTo("IBoth"));
        Assert.That(clashes[0].GetMessage(), Does.Contain("class 'Both'").And.Contain("ClassName"));
        Assert.That(result.Sources.Select(s => s.HintName), Is.EquivalentTo(new[] { "App.Valid.g.cs" }));
        AssertOnlyBindgenErrors(result);
    }

    [Test]
    public void BG0009_two_interfaces_that_map_to_one_class_are_both_reported()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            namespace App;
            [WasmModule]
            public interface IFooBinding { int Add(int a, int b); }

            [WasmModule]
            public interface Foo { int Sub(int a, int b); }
            """);
        Assert.That(result.Diagnostics.Where(d => d.Id == "BG0009").Select(TextAt), Is.EquivalentTo(new[] { "IFooBinding", "Foo" }));
        Assert.That(result.Sources, Is.Empty);
    }

    [Test]
    public void BG0009_a_user_type_with_the_class_name_is_reported_at_the_interface()
    {
        Diagnostic d = Single("""
            using Bindgen;
            namespace App;
            [WasmModule]
            public interface ITools { int Add(int a, int b); }

            public class Tools { }
            """, "BG0009", "ITools", expectSources: false);
        Assert.That(d.GetMessage(), Does.Contain("already declared in this namespace (a class)"));
    }

    [Test]
    public void A_user_partial_class_with_the_class_name_extends_the_binding()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            namespace App;
            [WasmModule]
            public interface ITools { int Add(int a, int b); }

            public sealed partial class Tools { public int Twice(int a) => Add(a, a); }
            """);
        Assert.That(result.Diagnostics, Is.Empty);
        AssertOnlyBindgenErrors(result);
    }

    [Test]
    public void ClassName_chooses_the_generated_name_and_resolves_a_clash()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            namespace App;
            [WasmModule(ClassName = "BothExports"), WasmImports("host", ClassName = "BothImports")]
            public interface IBoth
            {
                int Add(int a, int b);
            }
            """);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Sources.Select(s => s.HintName), Is.EquivalentTo(new[] { "App.BothExports.g.cs", "App.BothImports.g.cs" }));
        AssertOnlyBindgenErrors(result);
    }

    [TestCase("\"2Fast\"", "not a C# identifier")]
    [TestCase("\"class\"", "keyword")]
    [TestCase("\"Instance\"", "member named 'Instance'")]
    public void BG0010_an_invalid_class_name_points_at_the_argument(string literal, string reason)
    {
        Diagnostic d = Single($$"""
            using Bindgen;
            [WasmModule(ClassName = {{literal}})]
            public interface ITools { int Add(int a, int b); }
            """, "BG0010", "ClassName = " + literal, expectSources: false);
        Assert.That(d.GetMessage(), Does.Contain(reason));
    }

    [Test]
    public void BG0011_a_file_local_interface_is_reported()
    {
        Diagnostic d = Single("""
            using Bindgen;
            [WasmModule]
            file interface ITools { int Add(int a, int b); }
            """, "BG0011", "ITools", expectSources: false);
        Assert.That(d.GetMessage(), Does.Contain("file-local"));
    }

    [Test]
    public void BG0011_an_interface_obsolete_as_an_error_is_reported()
    {
        Single("""
            using Bindgen;
            [WasmModule, System.Obsolete("gone", true)]
            public interface ITools { int Add(int a, int b); }
            """, "BG0011", "ITools", expectSources: false);
    }

    [Test]
    public void BG0012_a_token_that_is_not_the_last_parameter_is_reported_on_its_type()
    {
        Diagnostic d = Single("""
            using System.Threading;
            using Bindgen;
            [WasmModule]
            public interface IWorker { int Run(CancellationToken token, int n); int Add(int a, int b); }
            """, "BG0012", "CancellationToken");
        Assert.That(d.GetMessage(), Does.Contain("'token' of 'Run'").And.Contain("only as the last parameter"));
    }

    [Test]
    public void BG0012_a_token_on_an_import_is_reported()
    {
        Diagnostic d = Single("""
            using System.Threading;
            using Bindgen;
            [WasmImports("host")]
            public interface IHost { void Log(string message, CancellationToken token); }
            """, "BG0012", "CancellationToken");
        Assert.That(d.GetMessage(), Does.Contain("no host token to pass"));
    }

    [Test]
    public void A_last_token_is_accepted_and_not_lowered()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using System.Threading;
            using Bindgen;
            namespace App;
            [WasmModule] public interface IWorker { int Run(int n, CancellationToken cancellationToken); }
            """);
        Assert.That(result.Diagnostics, Is.Empty);
        string source = result.Sources.Single().SourceText.ToString();
        Assert.That(source, Does.Contain("\"(i32) -> i32\""), "the token is not part of the wasm signature");
        Assert.That(source, Does.Contain("this._bounds.Enter(cancellationToken)"));
    }

    [Test]
    public void Interfaces_differing_only_in_case_get_distinct_hint_names()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            namespace App;
            [WasmModule] public interface IAbc { int Add(int a, int b); }
            [WasmModule] public interface IABC { int Sub(int a, int b); }
            """);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Sources.Select(s => s.HintName), Is.EquivalentTo(new[] { "App.ABC.g.cs", "App.Abc.2.g.cs" }));
        AssertOnlyBindgenErrors(result);
    }

    [Test]
    public void BG0008_nested_interfaces_are_reported_on_the_name()
    {
        Single("""
            using Bindgen;
            public class Outer
            {
                [WasmModule]
                public interface IInner
                {
                    int Add(int a, int b);
                }
            }
            """, "BG0008", "IInner");
    }

    [Test]
    public void Diagnostics_carry_help_links_to_their_pages()
    {
        Diagnostic d = Single("""
            using Bindgen;
            [WasmModule]
            public interface IBad<T>
            {
            }
            """, "BG0005", "<T>");
        Assert.That(d.Descriptor.HelpLinkUri, Does.EndWith("docs/diagnostics/BG0005.md"));
        Assert.That(System.IO.File.Exists(Bindgen.TestSupport.RepositoryPaths.Combine("docs", "diagnostics", "BG0005.md")), Is.True);
    }

    [Test]
    public void Every_generator_diagnostic_has_a_page_and_a_release_entry()
    {
        // Shipped rules are listed under their release in Shipped.md, the rest in Unshipped.md.
        string releases = string.Concat(new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .Select(file => System.IO.File.ReadAllText(Bindgen.TestSupport.RepositoryPaths.Combine("generator", "Bindgen.Generator", file))));
        foreach (string id in Diagnostics.DiagnosticDescriptors.ById.Keys)
        {
            Assert.That(System.IO.File.Exists(Bindgen.TestSupport.RepositoryPaths.Combine("docs", "diagnostics", id + ".md")), Is.True, id + " page");
            Assert.That(releases, Does.Contain(id + " |"), id + " release entry");
        }
    }

    [Test]
    public void BG0006_only_the_engines_limit_of_1000_wasm_parameters_is_refused()
    {
        static string Interface(int count) =>
            "using Bindgen;\n[WasmModule]\npublic interface IWide\n{\n    int Many("
            + string.Join(", ", System.Linq.Enumerable.Range(1, count).Select(i => $"int a{i}")) + ");\n}\n";

        Diagnostic d = Single(Interface(1001), "BG0006", "Many");
        Assert.That(d.GetMessage(), Does.Contain("needs 1001 WebAssembly parameters").And.Contain("at most 1000"));

        GenerationResult atLimit = GeneratorHarness.Run(Interface(1000));
        Assert.That(atLimit.Diagnostics, Is.Empty, "1000 parameters are bound, past Wasmtime's typed delegates");
        AssertOnlyBindgenErrors(atLimit);
    }

    /// <summary>Runs the generator, asserts exactly one diagnostic with <paramref name="id"/>, located on <paramref name="expectedText"/>.</summary>
    /// <remarks>
    /// A member-level problem (<paramref name="expectSources"/>) still generates the class, and the project then has
    /// only Bindgen's error; an interface-level one generates nothing.
    /// </remarks>
    private static Diagnostic Single(string source, string id, string expectedText, bool? expectSources = null)
    {
        GenerationResult result = GeneratorHarness.Run(source);
        Diagnostic[] matching = result.Diagnostics.Where(d => d.Id == id).ToArray();
        Assert.That(matching, Has.Length.EqualTo(1), string.Join("\n", result.Diagnostics));
        Assert.That(TextAt(matching[0]), Is.EqualTo(expectedText), "diagnostic location");
        Assert.That(matching[0].Severity, Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That(matching[0].Descriptor.Description.ToString(), Is.Not.Empty, "every descriptor has a description");
        bool interfaceLevel = expectSources == false || id is "BG0003" && source.Contains("WasmImports(") || id is "BG0004" or "BG0005" or "BG0008" or "BG0009" or "BG0010" or "BG0011";
        if (interfaceLevel)
        {
            Assert.That(result.Sources, Is.Empty, "no code is emitted for an interface-level error");
        }
        else
        {
            Assert.That(result.Sources, Has.Length.EqualTo(1), "the class is generated around a member-level error");
            AssertOnlyBindgenErrors(result);
        }

        return matching[0];
    }

    /// <summary>The compilation with the generated code has no errors but the user's own and Bindgen's.</summary>
    private static void AssertOnlyBindgenErrors(GenerationResult result)
    {
        Diagnostic[] errors = result.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.That(errors, Is.Empty, "the generated code compiles: " + string.Join("\n", errors.Select(e => e.ToString())));
    }

    private static string TextAt(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.That(span.Path, Is.EqualTo("Source0.cs"));
        TextSpan source = diagnostic.Location.SourceSpan;
        string text = GeneratorHarness.LastSource!;
        return text.Substring(source.Start, source.Length);
    }
}
