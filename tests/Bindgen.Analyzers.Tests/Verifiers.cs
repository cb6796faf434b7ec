using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Bindgen.Analyzers.Tests;

/// <summary>
/// Compilation references for the tests, taken from the running runtime and the Wasmtime assembly, so the
/// tests never download reference packs.
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyAll = new(() =>
    {
        string trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        return trusted
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(Wasmtime.Memory).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    public static ImmutableArray<MetadataReference> All => LazyAll.Value;

    /// <summary>A reference-assembly set with no packages: nothing to resolve, nothing to download.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");
}

/// <summary>The Bindgen attribute declarations, as the runtime ships them, added to every test compilation.</summary>
internal static class BindgenSources
{
    public const string Attributes = """
        namespace Bindgen
        {
            [System.AttributeUsage(System.AttributeTargets.Interface, Inherited = false, AllowMultiple = false)]
            public sealed class WasmModuleAttribute : System.Attribute { }

            [System.AttributeUsage(System.AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
            public sealed class WasmExportAttribute : System.Attribute
            {
                public WasmExportAttribute(string name) => Name = name;
                public string Name { get; }
            }

            [System.AttributeUsage(System.AttributeTargets.Interface, Inherited = false, AllowMultiple = false)]
            public sealed class WasmImportsAttribute : System.Attribute
            {
                public WasmImportsAttribute(string module) => Module = module;
                public string Module { get; }
            }

            [System.AttributeUsage(System.AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
            public sealed class WasmImportAttribute : System.Attribute
            {
                public WasmImportAttribute(string name) => Name = name;
                public string Name { get; }
            }

            [System.AttributeUsage(System.AttributeTargets.Method | System.AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
            public sealed class GuestViewAttribute : System.Attribute { }

            [System.AttributeUsage(System.AttributeTargets.Method | System.AttributeTargets.Property | System.AttributeTargets.Class | System.AttributeTargets.Interface, Inherited = false, AllowMultiple = false)]
            public sealed class MayGrowMemoryAttribute : System.Attribute { }
        }
        """;

    /// <summary>Appends the attribute declarations (test sources must not use file-scoped namespaces).</summary>
    public static string WithAttributes(string source) => source + "\n" + Attributes + "\n";
}

internal static class TestSetup
{
    public static void Configure(SolutionState state) => state.AdditionalReferences.AddRange(TestReferences.All);

    public static CompilationOptions WithUnsafe(CompilationOptions options) =>
        ((CSharpCompilationOptions)options).WithAllowUnsafe(true).WithNullableContextOptions(NullableContextOptions.Enable);
}

internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(id);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = BindgenSources.WithAttributes(source) };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.None;
            TestSetup.Configure(TestState);
        }

        protected override CompilationOptions CreateCompilationOptions() => TestSetup.WithUnsafe(base.CreateCompilationOptions());

        protected override ParseOptions CreateParseOptions() => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);
    }
}

internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(string id) => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(id);

    public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new Test
        {
            TestCode = BindgenSources.WithAttributes(source),
            FixedCode = BindgenSources.WithAttributes(fixedSource),
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.None;
            TestSetup.Configure(TestState);
        }

        protected override CompilationOptions CreateCompilationOptions() => TestSetup.WithUnsafe(base.CreateCompilationOptions());

        protected override ParseOptions CreateParseOptions() => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);
    }
}
