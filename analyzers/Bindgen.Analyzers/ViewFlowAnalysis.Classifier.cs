using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bindgen.Analyzers;

/// <summary>The classifier: which values are views of guest memory, and of what kind.</summary>
internal sealed partial class ViewFlowAnalysis
{
    private static bool IsAddressType(ITypeSymbol? type) =>
        type is not null
        && (type.TypeKind == TypeKind.Pointer
            || type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Int64 or SpecialType.System_UInt64);

    private static bool CanHoldView(ITypeSymbol? type, bool byRef) =>
        byRef || (type is not null && (type.IsRefLikeType || type.TypeKind == TypeKind.Pointer));

    private static ViewKind KindOf(ITypeSymbol? type) => IsAddressType(type) ? ViewKind.Address : ViewKind.Span;

    private sealed partial class Walker
    {
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
                    if (Context.IsViewSourceMethod(invocation.TargetMethod))
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
    }
}
