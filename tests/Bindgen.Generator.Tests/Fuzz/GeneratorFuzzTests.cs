using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NUnit.Framework;

namespace Bindgen.Generator.Tests.Fuzz;

/// <summary>
/// Runs the generator over thousands of random projects (<see cref="FuzzSourceBuilder"/>, fixed seeds) and checks
/// what a user relies on: the generator never throws or reports BG0099; when the user's own code compiles, the
/// project with the generated code compiles too; and every binding interface without a BG error is bound,
/// whatever its siblings contain. <c>BINDGEN_FUZZ_CASES</c> (default 6000: one to four minutes, as loaded as the
/// machine is) and <c>BINDGEN_FUZZ_FIRST_SEED</c> run a larger or another range outside CI (docs/architecture.md).
/// </summary>
public sealed class GeneratorFuzzTests
{
    private const string FirstSeedVariable = "BINDGEN_FUZZ_FIRST_SEED";
    private const string CasesVariable = "BINDGEN_FUZZ_CASES";

    [Test]
    public void Random_projects_never_break_the_generator_and_accepted_bindings_compile()
    {
        int first = EnvironmentInt(FirstSeedVariable, 1);
        int count = EnvironmentInt(CasesVariable, 6000);
        CSharpCompilation empty = GeneratorHarness.CreateCompilation();
        _ = empty.GetDiagnostics(); // bind the references once; every case's compilation shares them

        var failures = new ConcurrentQueue<Failure>();
        int userCompiles = 0, bindingsChecked = 0, bindingsRefused = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(first, first + count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, seed =>
        {
            CaseOutcome outcome = RunCase(empty, FuzzSourceBuilder.Build(seed));
            if (outcome.Failure is not null)
            {
                failures.Enqueue(new Failure(seed, outcome.Kind ?? "other", outcome.Failure));
            }

            if (outcome.UserCodeCompiles)
            {
                Interlocked.Increment(ref userCompiles);
            }

            Interlocked.Add(ref bindingsChecked, outcome.BindingsChecked);
            Interlocked.Add(ref bindingsRefused, outcome.BindingsRefused);
        });

        TestContext.Out.WriteLine($"{count} cases in {clock.Elapsed.TotalSeconds:F1} s: user code compiled in {userCompiles}; "
            + $"{bindingsChecked} bindings without a BG error found generated, {bindingsRefused} refused with one.");
        // Every failure's kind (the first compiler error's code, or what went wrong) with its count and first seeds,
        // then the first failures in full: one run shows every class of bug, not only the first five cases.
        string kinds = string.Join("\n", failures
            .GroupBy(f => f.Kind)
            .OrderByDescending(g => g.Count())
            .Select(g => $"{g.Count(),5} x {g.Key} (seeds {string.Join(", ", g.Select(f => f.Seed).Order().Take(8))})"));
        Assert.That(failures, Is.Empty, $"{failures.Count} failing seeds by kind:\n{kinds}\n\n" + string.Join("\n\n", failures.OrderBy(f => f.Seed).Take(5).Select(f => $"seed {f.Seed}: {f.Text}")));

        // The fuzzer must exercise both sides: projects that compile, and bindings of each verdict.
        Assert.That(userCompiles, Is.GreaterThan(count / 4), "cases whose user code compiles");
        Assert.That(bindingsChecked, Is.GreaterThan(count / 5), "bindings checked to be generated");
        Assert.That(bindingsRefused, Is.GreaterThan(count / 10), "bindings refused with a BG error");
    }

    private static CaseOutcome RunCase(CSharpCompilation empty, FuzzCase fuzzCase)
    {
        SyntaxTree[] trees = fuzzCase.Sources
            .Select((text, i) => CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: $"Case{fuzzCase.Seed}_{i}.cs"))
            .ToArray();
        CSharpCompilation input = empty.AddSyntaxTrees(trees);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
                [new BindgenGenerator().AsSourceGenerator()],
                [new InMemoryAdditionalText("obj/bindgen/fuzz.wasm.bindgen", FuzzSourceBuilder.FuzzModuleDescription)],
                parseOptions: GeneratorHarness.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();

        string Describe(string what) => what + "\n--- sources ---\n" + string.Join("\n--- next file ---\n", fuzzCase.Sources);

        if (run.Exception is not null)
        {
            return CaseOutcome.Failed(Describe("the generator threw " + run.Exception), "generator threw " + run.Exception.GetType().Name);
        }

        Diagnostic? broken = driverDiagnostics.Concat(run.Diagnostics).FirstOrDefault(d => d.Id is "BG0099" or "CS8785");
        if (broken is not null)
        {
            return CaseOutcome.Failed(Describe("the generator failed: " + broken), broken.Id);
        }

