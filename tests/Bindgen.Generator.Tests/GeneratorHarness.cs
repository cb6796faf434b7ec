using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Bindgen.Generator.Tests;

/// <summary>Runs the generator over source text the way the compiler does, and compiles the result.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation(OutputKind.DynamicallyLinkedLibrary, sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: $"Source{i}.cs")));

    /// <summary>A compilation of parsed trees; a program with top-level statements needs <see cref="OutputKind.ConsoleApplication"/>.</summary>
    public static CSharpCompilation CreateCompilation(OutputKind outputKind, IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(
            "BindgenGeneratorTest",
            trees,
            References.Value,
            new CSharpCompilationOptions(
                outputKind,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Default,
                allowUnsafe: true,
                warningLevel: 9999));

    public static GeneratorDriver CreateDriver(params AdditionalText[] additionalTexts) =>
        CSharpGeneratorDriver.Create(
            [new BindgenGenerator().AsSourceGenerator()],
            additionalTexts,
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The first source of the latest <see cref="Run"/>, for reading diagnostic locations.</summary>
    [ThreadStatic]
    public static string? LastSource;

    public static GenerationResult Run(params string[] sources) => Run([], sources);

    /// <summary>Runs the generator with additional files, such as the module descriptions the build passes.</summary>
    public static GenerationResult Run(AdditionalText[] additionalTexts, params string[] sources)
    {
        LastSource = sources.FirstOrDefault();
        return Run(additionalTexts, CreateCompilation(sources));
    }

    /// <summary>Runs the generator over a compilation built by the caller.</summary>
    public static GenerationResult Run(AdditionalText[] additionalTexts, CSharpCompilation compilation)
    {
        GeneratorDriver driver = CreateDriver(additionalTexts).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorDriverRunResult run = driver.GetRunResult();
        return new GenerationResult(run, output, generatorDiagnostics);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = new List<string>();
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        paths.AddRange(Directory.GetFiles(frameworkDirectory, "System*.dll"));
        paths.Add(Path.Combine(frameworkDirectory, "netstandard.dll"));
        paths.Add(Path.Combine(frameworkDirectory, "mscorlib.dll"));
        paths.Add(typeof(Bindgen.GuestMemory).Assembly.Location);
        paths.Add(typeof(Wasmtime.Instance).Assembly.Location);

        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (string path in paths.Distinct())
        {
            try
            {
                using FileStream stream = File.OpenRead(path);
                using var peReader = new System.Reflection.PortableExecutable.PEReader(stream);
                if (!peReader.HasMetadata)
                {
                    continue;
                }
            }
            catch (BadImageFormatException)
            {
                continue;
            }

            references.Add(MetadataReference.CreateFromFile(path));
        }

        return references.ToImmutable();
    }
}

/// <summary>An additional file held in memory, as the compiler passes AdditionalFiles items to generators.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;

    public override Microsoft.CodeAnalysis.Text.SourceText GetText(System.Threading.CancellationToken cancellationToken = default) =>
        Microsoft.CodeAnalysis.Text.SourceText.From(text, System.Text.Encoding.UTF8);
}

/// <summary>What one generator run produced.</summary>
internal sealed record GenerationResult(GeneratorDriverRunResult Run, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public ImmutableArray<GeneratedSourceResult> Sources => Run.Results.Single().GeneratedSources;

    /// <summary>Every diagnostic the generator reported.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => Run.Results.Single().Diagnostics;

    /// <summary>
    /// Warnings and errors of the compilation that includes the generated code, with the nullable warnings the
    /// generated files turn off for users' builds turned back on (the line is blanked, so locations keep their lines).
    /// </summary>
    public ImmutableArray<Diagnostic> CompileProblems =>
        WithNullableWarnings(Output).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    /// <summary>The compilation with every generated file's <c>#nullable disable warnings</c> line blanked.</summary>
    public static Compilation WithNullableWarnings(Compilation compilation)
    {
        foreach (SyntaxTree tree in compilation.SyntaxTrees.ToArray())
        {
            string text = tree.GetText().ToString();
            if (text.Contains(NullableWarningsOff))
            {
                compilation = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(
                    Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(NullableWarningsOff, string.Empty), System.Text.Encoding.UTF8)));
            }
        }

        return compilation;
    }

    /// <summary>The line generated files carry to turn nullable warnings off (see the generator's IndentedWriter).</summary>
    private const string NullableWarningsOff = "#nullable disable warnings";
}
