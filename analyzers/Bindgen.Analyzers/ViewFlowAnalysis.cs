using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bindgen.Analyzers;

/// <summary>
/// Forward may-dataflow over one control-flow graph (a method body, lambda or local function): tracks which
/// variables hold views of guest memory and whether, on some path, a call that may grow guest memory ran since
/// each view was taken. Reports BG1001 at reads of stale views and BG1002 where a guest address escapes.
/// </summary>
internal sealed partial class ViewFlowAnalysis
{
    private const int MaxPasses = 64;
    private const int MaxNameLength = 40;

    private readonly BodyContext _context;
    private readonly ControlFlowGraph _cfg;
    private readonly ISymbol? _owner;
    private readonly bool _ownerIsGuestView;
    private readonly ImmutableHashSet<ISymbol> _capturedAddresses;
    private readonly CancellationToken _cancellationToken;
    private readonly HashSet<ISymbol> _addressLocals = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<CaptureId, string> _delegateCaptures = new();
    private readonly HashSet<ISymbol> _reportedCaptures = new(SymbolEqualityComparer.Default);
    private readonly List<IFlowAnonymousFunctionOperation> _lambdas = new();
    private bool _returnsView;

    private ViewFlowAnalysis(
        BodyContext context,
        ControlFlowGraph cfg,
        ISymbol? owner,
        ImmutableHashSet<ISymbol> capturedAddresses,
        CancellationToken cancellationToken)
    {
        _context = context;
        _cfg = cfg;
        _owner = owner;
        _ownerIsGuestView = owner is not null && context.Symbols.IsGuestView(owner);
        _capturedAddresses = capturedAddresses;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Analyzes a method body and, recursively, the lambdas and local functions in it.</summary>
    public static void AnalyzeBody(BodyContext context, ControlFlowGraph cfg, ISymbol owner, CancellationToken cancellationToken)
    {
        var initial = new FlowState();
        if (owner is IMethodSymbol method && context.Symbols.ImplementsWasmImports(method))
        {
            // Span parameters of a host import are views of guest memory lent for the call.
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                if (parameter.RefKind == RefKind.None && WasmSymbols.IsSpanType(parameter.Type))
                {
                    initial.Set(new Slot(parameter), new ViewFact(ViewKind.Span, null, null));
                }
            }
        }

        var analysis = new ViewFlowAnalysis(context, cfg, owner, ImmutableHashSet.Create<ISymbol>(SymbolEqualityComparer.Default), cancellationToken);
        analysis.Run(initial);
    }

    /// <summary>Summarizes a method for its callers: true when a value it returns is a view of guest memory.</summary>
    public static bool ReturnsView(BodyContext context, ControlFlowGraph cfg, IMethodSymbol method, CancellationToken cancellationToken)
    {
        var analysis = new ViewFlowAnalysis(context, cfg, method, ImmutableHashSet.Create<ISymbol>(SymbolEqualityComparer.Default), cancellationToken);
        analysis.Run(new FlowState());
        return analysis._returnsView;
    }

