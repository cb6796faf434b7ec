using System.Linq;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// The classes of declarations a fuzzer found generating code that does not compile: each must either compile or
/// be refused with a BG diagnostic at the declaration, never leave the user with compiler errors in generated code.
/// </summary>
public sealed class FuzzFoundCaseTests
{
    [TestCase("Wasmtime", true)]
    [TestCase("System", true)]
    [TestCase("Bindgen", true)]
    [TestCase("App", true)]
    [TestCase("Threading", false)]
    public void A_generated_class_named_like_a_root_namespace_is_refused_with_BG0009(string name, bool isRootNamespace)
    {
        GenerationResult result = GeneratorHarness.Run(
            $$"""
            using System;
            using System.Threading;
            using Bindgen;
            namespace App;

            public struct Point { public int X; public double Y; }

            [WasmModule(ClassName = "{{name}}")]
            public interface IExports
            {
                int Add(int a, int b);
                string Echo(string text);
                byte[] Copy(ReadOnlySpan<byte> data, Point[] points);
                Point Move(Point p);
                int Spin(int n, CancellationToken token);
            }

            [WasmImports("host", ClassName = "{{name}}Host")]
            public interface IHost
            {
                void Log(string text);
                int Sum(ReadOnlySpan<int> values);
            }
            """);

        AssertCompilesOrIsRefused(result);
        if (isRootNamespace)
        {
            Diagnostic refused = result.Diagnostics.Single();
            Assert.That(refused.Id, Is.EqualTo("BG0009"));
            Assert.That(refused.GetMessage(), Does.Contain($"is also the name of namespace '{name}'"));
        }
        else
        {
            Assert.That(result.Diagnostics, Is.Empty, "a name only nested namespaces use is no clash");
        }
    }

