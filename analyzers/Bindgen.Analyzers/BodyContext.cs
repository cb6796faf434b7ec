using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Bindgen.Analyzers;

/// <summary>
/// Per-method-body knowledge shared by the flow analyses of the body and of the lambdas and local
/// functions inside it: which delegates call into the guest, which local functions may grow memory,
/// and the diagnostics already reported.
/// </summary>
internal sealed class BodyContext
{
    private readonly HashSet<ILocalSymbol> _growingDelegateLocals = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, ILocalFunctionOperation> _localFunctions = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, bool> _localFunctionGrows = new(SymbolEqualityComparer.Default);
    private readonly HashSet<(string Id, TextSpan Span)> _reported = new();
    private readonly Action<Diagnostic> _report;

    public BodyContext(WasmSymbols symbols, TypeDelegateFacts typeFacts, IOperation body, Action<Diagnostic> report)
    {
        Symbols = symbols;
        TypeFacts = typeFacts;
        _report = report;

        foreach (IOperation operation in body.DescendantsAndSelf())
        {
            if (operation is ILocalFunctionOperation localFunction && !_localFunctions.ContainsKey(localFunction.Symbol))
            {
                _localFunctions.Add(localFunction.Symbol, localFunction);
            }
        }

        // Delegates taken from Instance.GetFunction/GetAction (or Function.WrapFunc/WrapAction) call into the guest.
        foreach (IOperation operation in body.DescendantsAndSelf())
        {
            if (TryGetLocalAssignment(operation, out ILocalSymbol? local, out IOperation? value) && TypeDelegateFacts.HoldsWasmDelegate(value))
            {
                _growingDelegateLocals.Add(local);
            }
        }

        // Lambdas stored in locals whose body may grow memory (one level deep).
        foreach (IOperation operation in body.DescendantsAndSelf())
        {
            if (TryGetLocalAssignment(operation, out ILocalSymbol? local, out IOperation? value) && !_growingDelegateLocals.Contains(local))
            {
                foreach (IOperation inner in value.DescendantsAndSelf())
                {
                    if (inner is IAnonymousFunctionOperation lambda && ContainsGrow(lambda.Body))
                    {
                        _growingDelegateLocals.Add(local);
                        break;
                    }
                }
            }
        }
    }

    public WasmSymbols Symbols { get; }

    public TypeDelegateFacts TypeFacts { get; }

    public void Report(Diagnostic diagnostic)
    {
        if (_reported.Add((diagnostic.Id, diagnostic.Location.SourceSpan)))
        {
            _report(diagnostic);
        }
    }

    private static bool TryGetLocalAssignment(IOperation operation, out ILocalSymbol local, out IOperation value)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                local = target.Local;
                value = assignment.Value;
                return true;
            case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                local = declarator.Symbol;
                value = initializer.Value;
                return true;
            default:
                local = null!;
                value = null!;
                return false;
        }
    }

    /// <summary>The name to show for a call that may grow guest memory, or null when the operation cannot grow it.</summary>
    public string? GrowName(IOperation operation, IReadOnlyDictionary<CaptureId, string>? captures = null)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                IMethodSymbol method = invocation.TargetMethod;
                if (method.MethodKind == MethodKind.DelegateInvoke)
                {
                    return GrowingDelegateName(invocation.Instance, captures);
                }

                if (method.MethodKind == MethodKind.LocalFunction)
                {
                    return LocalFunctionGrows(method.OriginalDefinition) ? method.Name : null;
                }

                return Symbols.MayGrow(method) ? method.Name : null;
            case IPropertyReferenceOperation property:
                return Symbols.MayGrow(property.Property) ? property.Property.Name : null;
            case IObjectCreationOperation { Constructor: { } constructor }:
                return WasmSymbols.HasAttribute(constructor, WasmSymbols.MayGrowMemoryAttribute) ? constructor.ContainingType.Name : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Returns the name of the guest-calling delegate <paramref name="instance"/> refers to, or null. Flow captures
    /// (compiler temporaries, as in <c>f?.Invoke()</c>) are looked up in <paramref name="captures"/>.
    /// </summary>
    public string? GrowingDelegateName(IOperation? instance, IReadOnlyDictionary<CaptureId, string>? captures = null)
    {
        instance = Unwrap(instance);
        switch (instance)
        {
            case ILocalReferenceOperation local when _growingDelegateLocals.Contains(local.Local):
                return local.Local.Name;
            case IFieldReferenceOperation field when TypeFacts.Contains(field.Field):
                return field.Field.Name;
            case IPropertyReferenceOperation property when TypeFacts.Contains(property.Property):
                return property.Property.Name;
            case IInvocationOperation invocation when WasmSymbols.IsDelegateSource(invocation):
                return invocation.TargetMethod.Name;
            case IFlowCaptureReferenceOperation capture when captures is not null && captures.TryGetValue(capture.Id, out string? name):
                return name;
            default:
                return null;
        }
    }

    private bool LocalFunctionGrows(IMethodSymbol localFunction)
    {
        if (_localFunctionGrows.TryGetValue(localFunction, out bool grows))
        {
            return grows;
        }

        // Guard against recursion: assume "no" while the body is being looked at.
        _localFunctionGrows[localFunction] = false;
        grows = _localFunctions.TryGetValue(localFunction, out ILocalFunctionOperation? declaration)
            && (ContainsGrow(declaration.Body) || ContainsGrow(declaration.IgnoredBody));
        _localFunctionGrows[localFunction] = grows;
        return grows;
    }

    /// <summary>True when running <paramref name="operation"/> may grow memory; lambdas and local functions declared inside do not run.</summary>
    private bool ContainsGrow(IOperation? operation)
    {
        if (operation is null)
        {
            return false;
        }

        if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
        {
            return false;
        }

        if (GrowName(operation) is not null)
        {
            return true;
        }

        foreach (IOperation child in operation.ChildOperations)
        {
            if (ContainsGrow(child))
            {
                return true;
            }
        }

        return false;
    }

    public static IOperation? Unwrap(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }
}