    private void Run(FlowState initial)
    {
        ImmutableArray<BasicBlock> blocks = _cfg.Blocks;
        var inStates = new FlowState?[blocks.Length];
        var handlerEntries = new List<int>?[blocks.Length];
        var finallyExits = new Dictionary<ControlFlowRegion, HashSet<int>>();
        var finallyEnds = new ControlFlowRegion?[blocks.Length];

        foreach (BasicBlock block in blocks)
        {
            handlerEntries[block.Ordinal] = HandlerEntries(block);
            foreach (ControlFlowBranch? branch in new[] { block.FallThroughSuccessor, block.ConditionalSuccessor })
            {
                if (branch is null || branch.FinallyRegions.IsEmpty)
                {
                    continue;
                }

                ImmutableArray<ControlFlowRegion> regions = branch.FinallyRegions;
                for (int i = 0; i < regions.Length; i++)
                {
                    int? next = i + 1 < regions.Length ? regions[i + 1].FirstBlockOrdinal : branch.Destination?.Ordinal;
                    if (next is int target)
                    {
                        if (!finallyExits.TryGetValue(regions[i], out HashSet<int>? targets))
                        {
                            finallyExits[regions[i]] = targets = new HashSet<int>();
                        }

                        targets.Add(target);
                    }

                    finallyEnds[regions[i].LastBlockOrdinal] = regions[i];
                }
            }
        }

        inStates[0] = initial;
        bool changed = true;
        for (int pass = 0; changed && pass < MaxPasses; pass++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            changed = false;
            foreach (BasicBlock block in blocks)
            {
                FlowState? input = inStates[block.Ordinal];
                if (input is null)
                {
                    continue;
                }

                List<int>? handlers = handlerEntries[block.Ordinal];
                FlowState? intermediate = handlers is null ? null : input.Clone();
                FlowState output = Transfer(block, input, reporting: false, intermediate);

                foreach (ControlFlowBranch? branch in new[] { block.FallThroughSuccessor, block.ConditionalSuccessor })
                {
                    if (branch is null)
                    {
                        continue;
                    }

                    if (!branch.FinallyRegions.IsEmpty)
                    {
                        changed |= MergeInto(inStates, branch.FinallyRegions[0].FirstBlockOrdinal, output);
                    }
                    else if (branch.Destination is { } destination)
                    {
                        changed |= MergeInto(inStates, destination.Ordinal, output);
                    }
                }

                // The end of a finally region continues wherever the branches that ran it were going.
                if (finallyEnds[block.Ordinal] is { } finallyRegion && finallyExits.TryGetValue(finallyRegion, out HashSet<int>? exits))
                {
                    foreach (int exit in exits)
                    {
                        changed |= MergeInto(inStates, exit, output);
                    }
                }

                // An exception may leave a try block anywhere: handlers see every state inside it.
                if (handlers is not null && intermediate is not null)
                {
                    intermediate.JoinWith(output);
                    foreach (int handler in handlers)
                    {
                        changed |= MergeInto(inStates, handler, intermediate);
                    }
                }
            }
        }

        foreach (BasicBlock block in blocks)
        {
            if (inStates[block.Ordinal] is { } input)
            {
                Transfer(block, input, reporting: true);
            }
        }

        if (!_context.IsSummary)
        {
            AnalyzeNestedFunctions();
        }
    }

    private void AnalyzeNestedFunctions()
    {
        ImmutableHashSet<ISymbol> captured = _capturedAddresses.Union(_addressLocals);
        var initial = new FlowState();
        foreach (ISymbol symbol in captured)
        {
            initial.Set(new Slot(symbol), new ViewFact(ViewKind.Address, null, null));
        }

        foreach (IFlowAnonymousFunctionOperation lambda in _lambdas)
        {
            ControlFlowGraph nested = _cfg.GetAnonymousFunctionControlFlowGraph(lambda, _cancellationToken);
            new ViewFlowAnalysis(_context, nested, lambda.Symbol, captured, _cancellationToken).Run(initial.Clone());
        }

        foreach (IMethodSymbol localFunction in _cfg.LocalFunctions)
        {
            ControlFlowGraph nested = _cfg.GetLocalFunctionControlFlowGraph(localFunction, _cancellationToken);
            new ViewFlowAnalysis(_context, nested, localFunction, captured, _cancellationToken).Run(initial.Clone());
        }
    }

    private static bool MergeInto(FlowState?[] states, int ordinal, FlowState state)
    {
        if (ordinal < 0 || ordinal >= states.Length)
        {
            return false;
        }

        if (states[ordinal] is { } existing)
        {
            return existing.JoinWith(state);
        }

        states[ordinal] = state.Clone();
        return true;
    }

    private static List<int>? HandlerEntries(BasicBlock block)
    {
        List<int>? entries = null;
        for (ControlFlowRegion? region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind != ControlFlowRegionKind.Try || region.EnclosingRegion is not { } tryAndHandlers)
            {
                continue;
            }

            foreach (ControlFlowRegion handler in tryAndHandlers.NestedRegions)
            {
                if (handler != region)
                {
                    (entries ??= new List<int>()).Add(handler.FirstBlockOrdinal);
                }
            }
        }

        return entries;
    }

    private FlowState Transfer(BasicBlock block, FlowState input, bool reporting, FlowState? intermediate = null)
    {
        var walker = new Walker(this, input.Clone(), reporting) { Intermediate = intermediate };
        foreach (IOperation operation in block.Operations)
        {
            walker.Visit(operation);
            walker.NoteIntermediate();
        }

        if (block.BranchValue is { } branchValue)
        {
            walker.Visit(branchValue);
            if (reporting && block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return)
            {
                walker.CheckReturn(branchValue);
            }
        }

        return walker.State;
    }
}
