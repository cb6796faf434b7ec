using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.PortableExecutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Bindgen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Bindgen.Benchmarks;

/// <summary>
/// The cost of the source generator over a large project: 200 <c>[WasmModule]</c> interfaces of 10 methods
/// each, every parameter and result kind mixed, one interface per file. Timed: a full run over a fresh
/// compilation, a rerun after an unrelated edit, and a rerun after one interface gained a method.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class GeneratorBenchmarks
{
    /// <summary>Interfaces in the compilation.</summary>
    public const int InterfaceCount = 200;

    /// <summary>Methods per interface.</summary>
    public const int MethodsPerInterface = 10;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warmDriver = null!;
    private SyntaxTree _unrelatedTree = null!;
    private SyntaxTree _originalTree = null!;
    private SyntaxTree _editedTree = null!;

    [GlobalSetup]
    public void Setup()
    {
        var trees = new List<SyntaxTree> { Parse(SharedSource, "Shared.cs") };
        for (int i = 0; i < InterfaceCount; i++)
        {
            trees.Add(Parse(InterfaceSource(i, extraMethod: false), $"Module{i:D3}.cs"));
        }

        _compilation = CSharpCompilation.Create(
            "GeneratorBenchmark",
            trees,
            LoadReferences(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        int target = InterfaceCount / 2;
        _originalTree = trees[target + 1];
        _editedTree = Parse(InterfaceSource(target, extraMethod: true), _originalTree.FilePath);
        _unrelatedTree = Parse("namespace Unrelated { public sealed class Edited { public int Value { get; set; } } }", "Unrelated.cs");

        _warmDriver = CreateDriver().RunGenerators(_compilation);
        Verify(_warmDriver, InterfaceCount);
        Verify(_warmDriver.RunGenerators(_compilation.ReplaceSyntaxTree(_originalTree, _editedTree)), InterfaceCount);
    }

    /// <summary>Every interface from scratch: a new driver over a fresh copy of the compilation (no cached symbols).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Categories.Generator)]
    public GeneratorDriver FullRun() => CreateDriver().RunGenerators(_compilation.Clone());

    /// <summary>After a run, a class is added in another file: every model should come from the cache.</summary>
    [Benchmark, BenchmarkCategory(Categories.Generator)]
    public GeneratorDriver UnrelatedEdit() => _warmDriver.RunGenerators(_compilation.AddSyntaxTrees(_unrelatedTree));

    /// <summary>After a run, one interface gains a method: only its file should be emitted again.</summary>
    [Benchmark, BenchmarkCategory(Categories.Generator)]
    public GeneratorDriver OneInterfaceEdit() => _warmDriver.RunGenerators(_compilation.ReplaceSyntaxTree(_originalTree, _editedTree));

    private static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new BindgenGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static SyntaxTree Parse(string text, string path) =>
        CSharpSyntaxTree.ParseText(text, ParseOptions, path: path, encoding: Encoding.UTF8);

    private static void Verify(GeneratorDriver driver, int expectedSources)
    {
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
        {
            throw new InvalidOperationException("the generator threw", result.Exception);
        }

        if (!result.Diagnostics.IsEmpty)
        {
            throw new InvalidOperationException("the generator reported: " + string.Join("; ", result.Diagnostics));
        }

        if (result.GeneratedSources.Length != expectedSources)
        {
            throw new InvalidOperationException($"expected {expectedSources} generated files, got {result.GeneratedSources.Length}");
        }
    }

    private const string SharedSource = """
        namespace Generated.Bench
        {
            public enum Mode { Off, On, Auto }
            public enum Mask : ulong { None = 0, High = 0x8000000000000000 }
        }
        """;

    /// <summary>One interface: 10 methods drawn in rotation from every parameter and result kind.</summary>
    internal static string InterfaceSource(int index, bool extraMethod)
    {
        var text = new StringBuilder();
        text.AppendLine("using System;");
        text.AppendLine("using Bindgen;");
        text.AppendLine();
        text.AppendLine($"namespace Generated.Bench.Group{index % 10};");
        text.AppendLine();
        text.AppendLine("[WasmModule]");
        text.AppendLine($"public interface IModule{index:D3}");
        text.AppendLine("{");
        for (int j = 0; j < MethodsPerInterface; j++)
        {
            text.Append("    ").AppendLine(Method((index + j) % MethodsPerInterface, j));
        }

        if (extraMethod)
        {
            text.AppendLine("    int AddedLater(int value, string text);");
        }

        text.AppendLine("}");
        return text.ToString();
    }

    private static string Method(int kind, int j) => kind switch
    {
        0 => $"int AddI32N{j}(int a, int b);",
        1 => $"long MaskI64N{j}(long value, uint mask);",
        2 => $"double ScaleN{j}(float x, double y);",
        3 => $"bool TestBitsN{j}(bool flag, ulong bits);",
        4 => $"string ToUpperN{j}(string text);",
        5 => $"int ChecksumN{j}(ReadOnlySpan<byte> data);",
        6 => $"byte[] TransformN{j}(byte[] data, int seed);",
        7 => $"void FillN{j}(Span<byte> buffer, int value);",
        8 => $"global::Generated.Bench.Mode NextModeN{j}(global::Generated.Bench.Mode mode, global::Generated.Bench.Mask mask, string label);",
        _ => $"[WasmExport(\"describe_{j}\")] string DescribeN{j}(int n, long big, bool flag, string text);",
    };

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = new List<string>(Directory.GetFiles(frameworkDirectory, "System*.dll"))
        {
            Path.Combine(frameworkDirectory, "netstandard.dll"),
            Path.Combine(frameworkDirectory, "mscorlib.dll"),
            typeof(GuestMemory).Assembly.Location,
            typeof(Wasmtime.Instance).Assembly.Location,
        };

        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (string path in paths.Distinct())
        {
            using (FileStream stream = File.OpenRead(path))
            using (var pe = new PEReader(stream))
            {
                if (!pe.HasMetadata)
                {
                    continue;
                }
            }

            references.Add(MetadataReference.CreateFromFile(path));
        }

        return references.ToImmutable();
    }
}
