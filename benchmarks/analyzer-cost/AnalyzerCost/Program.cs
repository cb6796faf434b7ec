using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Text;

namespace Bindgen.AnalyzerCost;

/// <summary>
/// Runs the Bindgen analyzer alone over one project's compilation, several times, and prints for each run the CPU
/// time of its callbacks (<see cref="CpuTimedAnalyzer"/>: its own code, the control-flow graphs and method bodies it
/// asks for, the compiling of its code on first use), the wall-clock time the driver attributes to it, and the
/// diagnostics and exceptions it produced. The compilation is rebuilt from the compiler's command line as the build
/// logged it (`dotnet build -v:d`), so it is the compilation the build analyzes. Each run uses a fresh compilation:
/// nothing the compiler or the analyzer caches survives from one run to the next.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: AnalyzerCost <build log with the csc command line> <Bindgen.Analyzers.dll> [runs=10] [project dir]");
            return 2;
        }

        string log = args[0];
        string analyzerPath = Path.GetFullPath(args[1]);
        int runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
        string projectDir = args.Length > 3 ? Path.GetFullPath(args[3]) : Path.GetDirectoryName(Path.GetFullPath(log))!;

        string[] cscArgs = CscArguments(log);
        CSharpCommandLineArguments parsed = CSharpCommandLineParser.Default.Parse(cscArgs, projectDir, sdkDirectory: null);
        foreach (Diagnostic error in parsed.Errors)
        {
            Console.Error.WriteLine(error);
        }

        SyntaxTree[] trees = parsed.SourceFiles
            .Select(file => CSharpSyntaxTree.ParseText(
                SourceText.From(File.ReadAllText(file.Path), System.Text.Encoding.UTF8), parsed.ParseOptions, file.Path))
            .ToArray();
        MetadataReference[] references = parsed.MetadataReferences
            .Select(reference => (MetadataReference)MetadataReference.CreateFromFile(Path.GetFullPath(reference.Reference, projectDir)))
            .ToArray();

        DiagnosticAnalyzer analyzer = LoadAnalyzer(analyzerPath);
        Console.WriteLine($"{trees.Length} files, {trees.Sum(t => t.GetText().Lines.Count)} lines, {references.Length} references");

        // The first run would otherwise also pay for compiling (JIT) the parts of Roslyn that build operation trees and
        // control-flow graphs, which the compiler ships precompiled: run an analyzer that asks for those first.
        RunOnce(trees, references, parsed, new WarmUpAnalyzer(), "warm-up (Roslyn's operations and control-flow graphs)");

        var times = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            times.Add(RunOnce(trees, references, parsed, new CpuTimedAnalyzer(analyzer), $"run {run + 1}"));
        }

        Console.WriteLine($"first run (the analyzer's code compiled on first use): {times[0]:F3} s CPU");
        times.Sort();
        Console.WriteLine($"median analyzer CPU time {times[times.Count / 2]:F3} s over {runs} runs (min {times[0]:F3}, max {times[^1]:F3}); " +
            "the first run includes compiling the analyzer's own code (JIT), as in a build without the compiler server");
        return 0;
    }

    private static double RunOnce(SyntaxTree[] trees, MetadataReference[] references, CSharpCommandLineArguments parsed, DiagnosticAnalyzer analyzer, string label)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Measured", trees, references, parsed.CompilationOptions);
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, _, _) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true);
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options);
        TimeSpan jitBefore = System.Runtime.JitInfo.GetCompilationTime();
        long methodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        var wall = Stopwatch.StartNew();
        ImmutableArray<Diagnostic> diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).Result;
        wall.Stop();
        TimeSpan jit = System.Runtime.JitInfo.GetCompilationTime() - jitBefore;
        long methods = System.Runtime.JitInfo.GetCompiledMethodCount() - methodsBefore;
        AnalyzerTelemetryInfo telemetry = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).Result;
        double cpu = analyzer is CpuTimedAnalyzer timed ? timed.CpuTime.TotalSeconds : double.NaN;
        Console.WriteLine(
            $"{label}: analyzer CPU {cpu:F3} s, wall {telemetry.ExecutionTime.TotalSeconds:F3} s (driver wall {wall.Elapsed.TotalSeconds:F3} s, includes binding; " +
            $"JIT on all threads {jit.TotalSeconds:F3} s for {methods} methods), {diagnostics.Length} diagnostics, {exceptions.Count} exceptions");
        foreach (Diagnostic diagnostic in diagnostics.Take(20))
        {
            Console.WriteLine("  " + diagnostic);
        }

        foreach (Exception exception in exceptions.Take(5))
        {
            Console.WriteLine("  exception: " + exception);
        }

        return cpu;
    }

    /// <summary>The arguments of the last csc invocation in the log, without the analyzers the build loaded.</summary>
    private static string[] CscArguments(string log)
    {
        string? line = File.ReadLines(log).LastOrDefault(l => l.Contains("csc", StringComparison.Ordinal) && l.Contains(" /noconfig ", StringComparison.Ordinal));
        if (line is null)
        {
            throw new InvalidOperationException($"No csc command line in {log}: build with -v:d --no-incremental.");
        }

        string commandLine = line.Substring(line.IndexOf("/noconfig", StringComparison.Ordinal));
        return CSharpCommandLineParser.SplitCommandLineIntoArguments(commandLine, removeHashComments: false)
            .Where(a => !a.StartsWith("/analyzer:", StringComparison.Ordinal) && !a.StartsWith("/analyzerconfig:", StringComparison.Ordinal))
            .ToArray();
    }

    /// <summary>Builds the operation tree and control-flow graph of every body, and reports nothing.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class WarmUpAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Unused = new("WARM0001", "unused", "unused", "unused", DiagnosticSeverity.Hidden, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unused);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(
                c => _ = c.GetControlFlowGraph(),
                OperationKind.MethodBody,
                OperationKind.ConstructorBody);
        }
    }

    private static DiagnosticAnalyzer LoadAnalyzer(string path)
    {
        Assembly assembly = Assembly.LoadFrom(path);
        Type type = assembly.GetType("Bindgen.Analyzers.GuestViewAnalyzer", throwOnError: true)!;
        return (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
    }
}
