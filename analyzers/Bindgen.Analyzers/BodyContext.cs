using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Bindgen.Analyzers;

/// <summary>
/// Per-method-body knowledge shared by the flow analyses of the body and of the lambdas and local
/// functions inside it: which calls may grow guest memory (through the compilation's method summaries),
/// which delegates call into the guest, and the diagnostics already reported.
/// </summary>
internal sealed partial class BodyContext
{
    private readonly Dictionary<IMethodSymbol, ILocalFunctionOperation> _localFunctions = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, bool> _localFunctionGrows = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<SyntaxNode, IAnonymousFunctionOperation> _lambdas = new();
    private readonly HashSet<(string Id, TextSpan Span)> _reported = new();
    private readonly Action<Diagnostic>? _report;
    private readonly IMethodSymbol? _summaryOwner;
    private readonly SortedSet<int> _invokedOwnerDelegates = new();

    /// <param name="summaries">The compilation's method summaries.</param>
    /// <param name="body">The body (the original operation tree, not the control-flow graph).</param>
    /// <param name="report">Where diagnostics go; null while summarizing.</param>
    /// <param name="summaryOwner">
    /// While summarizing a method: the method. Invoking its own delegate parameters is then recorded (the call site
    /// knows the arguments) instead of counting as a call into the guest.
    /// </param>
    public BodyContext(MethodSummaries summaries, IOperation body, Action<Diagnostic>? report, IMethodSymbol? summaryOwner = null)
    {
        Summaries = summaries;
        _report = report;
        _summaryOwner = summaryOwner;

        foreach (IOperation operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case ILocalFunctionOperation localFunction when !_localFunctions.ContainsKey(localFunction.Symbol):
                    _localFunctions.Add(localFunction.Symbol, localFunction);
                    break;
                case IAnonymousFunctionOperation lambda:
                    _lambdas[lambda.Syntax] = lambda;
                    break;
                default:
                    if (TryGetLocalAssignment(operation, out ILocalSymbol? local, out IOperation? value))
                    {
                        AddLocalValue(local, value);
                    }

                    break;
            }
        }
    }

    public MethodSummaries Summaries { get; }

    public WasmSymbols Symbols => Summaries.Symbols;

    /// <summary>True while the body is being summarized for its callers rather than checked.</summary>
    public bool IsSummary => _report is null;

    public void Report(Diagnostic diagnostic)
    {
        if (_report is not null && _reported.Add((diagnostic.Id, diagnostic.Location.SourceSpan)))
        {
            _report(diagnostic);
        }
    }

    /// <summary>While summarizing: the ordinals of the owner's delegate parameters invoked (or passed on to be invoked).</summary>
    public ImmutableArray<int> InvokedOwnerDelegates() => _invokedOwnerDelegates.ToImmutableArray();

    /// <summary>True when the method reads a view of guest memory it returns (a source or a method summarized as one).</summary>
    public bool IsViewSourceMethod(IMethodSymbol method) => Symbols.IsViewSourceMethod(method) || Summaries.ReturnsView(method);

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

                return Symbols.MayGrow(method) || SummaryGrows(method, invocation.Arguments, captures) ? method.Name : null;
            case IPropertyReferenceOperation property:
                return Symbols.MayGrow(property.Property) || AccessorGrows(property, captures) ? property.Property.Name : null;
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                return Symbols.Has(constructor, WasmSymbols.MayGrowMemoryAttribute) || SummaryGrows(constructor, creation.Arguments, captures)
                    ? constructor.ContainingType.Name
                    : null;
            default:
                return null;
        }
    }

    /// <summary>True when the inferred summary says the call may grow memory, given the delegates passed to it.</summary>
    private bool SummaryGrows(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, IReadOnlyDictionary<CaptureId, string>? captures)
    {
        GrowSummary summary = Summaries.GrowSummaryOf(method);
        if (summary.MayGrow)
        {
            return true;
        }

        foreach (int ordinal in summary.InvokedDelegateParameters)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal && DelegateValueGrows(argument.Value, captures))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool AccessorGrows(IPropertyReferenceOperation property, IReadOnlyDictionary<CaptureId, string>? captures)
    {
        // The setter runs when the property is assigned; the getter otherwise.
        IMethodSymbol? accessor = property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property
            ? property.Property.SetMethod
            : property.Property.GetMethod;
        return accessor is not null && SummaryGrows(accessor, property.Arguments, captures);
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

    /// <summary>True when running the body may grow guest memory (used to summarize a method).</summary>
    public bool MayGrow(IOperation body) => ContainsGrow(body);

    /// <summary>True when running <paramref name="operation"/> may grow memory; lambdas and local functions declared inside do not run.</summary>
    private bool ContainsGrow(IOperation? operation)
    {
        if (operation is null || operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
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
