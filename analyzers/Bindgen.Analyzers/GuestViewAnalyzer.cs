using System;
using System.Collections.Generic;
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
        // One callback per member body (methods, constructors, accessors; expression-bodied properties and indexers
        // have a root block instead). An operation action on blocks would also be called for every nested block.
        context.RegisterOperationBlockAction(bodies.AnalyzeBlocks);
    }

    private sealed class BodyAnalysis
    {
        private readonly MethodSummaries _summaries;

        public BodyAnalysis(MethodSummaries summaries)
        {
            _summaries = summaries;
        }

        public void AnalyzeBlocks(OperationBlockAnalysisContext context)
        {
            // Usually one root; a few when a constructor has an initializer or a parameter has a default value.
            var analyzed = new List<IOperation>(1);
            foreach (IOperation block in context.OperationBlocks)
            {
                // A method's blocks (its body, a constructor's initializer) hang under one method-body operation,
                // the root its control-flow graph is built from. Parameter default values and field or property
                // initializers have roots of their own, with no statements to analyze.
                IOperation root = block;
                while (root.Parent is not null)
                {
                    root = root.Parent;
                }

                if (root is not (IMethodBodyBaseOperation or IBlockOperation) || analyzed.Contains(root))
                {
                    continue;
                }

                analyzed.Add(root);

                ISymbol owner = OwnerOf(context.OwningSymbol);
                if (!MayContainViews(root, owner))
                {
                    continue;
                }

                // Asked with the block the driver handed out; the graph is the root's.
                ControlFlowGraph? graph = TryGetGraph(context, block);
                if (graph is not null)
                {
                    Analyze(graph, owner, context.ReportDiagnostic, context.CancellationToken);
                }
            }
        }

        /// <summary>The method a body belongs to: an expression-bodied property's block is its getter's body.</summary>
        private static ISymbol OwnerOf(ISymbol owningSymbol) =>
            owningSymbol is IPropertySymbol { GetMethod: { } getter } ? getter : owningSymbol;

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

        private static ControlFlowGraph? TryGetGraph(OperationBlockAnalysisContext context, IOperation root)
        {
            try
            {
                return context.GetControlFlowGraph(root);
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
