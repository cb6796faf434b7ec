using System.Linq;
using NUnit.Framework;

namespace Bindgen.Generator.Tests;

/// <summary>
/// The classes of declarations a fuzzer found generating code that does not compile: each must either compile or
/// be refused with a BG diagnostic at the declaration, never leave the user with compiler errors in generated code.
/// </summary>
public sealed class FuzzFoundCaseTests
{
    [TestCase("Wasmtime")]
    [TestCase("System")]
    [TestCase("Bindgen")]
    [TestCase("Threading")]
    public void A_generated_class_named_like_a_namespace_it_uses_compiles(string name)
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
        Assert.That(result.Diagnostics.Where(d => d.Location.SourceSpan.Length > 0 && d.Id != "BG0012"), Is.Empty, "nothing but the class-name clash is refused");
    }

    [Test]
    public void A_generated_class_named_like_the_root_namespace_of_the_interface_compiles()
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
        Assert.That(result.Diagnostics, Is.Empty);
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

    private static void AssertCompilesOrIsRefused(GenerationResult result)
    {
        // Warnings count too: projects build with TreatWarningsAsErrors, and generated code must not add any.
        Assert.That(result.Diagnostics.Where(d => d.Id == "BG0099"), Is.Empty);
        Assert.That(result.CompileProblems.Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true || d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error), Is.Empty,
            "BG: " + string.Join("; ", result.Diagnostics) + "\n" + Generated(result));
    }

    private static string Generated(GenerationResult result) => string.Join("\n---\n", result.Sources.Select(s => s.HintName + "\n" + s.SourceText));
}
