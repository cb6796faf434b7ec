using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bindgen.Analyzers;

/// <summary>
/// Finds views of WebAssembly guest memory (spans and pointers from Wasmtime's Memory, Caller, [GuestView]
/// members, borrowed import parameters and the user's own methods that return views) that are used after a call
/// that may grow the memory (BG1001), guest addresses that escape the code that took them (BG1002), and views
/// passed to a call that may grow the memory (BG1003). Calls into the user's own methods are judged by summaries
/// inferred from their bodies (<see cref="MethodSummaries"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GuestViewAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        WasmSymbols? symbols = WasmSymbols.TryCreate(context.Compilation);
        if (symbols is null)
        {
            return;
        }

        // One set of method summaries per compilation: each method's body is read once, whoever calls it. Delegate
        // fields are looked up in their type's declarations when needed, so a body can be analyzed as soon as it is seen.
        var bodies = new BodyAnalysis(new MethodSummaries(context.Compilation, symbols, context.CancellationToken));
        // Method and constructor bodies; expression-bodied properties and indexers have a root block instead.
        context.RegisterOperationAction(bodies.AnalyzeBody, OperationKind.MethodBody, OperationKind.ConstructorBody, OperationKind.Block);
    }

    private sealed class BodyAnalysis
    {
        private readonly MethodSummaries _summaries;

        public BodyAnalysis(MethodSummaries summaries)
        {
            _summaries = summaries;
        }

        public void AnalyzeBody(OperationAnalysisContext context)
        {
            ISymbol owner = context.ContainingSymbol;
            if ((context.Operation.Kind == OperationKind.Block && context.Operation.Parent is not null)
                || !MayContainViews(context.Operation, owner))
            {
                return;
            }

            ControlFlowGraph? graph = TryGetGraph(context);
            if (graph is not null)
            {
                Analyze(graph, owner, context.ReportDiagnostic, context.CancellationToken);
            }
        }

        private void Analyze(ControlFlowGraph graph, ISymbol owner, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            try
            {
                var body = new BodyContext(_summaries, graph.OriginalOperation, report);
                ViewFlowAnalysis.AnalyzeBody(body, graph, owner, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException && !ThrowUnexpected)
            {
                // An analyzer must not fail the build on code it does not understand (incomplete code,
                // operation shapes a later compiler introduces): skip the body.
            }
        }

        private static ControlFlowGraph? TryGetGraph(OperationAnalysisContext context)
        {
            try
            {
                return context.GetControlFlowGraph();
            }
            catch (Exception e) when (e is not OperationCanceledException && !ThrowUnexpected)
            {
                return null;
            }
        }

        /// <summary>Cheap pre-check: does the body take a view, or receive borrowed views, at all?</summary>
        private bool MayContainViews(IOperation body, ISymbol owner)
        {
            if (owner is IMethodSymbol method)
            {
                // The parameters first: finding which interface members a method implements is far dearer.
                foreach (IParameterSymbol parameter in method.Parameters)
                {
                    if (WasmSymbols.IsSpanType(parameter.Type))
                    {
                        if (_summaries.Symbols.ImplementsWasmImports(method))
                        {
                            return true;
                        }

                        break;
                    }
                }
            }

            return _summaries.ContainsViewSource(body);
        }
    }

#if DEBUG
    // Debug builds (the test suite) surface analyzer bugs instead of hiding them.
    internal const bool ThrowUnexpected = true;
#else
    internal const bool ThrowUnexpected = false;
#endif
}
