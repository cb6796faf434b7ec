using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>Each generator diagnostic, reported at the offending syntax, with no code emitted for that interface.</summary>
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
        Assert.That(d.GetMessage(), Does.Contain("'values'").And.Contain("List<int>").And.Contain("supported: int, uint"));
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
        Assert.That(d.GetMessage(), Does.Contain("Return type").And.Contain("Make"));
    }

    [Test]
    public void BG0001_nullable_strings_are_refused()
    {
        Single("""
            using Bindgen;
            [WasmModule]
            public interface IBad
            {
                int Length(string? text);
            }
            """, "BG0001", "string?");
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
        Assert.That(result.Sources, Is.Empty);
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
    public void BG0006_too_many_wasm_parameters_is_reported_on_the_method()
    {
        Diagnostic d = Single("""
            using Bindgen;
            [WasmModule]
            public interface IBad
            {
                string Many(string a, string b, string c, string d, string e, string f, string g, string h, int i);
            }
            """, "BG0006", "Many");
        Assert.That(d.GetMessage(), Does.Contain("needs 18").And.Contain("at most 16"));
    }

    [Test]
    public void BG0006_imports_have_a_lower_limit()
    {
        Diagnostic d = Single("""
            using Bindgen;
            [WasmImports("env")]
            public interface IBadHost
            {
                void Many(string a, string b, string c, string d, string e, string f, string g);
            }
            """, "BG0006", "Many");
        Assert.That(d.GetMessage(), Does.Contain("at most 12").And.Contain("import"));
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
                void ByRef(ref int value);
            }
            """);
        var texts = result.Diagnostics.Where(d => d.Id == "BG0007").Select(TextAt).ToArray();
        Assert.That(texts, Is.EquivalentTo(new[] { "Count", "Changed", "Echo", "int" }));
        Assert.That(result.Sources, Is.Empty);
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
        string releases = System.IO.File.ReadAllText(Bindgen.TestSupport.RepositoryPaths.Combine("generator", "Bindgen.Generator", "AnalyzerReleases.Unshipped.md"));
        foreach (string id in Diagnostics.DiagnosticDescriptors.ById.Keys)
        {
            Assert.That(System.IO.File.Exists(Bindgen.TestSupport.RepositoryPaths.Combine("docs", "diagnostics", id + ".md")), Is.True, id + " page");
            Assert.That(releases, Does.Contain(id + " |"), id + " release entry");
        }
    }

    /// <summary>Runs the generator, asserts exactly one diagnostic with <paramref name="id"/>, located on <paramref name="expectedText"/>.</summary>
    private static Diagnostic Single(string source, string id, string expectedText)
    {
        GenerationResult result = GeneratorHarness.Run(source);
        Diagnostic[] matching = result.Diagnostics.Where(d => d.Id == id).ToArray();
        Assert.That(matching, Has.Length.EqualTo(1), string.Join("\n", result.Diagnostics));
        Assert.That(TextAt(matching[0]), Is.EqualTo(expectedText), "diagnostic location");
        Assert.That(matching[0].Severity, Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That(result.Sources, Is.Empty, "no code is emitted for an interface with errors");
        return matching[0];
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
