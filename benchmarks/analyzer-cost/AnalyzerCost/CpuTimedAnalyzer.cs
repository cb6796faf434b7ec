using System;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bindgen.AnalyzerCost;

/// <summary>
/// Runs another analyzer and adds up the CPU time its callbacks take on the threads that run them. The driver's own
/// figure (and the compiler's ReportAnalyzer) is wall-clock time inside the callbacks, which grows with whatever else
/// the machine is doing; the threads' CPU time does not, so it can compare two versions of the analyzer on a busy
/// machine. Linux only (clock_gettime with CLOCK_THREAD_CPUTIME_ID). Supports what the Bindgen analyzer registers:
/// compilation-start actions and, inside them, operation and operation-block actions.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class CpuTimedAnalyzer : DiagnosticAnalyzer
{
    private readonly DiagnosticAnalyzer _inner;
    private long _nanoseconds;

    public CpuTimedAnalyzer(DiagnosticAnalyzer inner)
    {
        _inner = inner;
    }

    /// <summary>CPU time spent in the wrapped analyzer's callbacks so far.</summary>
    public TimeSpan CpuTime => TimeSpan.FromTicks(Interlocked.Read(ref _nanoseconds) / 100);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => _inner.Initialize(new Context(context, this));

    private void Measure<T>(Action<T> action, T argument)
    {
        long start = ThreadCpuNanoseconds();
        try
        {
            action(argument);
        }
        finally
        {
            Interlocked.Add(ref _nanoseconds, ThreadCpuNanoseconds() - start);
        }
    }

    private static long ThreadCpuNanoseconds()
    {
        const int ClockThreadCpuTimeId = 3;
        if (clock_gettime(ClockThreadCpuTimeId, out Timespec time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: CPU time is measured on Linux only.");
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clockId, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private sealed class Context : AnalysisContext
    {
        private readonly AnalysisContext _context;
        private readonly CpuTimedAnalyzer _owner;

        public Context(AnalysisContext context, CpuTimedAnalyzer owner)
        {
            _context = context;
            _owner = owner;
        }

        public override void EnableConcurrentExecution() => _context.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => _context.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
            _context.RegisterCompilationStartAction(c => _owner.Measure(action, new StartContext(c, _owner)));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw Unsupported();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported();

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported();

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            _context.RegisterOperationAction(c => _owner.Measure(action, c), operationKinds);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) =>
            _context.RegisterOperationBlockAction(c => _owner.Measure(action, c));
    }

    // The same registrations as Context, refused the same way: the two base classes declare them separately.
    private sealed class StartContext : CompilationStartAnalysisContext
    {
        private readonly CompilationStartAnalysisContext _context;
        private readonly CpuTimedAnalyzer _owner;

        public StartContext(CompilationStartAnalysisContext context, CpuTimedAnalyzer owner)
            : base(context.Compilation, context.Options, context.CancellationToken)
        {
            _context = context;
            _owner = owner;
        }

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            _context.RegisterOperationAction(c => _owner.Measure(action, c), operationKinds);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) =>
            _context.RegisterOperationBlockAction(c => _owner.Measure(action, c));

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => throw Unsupported();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported();

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported();
    }

    private static NotSupportedException Unsupported() =>
        new("The measured analyzer registers an action this wrapper does not time; add it to CpuTimedAnalyzer.");
}