    [Test]
    public void A_generated_class_named_like_a_root_namespace_in_the_global_namespace_or_another_is_refused()
    {
        GenerationResult result = GeneratorHarness.Run(
            """
            using System;
            using Bindgen;
            namespace Wasmtime.Tools
            {
                [WasmModule]
                public interface IWasmtime { string Echo(string text); int Add(int a, int b); }
            }
            namespace System.Tools
            {
                [WasmModule]
                public interface ISystem { string Echo(string text); void Fill(Span<byte> data); }
            }
            namespace Bindgen.Tools
            {
                [WasmImports("host")]
                public interface IBindgen { void Log(string text); }
            }
            """);

        AssertCompilesOrIsRefused(result);
        Assert.That(result.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "BG0009", "BG0009", "BG0009" }));
    }

    [Test]
    public void A_generated_class_named_like_a_namespace_beside_it_is_refused()
    {
        GenerationResult result = GeneratorHarness.Run(
            """
            using Bindgen;
            namespace App.Inner { public class Marker { } }
            namespace App
            {
                [WasmModule]
                public interface IInner { int Add(int a, int b); }
            }
            """);

        AssertCompilesOrIsRefused(result);
        Assert.That(result.Diagnostics.Single().GetMessage(), Does.Contain("namespace 'App.Inner' beside it"));
    }

    [Test]
    public void An_unsafe_partial_interface_with_pointer_parameters_is_refused_or_compiles()
    {
        GenerationResult result = GeneratorHarness.Run(
            """
            using Bindgen;
            namespace App;

            [WasmModule]
            public unsafe partial interface IRaw
            {
                int Read(int* p);
                byte* Next(byte* at, int count);
                int Add(int a, int b);
            }

            [WasmImports("host")]
            public unsafe partial interface IRawHost
            {
                void Write(int* p);
                int Add(int a, int b);
            }
            """);

        AssertCompilesOrIsRefused(result);
        Assert.That(result.Diagnostics.Select(d => d.Id), Is.Not.Empty, "pointers are not a supported parameter type");
    }

    [Test]
    public void An_unsafe_interface_without_pointers_is_bound()
    {
        GenerationResult result = GeneratorHarness.Run(
            """
            using Bindgen;
            namespace App;

            [WasmModule]
            public unsafe partial interface IPlain { int Add(int a, int b); string Echo(string text); }
            """);

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.CompileProblems, Is.Empty, Generated(result));
    }

    [Test]
    public void A_scoped_parameter_compiles()
    {
        GenerationResult result = GeneratorHarness.Run(
            """
            using System;
            using Bindgen;
            namespace App;

            [WasmModule]
            public interface IScoped
            {
                int Sum(scoped ReadOnlySpan<byte> data);
                void Fill(scoped Span<byte> data, int value);
                int Read(scoped ref int value);
            }

            [WasmImports("host")]
            public interface IScopedHost
            {
                int Sum(scoped ReadOnlySpan<byte> data);
            }
            """);

        AssertCompilesOrIsRefused(result);
    }

    [Test]
    public void A_module_and_an_imports_interface_of_one_name_across_files_are_refused_or_compile()
    {
        GenerationResult result = GeneratorHarness.Run(
            """
            using Bindgen;
            namespace App;
            [WasmModule]
            public partial interface ITools { int Add(int a, int b); }
            """,
            """
            using Bindgen;
            namespace App;
            [WasmImports("host")]
            public partial interface ITools { }
            """);

        AssertCompilesOrIsRefused(result);
        Assert.That(result.Diagnostics.Select(d => d.Id), Is.Not.Empty, "one interface cannot be both a module and an imports binding");
    }

    [Test]
    public void Inherited_members_that_differ_only_by_generic_arity_compile_or_are_refused()
    {
        GenerationResult result = GeneratorHarness.Run(
            """
            using Bindgen;
            namespace App;

            public interface IBase { int Get(int a); }
            public interface IGenericBase { int Get<T>(int a); }

            [WasmImports("host")]
            public interface IHost : IBase, IGenericBase { int Count(); }

            [WasmModule]
            public interface ITools : IBase, IGenericBase { int Count(); }
            """);

        AssertCompilesOrIsRefused(result);
    }

    [Test]
    public void A_derived_generic_overload_does_not_capture_the_call_to_a_base_import()
    {
        GenerationResult result = GeneratorHarness.Run(
            """
            using Bindgen;
            namespace App;

            public enum Shade { Red, Green }
            public interface IBase { uint Echo(Shade value); }

            [WasmImports("host")]
            public interface IHost : IBase { T Echo<T>(T value); }
            """);

        AssertCompilesOrIsRefused(result);
        Assert.That(string.Concat(result.Sources.Select(s => s.SourceText.ToString())), Does.Contain("((global::App.IBase)implementation).Echo("));
    }

    [Test]
    public void A_base_method_hidden_by_a_derived_one_of_the_same_signature_is_implemented_explicitly()
    {
        GenerationResult result = GeneratorHarness.Run(
            """
            using System.Threading;
            using Bindgen;
            namespace App;

            public interface IBase { uint Echo(CancellationToken cancellationToken); int Add(int a, int b); }

            [WasmModule]
            public interface ITools : IBase
            {
                [WasmExport("echo_float")] new float Echo(CancellationToken token);
                [WasmExport("add_again")] new int Add(int a, int b);
            }
            """);

        AssertCompilesOrIsRefused(result);
        Assert.That(result.Diagnostics, Is.Empty);
        string text = string.Concat(result.Sources.Select(s => s.SourceText.ToString()));
        Assert.That(text, Does.Contain("uint global::App.IBase.Echo(").And.Contain("int global::App.IBase.Add("));
    }

    private static void AssertCompilesOrIsRefused(GenerationResult result)
    {
        // Warnings count too: projects build with TreatWarningsAsErrors, and generated code must not add any.
        Assert.That(result.Diagnostics.Where(d => d.Id == "BG0099"), Is.Empty);
        Assert.That(result.CompileProblems.Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true || d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error), Is.Empty,
            "BG: " + string.Join("; ", result.Diagnostics) + "\n" + Generated(result));
    }

    private static string Generated(GenerationResult result) => string.Join("\n---\n", result.Sources.Select(s => s.HintName + "\n" + s.SourceText));
}
