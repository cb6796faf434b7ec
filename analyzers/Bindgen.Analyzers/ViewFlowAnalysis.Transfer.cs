using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bindgen.Analyzers;

/// <summary>
/// The transfer function: evaluates the operations of a basic block in evaluation order, marking views stale at
/// calls that may grow guest memory and checking each read of a view.
/// </summary>
internal sealed partial class ViewFlowAnalysis
{
    /// <summary>For <c>f?.Invoke()</c> the whole conditional access, not just <c>.Invoke()</c>.</summary>
    private static SyntaxNode GrowSyntax(SyntaxNode syntax)
    {
        while (syntax.Parent is ConditionalAccessExpressionSyntax access && access.WhenNotNull == syntax)
        {
            syntax = access;
        }

        return syntax;
    }

    /// <summary>Evaluates the operations of one block in evaluation order, updating the state.</summary>
    private sealed partial class Walker
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
                        CheckViewArguments(operation, growName);
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
    }
}