        if (input.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new CaseOutcome(null, UserCodeCompiles: false, 0, 0);
        }

        Diagnostic[] errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            string generated = string.Join("\n--- generated ---\n", run.GeneratedSources.Select(s => s.HintName + "\n" + s.SourceText));
            return CaseOutcome.Failed(Describe("the generated code does not compile:\n" + string.Join("\n", errors.Take(5).Select(e => e.ToString())) + "\n--- generated ---\n" + generated)
                + "\nBG diagnostics: " + string.Join("\n", run.Diagnostics), "does not compile: " + errors[0].Id + (trees.Contains(errors[0].Location.SourceTree) ? " in the user's code" : " in generated code") + (run.Diagnostics.IsEmpty ? " (no BG diagnostic)" : string.Empty));
        }

        return CheckEveryAcceptedBindingIsGenerated(input, output, run, Describe);
    }

    /// <summary>Each binding interface with no BG error in its declaration has its class in the output.</summary>
    private static CaseOutcome CheckEveryAcceptedBindingIsGenerated(CSharpCompilation input, Compilation output, GeneratorRunResult run, Func<string, string> describe)
    {
        int checkedCount = 0, refused = 0;
        foreach (SyntaxTree tree in input.SyntaxTrees)
        {
            SemanticModel model = input.GetSemanticModel(tree);
            foreach (InterfaceDeclarationSyntax declaration in tree.GetRoot().DescendantNodes().OfType<InterfaceDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is not INamedTypeSymbol symbol)
                {
                    continue;
                }

                foreach (AttributeData attribute in symbol.GetAttributes())
                {
                    string? attributeName = attribute.AttributeClass?.ToDisplayString();
                    if (attributeName is not ("Bindgen.WasmModuleAttribute" or "Bindgen.WasmImportsAttribute"))
                    {
                        continue;
                    }

                    bool hasError = run.Diagnostics.Any(d => d.Location.GetLineSpan().Path == tree.FilePath && declaration.FullSpan.Contains(d.Location.SourceSpan))
                        || symbol.DeclaringSyntaxReferences.Length > 1 && run.Diagnostics.Any(d => d.Id.StartsWith("BG", StringComparison.Ordinal));
                    if (hasError)
                    {
                        refused++;
                        continue;
                    }

                    checkedCount++;
                    string expected = ExpectedClassName(symbol, attribute, imports: attributeName == "Bindgen.WasmImportsAttribute");
                    bool found = output.GetSymbolsWithName(expected, SymbolFilter.Type).OfType<INamedTypeSymbol>().Any(t =>
                        SymbolEqualityComparer.Default.Equals(t.ContainingNamespace?.OriginalDefinition, output.GetTypeByMetadataName(MetadataName(symbol))?.ContainingNamespace)
                        && t.Locations.Any(l => l.SourceTree is { } s && !input.SyntaxTrees.Contains(s)));
                    if (!found)
                    {
                        return CaseOutcome.Failed(describe($"'{symbol.Name}' has no BG error but class '{expected}' was not generated"), "binding without a BG error not generated");
                    }
                }
            }
        }

        return new CaseOutcome(null, UserCodeCompiles: true, checkedCount, refused);
    }

    /// <summary>The documented naming rule: ClassName, else the name without its leading I, else Name + "Binding".</summary>
    private static string ExpectedClassName(INamedTypeSymbol symbol, AttributeData attribute, bool imports)
    {
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == "ClassName" && named.Value.Value is string given)
            {
                return given;
            }
        }

        string name = symbol.Name;
        string derived = name.Length >= 2 && name[0] == 'I' && char.IsUpper(name[1]) ? name.Substring(1) : name + "Binding";
        string[] members = imports ? ["ModuleName", "Define", "Binding"] : ["Instance", "Memory", "Instantiate", "Binding"];
        return members.Contains(derived) ? derived + "Binding" : derived;
    }

    private static string MetadataName(INamedTypeSymbol symbol)
    {
        var parts = new List<string> { symbol.MetadataName };
        for (INamespaceSymbol? ns = symbol.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            parts.Insert(0, ns.MetadataName);
        }

        return string.Join(".", parts);
    }

    private static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out int value) ? value : fallback;

    private sealed record CaseOutcome(string? Failure, bool UserCodeCompiles, int BindingsChecked, int BindingsRefused, string? Kind = null)
    {
        public static CaseOutcome Failed(string failure, string kind) => new(failure, UserCodeCompiles: true, 0, 0, kind);
    }

    private sealed record Failure(int Seed, string Kind, string Text);
}
