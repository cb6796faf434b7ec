using System.Linq;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// Declarations that once made the generator crash or emit code that does not compile, each reduced to its
/// smallest form: each is now bound (the output compiles, with no BG error) or refused with a BG error at the
/// declaration, never both silent and broken.
/// </summary>
public sealed class AcceptedDeclarationTests
{
    [Test]
    public void Overloads_with_explicit_export_names_get_distinct_members()
    {
        string generated = Bound("""
            using Bindgen;
            namespace App;
            [WasmModule]
            public interface IMath
            {
                [WasmExport("sum_i32")] int Sum(int a, int b);
                [WasmExport("sum_i64")] long Sum(long a, long b);
            }
            """);
        Assert.That(generated, Does.Contain("_export_0_Sum").And.Contain("_export_1_Sum"));
    }

    [TestCase("_memory")]
    [TestCase("__block")]
    [TestCase("__operation")]
    [TestCase("nameof")]
    [TestCase("value")]
    [TestCase("instance")]
    [TestCase("Binding")]
    public void Parameter_names_never_collide_with_generated_names(string name)
    {
        string generated = Bound($$"""
            using Bindgen;
            namespace App;
            [WasmModule]
            public interface ITools
            {
                string Echo(string {{name}}, byte[] data);
                int Count(System.ReadOnlySpan<byte> {{name}});
            }
            """);
        Assert.That(generated, Does.Contain("string " + name + ", byte[] data"));
    }

    [Test]
    public void Keyword_method_and_parameter_names_are_escaped()
    {
        string generated = Bound("""
            using Bindgen;
            namespace App;
            [WasmModule]
            public interface ITools
            {
                int @class(int @event);
                int nameof(int a);
            }
            """);
        Assert.That(generated, Does.Contain("public int @class(int @event)"));
        Assert.That(generated, Does.Contain("\"class\""), "the export is named without the escape");
    }

    [TestCase("IMemory", "MemoryBinding")]
    [TestCase("IInstance", "InstanceBinding")]
    [TestCase("IBinding", "BindingBinding")]
    public void Interfaces_named_like_generated_members_get_a_class_that_can_hold_them(string name, string className)
    {
        string generated = Bound($$"""
            using Bindgen;
            namespace App;
            [WasmModule]
            public interface {{name}} { int Add(int a, int b); }
            """);
        Assert.That(generated, Does.Contain("sealed partial class " + className + " :"));
    }

    [Test]
    public void Export_names_that_break_string_literals_and_comments_are_escaped()
    {
        string generated = Bound("""
            using Bindgen;
            namespace App;
            [WasmModule]
            public interface ITools
            {
                [WasmExport("line\u2028break \"quoted\" back\\slash */")] int Add(int a, int b);
            }

            [WasmImports("mod\u2028ule </summary>")]
            public interface IHost { void Log(int value); }
            """);
        Assert.That(generated, Does.Contain("\"line\\u2028break \\\"quoted\\\" back\\\\slash */\""));
        Assert.That(generated, Does.Contain("module \"mod&#x2028;ule &lt;/summary&gt;\""));
    }

    [Test]
    public void A_verbatim_namespace_is_escaped_in_code_and_plain_in_the_hint_name()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using Bindgen;
            namespace @class.Tools;
            [WasmModule]
            public interface IText { int Add(int a, int b); }
            """);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Sources.Single().HintName, Is.EqualTo("class.Tools.Text.g.cs"));
        Assert.That(result.Sources.Single().SourceText.ToString(), Does.Contain("namespace @class.Tools;"));
        AssertCompiles(result);
    }

    [Test]
    public void Obsolete_members_are_bound_without_warnings_and_obsolete_errors_of_imports_are_refused()
    {
        GenerationResult result = GeneratorHarness.Run("""
            using System;
            using Bindgen;
            namespace App;
            [WasmModule, Obsolete("use v2")]
            public interface ITools
            {
                [Obsolete("old")] int Add(int a, int b);
                [Obsolete("gone", true)] int Sub(int a, int b);
            }

            [WasmImports("host")]
            public interface IHost
            {
                [Obsolete("old")] void Log(int value);
                [Obsolete("gone", true)] void Gone(int value);
            }
            """);
        Assert.That(result.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "BG0007" }), "only the import the registration cannot call");
        Assert.That(result.Sources, Has.Length.EqualTo(2));
        Assert.That(result.CompileProblems.Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true), Is.Empty, "no warning in generated code");
    }

    [Test]
    public void Partial_interfaces_across_files_are_bound_once()
    {
        GenerationResult result = GeneratorHarness.Run(
            """
            using Bindgen;
            namespace App;
            [WasmModule]
            public partial interface ITools { int Add(int a, int b); }
            """,
            """
            namespace App;
            public partial interface ITools { int Sub(int a, int b); }
            """);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Sources.Single().SourceText.ToString(), Does.Contain("public int Add(").And.Contain("public int Sub("));
        AssertCompiles(result);
    }

    [Test]
    public void Static_virtual_members_with_a_body_need_no_binding()
    {
        Bound("""
            using Bindgen;
            namespace App;
            [WasmModule]
            public interface ITools
            {
                static virtual int Zero() => 0;
                int Add(int a, int b);
            }
            """);
    }

    [Test]
    public void A_params_byte_array_is_bound_with_its_modifier()
    {
        string generated = Bound("""
            using Bindgen;
            namespace App;
            [WasmModule]
            public interface ITools { uint Checksum(params byte[] data); }
            """);
        Assert.That(generated, Does.Contain("public uint Checksum(params byte[] data)"));
    }

    private static string Bound(string source)
    {
        GenerationResult result = GeneratorHarness.Run(source);
        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        AssertCompiles(result);
        return string.Join("\n", result.Sources.Select(s => s.SourceText.ToString()));
    }

    private static void AssertCompiles(GenerationResult result)
    {
        Diagnostic[] problems = result.CompileProblems.ToArray();
        Assert.That(problems, Is.Empty, string.Join("\n", problems.Select(p => p.ToString())));
    }
}
