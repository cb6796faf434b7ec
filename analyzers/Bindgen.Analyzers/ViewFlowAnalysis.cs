using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bindgen.Analyzers;

/// <summary>
/// Forward may-dataflow over one control-flow graph (a method body, lambda or local function): tracks which
/// variables hold views of guest memory and whether, on some path, a call that may grow guest memory ran since
/// each view was taken. Reports BG1001 at reads of stale views and BG1002 where a guest address escapes.
/// </summary>
internal sealed class ViewFlowAnalysis
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

        AnalyzeNestedFunctions();
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

    /// <summary>For <c>f?.Invoke()</c> the whole conditional access, not just <c>.Invoke()</c>.</summary>
    private static SyntaxNode GrowSyntax(SyntaxNode syntax)
    {
        while (syntax.Parent is ConditionalAccessExpressionSyntax access && access.WhenNotNull == syntax)
        {
            syntax = access;
        }

        return syntax;
    }

    private static string Shorten(string text)
    {
        text = text.Trim();
        return text.Length <= MaxNameLength ? text : text.Substring(0, MaxNameLength - 3) + "...";
    }

    private static bool IsAddressType(ITypeSymbol? type) =>
        type is not null
        && (type.TypeKind == TypeKind.Pointer
            || type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Int64 or SpecialType.System_UInt64);

    private static bool CanHoldView(ITypeSymbol? type, bool byRef) =>
        byRef || (type is not null && (type.IsRefLikeType || type.TypeKind == TypeKind.Pointer));

    private static ViewKind KindOf(ITypeSymbol? type) => IsAddressType(type) ? ViewKind.Address : ViewKind.Span;

    /// <summary>Evaluates the operations of one block in evaluation order, updating the state.</summary>
    private sealed class Walker
    {
        private readonly ViewFlowAnalysis _analysis;
        private readonly bool _reporting;
        private readonly List<GrowEvent> _growsByEpoch = new();
        private readonly Dictionary<IOperation, int> _pendingLoads = new();
        private int _epoch;

        public Walker(ViewFlowAnalysis analysis, FlowState state, bool reporting)
        {
            _analysis = analysis;
            State = state;
            _reporting = reporting;
        }

        public FlowState State { get; }

        /// <summary>When set, collects every intermediate state (an exception may leave the block at any point).</summary>
        public FlowState? Intermediate { get; set; }

        private BodyContext Context => _analysis._context;

        public void NoteIntermediate() => Intermediate?.JoinWith(State);

        public void Visit(IOperation? operation)
        {
            switch (operation)
            {
                case null:
                    return;
                case ILocalReferenceOperation or IParameterReferenceOperation or IFlowCaptureReferenceOperation:
                    Read(operation);
                    return;
                case ISimpleAssignmentOperation assignment:
                    VisitAssignment(assignment);
                    return;
                case IFlowCaptureOperation capture:
                    Visit(capture.Value);
                    CheckConsumed(capture);
                    if (Context.GrowingDelegateName(capture.Value, _analysis._delegateCaptures) is { } delegateName)
                    {
                        _analysis._delegateCaptures[capture.Id] = delegateName;
                    }

                    ViewFact? fact = Classify(capture.Value, byRef: false);
                    State.Set(new Slot(capture.Id), fact?.WithName(fact.Name ?? CaptureName(capture.Value)));
                    return;
                case IFlowAnonymousFunctionOperation lambda:
                    if (_reporting)
                    {
                        _analysis._lambdas.Add(lambda);
                    }

                    return;
                case IDeclarationExpressionOperation:
                    return;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out } argument:
                    // An out argument is written by the call, not read.
                    if (DeclaredOrReferencedSlot(argument.Value) is null)
                    {
                        Visit(argument.Value);
                    }

                    return;
                case IInvocationOperation or IPropertyReferenceOperation or IObjectCreationOperation:
                    VisitChildren(operation);
                    CheckConsumed(operation);
                    if (Context.GrowName(operation, _analysis._delegateCaptures) is { } growName)
                    {
                        Grow(new GrowEvent(growName, GrowSyntax(operation.Syntax)));
                    }

                    AssignOutArguments(operation);
                    NoteProducedView(operation);
                    return;
                default:
                    VisitChildren(operation);
                    if (operation is not (IConversionOperation or IParenthesizedOperation or IArgumentOperation))
                    {
                        CheckConsumed(operation);
                        NoteProducedView(operation);
                    }

                    return;
            }
        }

        /// <summary>
        /// A view produced by an expression (<c>memory.GetSpan(..)</c>, <c>span.Slice(..)</c>) and passed straight to
        /// a consumer is pending like a variable's load: a call that may grow memory before the consumer runs
        /// makes it stale.
        /// </summary>
        private void NoteProducedView(IOperation operation)
        {
            if (operation.Type is { } type && (type.IsRefLikeType || type.TypeKind == TypeKind.Pointer || IsAddressType(type))
                && Classify(operation, byRef: false) is not null)
            {
                _pendingLoads[operation] = _epoch;
            }
        }

        private void VisitChildren(IOperation operation)
        {
            IOperation? target = AssignmentTarget(operation);
            foreach (IOperation child in operation.ChildOperations)
            {
                if (child == target)
                {
                    VisitTarget(child);
                }
                else
                {
                    Visit(child);
                }
            }
        }

        private static IOperation? AssignmentTarget(IOperation operation) => operation switch
        {
            IAssignmentOperation assignment => assignment.Target,
            IIncrementOrDecrementOperation increment => increment.Target,
            _ => null,
        };

        /// <summary>
        /// Visits the target of an assignment. An element of a view (<c>span[i]</c>, <c>*p</c>, <c>p[i]</c>) is
        /// written when the assignment completes, so the view's load stays pending until then.
        /// </summary>
        private void VisitTarget(IOperation target)
        {
            switch (target)
            {
                case IPropertyReferenceOperation { Property.ReturnsByRef: true } or IImplicitIndexerReferenceOperation:
                case { Kind: OperationKind.None }:
                    foreach (IOperation child in target.ChildOperations)
                    {
                        Visit(child);
                    }

                    return;
                default:
                    Visit(target);
                    return;
            }
        }

        private void Grow(GrowEvent grow)
        {
            _epoch++;
            _growsByEpoch.Add(grow);
            State.Grow(grow);
            NoteIntermediate();
        }

        private void Read(IOperation reference)
        {
            if (reference is ILocalReferenceOperation local)
            {
                CheckCapture(local, local.Local);
            }
            else if (reference is IParameterReferenceOperation parameter)
            {
                CheckCapture(parameter, parameter.Parameter);
            }

            Slot? slot = SlotOf(reference);
            if (slot is null || !State.TryGet(slot.Value, out ViewFact fact))
            {
                return;
            }

            if (IsAddressComparison(reference))
            {
                // Comparing an address (p != before) reads no guest memory: it is how code detects a move.
                return;
            }

            if (fact.StaleAfter is { } grow)
            {
                ReportStale(reference, fact, grow);
            }
            else
            {
                _pendingLoads[reference] = _epoch;
            }
        }

        private static bool IsAddressComparison(IOperation reference)
        {
            if (reference.Type is not { } type || type.IsRefLikeType)
            {
                return false;
            }

            IOperation? parent = reference.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            return parent is IBinaryOperation
            {
                OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals
                    or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
                    or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual,
            };
        }

        private void CheckCapture(IOperation reference, ISymbol symbol)
        {
            if (!_reporting
                || _analysis._capturedAddresses.IsEmpty
                || SymbolEqualityComparer.Default.Equals(symbol.ContainingSymbol, _analysis._owner)
                || !_analysis._capturedAddresses.Contains(symbol)
                || !_analysis._reportedCaptures.Add(symbol))
            {
                return;
            }

            string how = _analysis._owner is IMethodSymbol { MethodKind: MethodKind.LocalFunction } localFunction
                ? $"captured by local function '{localFunction.Name}'"
                : "captured by a lambda";
            ReportEscape(reference, symbol.Name, how);
        }

        /// <summary>
        /// A view loaded as an operand is used when its consumer runs. If a call that may grow memory ran between
        /// the load and the consumer (a later argument, the right-hand side of <c>span[i] = ...</c>), the consumer
        /// uses a stale view.
        /// </summary>
        private void CheckConsumed(IOperation consumer)
        {
            if (_pendingLoads.Count == 0)
            {
                return;
            }

            IOperation? assignmentTarget = AssignmentTarget(consumer);

            foreach (IOperation child in consumer.ChildOperations)
            {
                CheckDirectLoads(child, child == assignmentTarget);
            }
        }

        private void CheckDirectLoads(IOperation? operation, bool isAssignmentTarget)
        {
            switch (operation)
            {
                case null:
                    return;
                case ILocalReferenceOperation or IParameterReferenceOperation or IFlowCaptureReferenceOperation:
                    if (_pendingLoads.TryGetValue(operation, out int epoch))
                    {
                        _pendingLoads.Remove(operation);
                        if (epoch < _epoch && SlotOf(operation) is { } slot && State.TryGet(slot, out ViewFact fact))
                        {
                            ReportStale(operation, fact, _growsByEpoch[epoch]);
                        }
                    }

                    return;
                case IConversionOperation conversion:
                    CheckDirectLoads(conversion.Operand, false);
                    return;
                case IInvocationOperation or IPropertyReferenceOperation or IObjectCreationOperation or IImplicitIndexerReferenceOperation or IBinaryOperation or IAddressOfOperation
                    when !isAssignmentTarget && _pendingLoads.TryGetValue(operation, out int producedEpoch):
                    _pendingLoads.Remove(operation);
                    if (producedEpoch < _epoch)
                    {
                        ReportStale(operation, new ViewFact(ViewKind.Span, null, Shorten(operation.Syntax.ToString())), _growsByEpoch[producedEpoch]);
                    }

                    return;
                case IParenthesizedOperation parenthesized:
                    CheckDirectLoads(parenthesized.Operand, false);
                    return;
                case IArgumentOperation argument:
                    CheckDirectLoads(argument.Value, false);
                    return;
                case IPropertyReferenceOperation property when isAssignmentTarget && property.Property.ReturnsByRef:
                    CheckDirectLoads(property.Instance, false);
                    return;
                case IImplicitIndexerReferenceOperation indexer when isAssignmentTarget:
                    CheckDirectLoads(indexer.Instance, false);
                    return;
                default:
                    if (isAssignmentTarget && operation.Kind == OperationKind.None)
                    {
                        // Pointer indirection and pointer element access.
                        foreach (IOperation child in operation.ChildOperations)
                        {
                            CheckDirectLoads(child, false);
                        }
                    }

                    return;
            }
        }

        private void VisitAssignment(ISimpleAssignmentOperation assignment)
        {
            IOperation target = assignment.Target;
            bool writesThroughRef = !assignment.IsRef && target is ILocalReferenceOperation { Local.IsRef: true };
            Slot? slot = target is ILocalReferenceOperation or IParameterReferenceOperation && !writesThroughRef ? SlotOf(target) : null;
            if (slot is null)
            {
                VisitTarget(target);
            }

            Visit(assignment.Value);
            CheckConsumed(assignment);

            ViewFact? fact = Classify(assignment.Value, assignment.IsRef);
            if (slot is { } written)
            {
                if (fact is not null && fact.Kind == ViewKind.Address && !assignment.IsRef && !IsAddressType(target.Type) && target.Type?.IsRefLikeType != true)
                {
                    // Converted to something that is not an address (for example boxed): no longer tracked.
                    fact = null;
                }

                State.Set(written, fact);
                if (fact is { Kind: ViewKind.Address } && written.Symbol is ILocalSymbol local)
                {
                    _analysis._addressLocals.Add(local);
                }

                if (fact is { Kind: ViewKind.Address } && target is IParameterReferenceOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } parameter)
                {
                    ReportEscapeOf(assignment.Value, fact, $"assigned to parameter '{parameter.Parameter.Name}'");
                }

                return;
            }

            if (fact is not { Kind: ViewKind.Address })
            {
                return;
            }

            switch (target)
            {
                case IFieldReferenceOperation field:
                    ReportEscapeOf(assignment.Value, fact, $"stored in {(field.Field.IsStatic ? "static field" : "field")} '{field.Field.Name}'");
                    break;
                case IPropertyReferenceOperation property when !property.Property.IsIndexer:
                    ReportEscapeOf(assignment.Value, fact, $"stored in {(property.Property.IsStatic ? "static property" : "property")} '{property.Property.Name}'");
                    break;
                case IPropertyReferenceOperation property when Classify(property.Instance, false) is null:
                    ReportEscapeOf(assignment.Value, fact, "stored in a collection");
                    break;
                case IArrayElementReferenceOperation:
                    ReportEscapeOf(assignment.Value, fact, "stored in an array");
                    break;
            }
        }

        public void CheckReturn(IOperation returned)
        {
            if (_analysis._ownerIsGuestView)
            {
                return;
            }

            bool byRef = _analysis._owner is IMethodSymbol { ReturnsByRef: true } or IMethodSymbol { ReturnsByRefReadonly: true };
            if (Classify(returned, byRef) is { Kind: ViewKind.Address } fact)
            {
                string how = _analysis._owner switch
                {
                    IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } => "returned from a lambda",
                    IMethodSymbol { AssociatedSymbol: IPropertySymbol property } => $"returned from '{property.Name}'",
                    IMethodSymbol method => $"returned from '{method.Name}'",
                    _ => "returned",
                };
                ReportEscapeOf(returned, fact, how);
            }
        }

        private void AssignOutArguments(IOperation call)
        {
            ImmutableArray<IArgumentOperation> arguments;
            IMethodSymbol? method;
            switch (call)
            {
                case IInvocationOperation invocation:
                    arguments = invocation.Arguments;
                    method = invocation.TargetMethod;
                    break;
                case IObjectCreationOperation creation:
                    arguments = creation.Arguments;
                    method = creation.Constructor;
                    break;
                default:
                    return;
            }

            bool producesViews = method is not null && Context.Symbols.ProducesViewsThroughArguments(method);
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter?.RefKind != RefKind.Out || DeclaredOrReferencedSlot(argument.Value) is not { } slot)
                {
                    continue;
                }

                ITypeSymbol? type = argument.Value.Type;
                ViewFact? fact = producesViews && CanHoldView(type, false) ? new ViewFact(KindOf(type), null, null) : null;
                State.Set(slot, fact);
                if (fact is { Kind: ViewKind.Address } && slot.Symbol is ILocalSymbol local)
                {
                    _analysis._addressLocals.Add(local);
                }
            }
        }

        /// <summary>Classifies the value an operation produces: a view (fresh or stale), or null for anything else.</summary>
        private ViewFact? Classify(IOperation? operation, bool byRef)
        {
            switch (operation)
            {
                case null:
                    return null;
                case IParenthesizedOperation parenthesized:
                    return Classify(parenthesized.Operand, byRef);
                case ILocalReferenceOperation or IParameterReferenceOperation or IFlowCaptureReferenceOperation:
                    // A copy of a view; a stale source is reported where it is read.
                    return SlotOf(operation) is { } slot && State.TryGet(slot, out ViewFact fact) ? fact.WithStale(null) : null;
                case IInvocationOperation invocation:
                    if (Context.Symbols.IsViewSourceMethod(invocation.TargetMethod))
                    {
                        return new ViewFact(KindOf(invocation.Type), null, null);
                    }

                    if (!CanHoldView(invocation.Type, byRef && invocation.TargetMethod.ReturnsByRef))
                    {
                        return null;
                    }

                    return Derived(invocation.Type, Combine(Classify(invocation.Instance, false), ClassifyArguments(invocation.Arguments)));
                case IObjectCreationOperation creation:
                    return CanHoldView(creation.Type, false) ? Derived(creation.Type, ClassifyArguments(creation.Arguments)) : null;
                case IPropertyReferenceOperation property:
                    if (Context.Symbols.IsGuestView(property.Property))
                    {
                        return new ViewFact(KindOf(property.Type), null, null);
                    }

                    return CanHoldView(property.Type, byRef && property.Property.ReturnsByRef)
                        ? Derived(property.Type, Classify(property.Instance, false))
                        : null;
                case IImplicitIndexerReferenceOperation indexer:
                    return CanHoldView(indexer.Type, byRef) ? Derived(indexer.Type, Classify(indexer.Instance, false)) : null;
                case IConversionOperation conversion:
                    ViewFact? operand = Classify(conversion.Operand, false);
                    return operand is not null && (CanHoldView(conversion.Type, false) || IsAddressType(conversion.Type))
                        ? Derived(conversion.Type, operand)
                        : null;
                case IAddressOfOperation addressOf:
                    return Classify(addressOf.Reference, true) is not null ? new ViewFact(ViewKind.Address, null, null) : null;
                case IBinaryOperation binary:
                    if (!IsAddressType(binary.Type))
                    {
                        return null;
                    }

                    ViewFact? left = Classify(binary.LeftOperand, false);
                    ViewFact? right = Classify(binary.RightOperand, false);
                    ViewFact? single = left is null ? right : right is null ? left : null;
                    return single is { Kind: ViewKind.Address } ? Derived(binary.Type, single) : null;
                case IConditionalOperation conditional:
                    return Combine(Classify(conditional.WhenTrue, byRef), Classify(conditional.WhenFalse, byRef));
                case ICoalesceOperation coalesce:
                    return Combine(Classify(coalesce.Value, byRef), Classify(coalesce.WhenNull, byRef));
                default:
                    if (operation.Kind == OperationKind.None && CanHoldView(operation.Type, byRef))
                    {
                        // fixed-statement initializers, pointer indirection and pointer element access.
                        ViewFact? combined = null;
                        foreach (IOperation child in operation.ChildOperations)
                        {
                            combined = Combine(combined, Classify(child, true));
                        }

                        return Derived(operation.Type, combined);
                    }

                    return null;
            }
        }

        private ViewFact? ClassifyArguments(ImmutableArray<IArgumentOperation> arguments)
        {
            ViewFact? combined = null;
            foreach (IArgumentOperation argument in arguments)
            {
                RefKind refKind = argument.Parameter?.RefKind ?? RefKind.None;
                if (refKind == RefKind.Out)
                {
                    continue;
                }

                combined = Combine(combined, Classify(argument.Value, refKind != RefKind.None));
            }

            return combined;
        }

        /// <summary>
        /// A view derived from another (a slice, a cast, a pointer into it). It is tracked as fresh: if its source
        /// was stale, that read is what gets reported, once, rather than every use of the derived view.
        /// </summary>
        private static ViewFact? Derived(ITypeSymbol? type, ViewFact? source) =>
            source is null ? null : new ViewFact(KindOf(type), null, null);

        private static ViewFact? Combine(ViewFact? a, ViewFact? b) =>
            a is null ? b : b is null ? a : new ViewFact(a.Kind > b.Kind ? a.Kind : b.Kind, ViewFact.Later(a.StaleAfter, b.StaleAfter), a.Name ?? b.Name);

        private static Slot? SlotOf(IOperation reference) => reference switch
        {
            ILocalReferenceOperation local => new Slot(local.Local),
            IParameterReferenceOperation parameter => new Slot(parameter.Parameter),
            IFlowCaptureReferenceOperation capture => new Slot(capture.Id),
            _ => null,
        };

        private static Slot? DeclaredOrReferencedSlot(IOperation operation) => operation switch
        {
            IDeclarationExpressionOperation declaration => DeclaredOrReferencedSlot(declaration.Expression),
            ILocalReferenceOperation local => new Slot(local.Local),
            IParameterReferenceOperation parameter => new Slot(parameter.Parameter),
            _ => null,
        };

        private string CaptureName(IOperation value) =>
            BodyContext.Unwrap(value) switch
            {
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                IInvocationOperation { Instance: ILocalReferenceOperation local } => local.Local.Name,
                _ => Shorten(value.Syntax.ToString()),
            };

        private static string NameOf(IOperation reference, ViewFact fact) => reference switch
        {
            ILocalReferenceOperation local => local.Local.Name,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            _ => fact.Name ?? Shorten(reference.Syntax.ToString()),
        };

        private void ReportStale(IOperation reference, ViewFact fact, GrowEvent grow)
        {
            if (!_reporting)
            {
                return;
            }

            Context.Report(Diagnostic.Create(
                DiagnosticDescriptors.StaleView,
                reference.Syntax.GetLocation(),
                additionalLocations: new[] { grow.Syntax.GetLocation() },
                properties: ImmutableDictionary<string, string?>.Empty.Add(DiagnosticDescriptors.GrowNameProperty, grow.Name),
                messageArgs: new object[] { NameOf(reference, fact), grow.Name }));
        }

        private void ReportEscapeOf(IOperation value, ViewFact fact, string how)
        {
            IOperation? unwrapped = BodyContext.Unwrap(value);
            string name = unwrapped is ILocalReferenceOperation or IParameterReferenceOperation or IFlowCaptureReferenceOperation
                ? NameOf(unwrapped, fact)
                : Shorten(value.Syntax.ToString());
            ReportEscape(value, name, how);
        }

        private void ReportEscape(IOperation at, string name, string how)
        {
            if (!_reporting)
            {
                return;
            }

            Context.Report(Diagnostic.Create(DiagnosticDescriptors.EscapingAddress, at.Syntax.GetLocation(), name, how));
        }
    }
}
