using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bindgen.Analyzers;

/// <summary>
/// Where the delegates a body invokes come from. A delegate from Wasmtime calls into the guest; one created from a
/// lambda or method group does what its target does; one whose origin the analyzer cannot see (a parameter, a field
/// set from outside, the result of a call) may be a Wasmtime function when its signature could be one.
/// </summary>
internal sealed partial class BodyContext
{
    private readonly Dictionary<ILocalSymbol, List<IOperation>> _localValues = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, bool> _delegateGrows = new(SymbolEqualityComparer.Default);

    private void AddLocalValue(ILocalSymbol local, IOperation value)
    {
        if (local.Type.TypeKind != TypeKind.Delegate)
        {
            return;
        }

        if (!_localValues.TryGetValue(local, out List<IOperation>? values))
        {
            _localValues[local] = values = new List<IOperation>();
        }

        values.Add(value);
    }

    /// <summary>
    /// Returns the name of the guest-calling delegate <paramref name="instance"/> refers to, or null. Flow captures
    /// (compiler temporaries, as in <c>f?.Invoke()</c>) are looked up in <paramref name="captures"/>.
    /// </summary>
    public string? GrowingDelegateName(IOperation? instance, IReadOnlyDictionary<CaptureId, string>? captures = null)
    {
        instance = Unwrap(instance);
        if (instance is IFlowCaptureReferenceOperation capture)
        {
            return captures is not null && captures.TryGetValue(capture.Id, out string? captured) ? captured : null;
        }

        if (!DelegateValueGrows(instance, captures))
        {
            return null;
        }

        return instance switch
        {
            ILocalReferenceOperation local => local.Local.Name,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            IFieldReferenceOperation field => field.Field.Name,
            IPropertyReferenceOperation property => property.Property.Name,
            IInvocationOperation invocation => invocation.TargetMethod.Name,
            IDelegateCreationOperation { Target: IMethodReferenceOperation reference } => reference.Method.Name,
            _ => "delegate",
        };
    }

    /// <summary>True when invoking the delegate <paramref name="value"/> evaluates to may call into the guest (directly or not).</summary>
    private bool DelegateValueGrows(IOperation? value, IReadOnlyDictionary<CaptureId, string>? captures)
    {
        value = Unwrap(value);
        switch (value)
        {
            case null or ILiteralOperation or IDefaultValueOperation:
                return false;
            case IFlowCaptureReferenceOperation capture:
                return captures is not null && captures.ContainsKey(capture.Id);
            case IDelegateCreationOperation creation:
                return DelegateValueGrows(creation.Target, captures);
            case IAnonymousFunctionOperation lambda:
                return ContainsGrow(lambda.Body);
            case IFlowAnonymousFunctionOperation flowLambda:
                // Inside a control-flow graph a lambda is a reference to the original one.
                return _lambdas.TryGetValue(flowLambda.Syntax, out IAnonymousFunctionOperation? original) && ContainsGrow(original.Body);
            case IMethodReferenceOperation reference:
                return MethodGroupGrows(reference);
            case IInvocationOperation invocation when WasmSymbols.IsDelegateSource(invocation):
                return true;
            case ILocalReferenceOperation local:
                return LocalDelegateGrows(local.Local);
            case IParameterReferenceOperation parameter:
                if (_summaryOwner is not null && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, _summaryOwner))
                {
                    // The caller knows what it passes: the summary records the parameter instead.
                    _invokedOwnerDelegates.Add(parameter.Parameter.Ordinal);
                    return false;
                }

                return WasmSymbols.HasWasmSignature(parameter.Type);
            case IFieldReferenceOperation field:
                return MemberDelegateGrows(field.Field, field.Type);
            case IPropertyReferenceOperation property:
                return MemberDelegateGrows(property.Property, property.Type);
            case IConditionalOperation conditional:
                return DelegateValueGrows(conditional.WhenTrue, captures) || DelegateValueGrows(conditional.WhenFalse, captures);
            case ICoalesceOperation coalesce:
                return DelegateValueGrows(coalesce.Value, captures) || DelegateValueGrows(coalesce.WhenNull, captures);
            default:
                return TypeDelegateFacts.HoldsWasmDelegate(value) || WasmSymbols.HasWasmSignature(value.Type);
        }
    }

    private bool MethodGroupGrows(IMethodReferenceOperation reference)
    {
        IMethodSymbol method = reference.Method;
        return method.MethodKind switch
        {
            MethodKind.DelegateInvoke => DelegateValueGrows(reference.Instance, null),
            MethodKind.LocalFunction => LocalFunctionGrows(method.OriginalDefinition),
            _ => Symbols.MayGrow(method) || Summaries.GrowSummaryOf(method).MayGrow,
        };
    }

    private bool LocalDelegateGrows(ILocalSymbol local)
    {
        if (_delegateGrows.TryGetValue(local, out bool grows))
        {
            return grows;
        }

        // Guard against cycles (f = g; g = f): assume "no" while the values are looked at.
        _delegateGrows[local] = false;
        if (_localValues.TryGetValue(local, out List<IOperation>? values))
        {
            foreach (IOperation value in values)
            {
                if (DelegateValueGrows(value, null))
                {
                    grows = true;
                    break;
                }
            }
        }
        else
        {
            // Assigned where the analyzer does not look (an out argument, a pattern, a foreach variable).
            grows = WasmSymbols.HasWasmSignature(local.Type);
        }

        _delegateGrows[local] = grows;
        return grows;
    }

    private bool MemberDelegateGrows(ISymbol member, ITypeSymbol? type)
    {
        member = member.OriginalDefinition;
        if (_delegateGrows.TryGetValue(member, out bool grows))
        {
            return grows;
        }

        _delegateGrows[member] = false;
        TypeDelegateFacts facts = Summaries.FactsFor(member.ContainingType);
        if (facts.Contains(member))
        {
            grows = true;
        }
        else
        {
            bool assigned = false;
            foreach (IOperation value in facts.ValuesOf(member))
            {
                assigned = true;
                if (DelegateValueGrows(value, null))
                {
                    grows = true;
                    break;
                }
            }

            // Never assigned in its type: set from outside, where the analyzer does not look.
            grows |= !assigned && WasmSymbols.HasWasmSignature(type);
        }

        _delegateGrows[member] = grows;
        return grows;
    }
}
