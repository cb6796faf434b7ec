using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bindgen.Analyzers;

/// <summary>Reporting: BG1001 at stale reads, BG1002 where an address escapes, and the names shown in messages.</summary>
internal sealed partial class ViewFlowAnalysis
{
    private static string Shorten(string text)
    {
        text = text.Trim();
        return text.Length <= MaxNameLength ? text : text.Substring(0, MaxNameLength - 3) + "...";
    }

    private sealed partial class Walker
    {
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

        public void CheckReturn(IOperation returned)
        {
            bool byRef = _analysis._owner is IMethodSymbol { ReturnsByRef: true } or IMethodSymbol { ReturnsByRefReadonly: true };
            if (Context.IsSummary)
            {
                _analysis._returnsView |= Classify(returned, byRef) is not null;
                return;
            }

            if (_analysis._ownerIsGuestView)
            {
                return;
            }

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

        /// <summary>
        /// BG1003: views passed to a call that may grow guest memory. Wasmtime's own calls (Memory.Grow, Function.Invoke)
        /// take no views; every other growing callee may read its view arguments after it grew memory, a delegate made
        /// from a lambda included (guest delegates take only numbers, so no view ever reaches one).
        /// </summary>
        private void CheckViewArguments(IOperation call, string growName)
        {
            if (!_reporting)
            {
                return;
            }

            ImmutableArray<IArgumentOperation> arguments;
            switch (call)
            {
                case IInvocationOperation invocation
                    when !WasmSymbols.IsWasmtime(invocation.TargetMethod.ContainingType):
                    arguments = invocation.Arguments;
                    break;
                case IObjectCreationOperation creation:
                    arguments = creation.Arguments;
                    break;
                default:
                    return;
            }

            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter is not { RefKind: not RefKind.Out } parameter
                    || !CanHoldView(parameter.Type, parameter.RefKind != RefKind.None)
                    || Classify(argument.Value, parameter.RefKind != RefKind.None) is not { } fact)
                {
                    continue;
                }

                IOperation value = BodyContext.Unwrap(argument.Value) ?? argument.Value;
                if (SlotOf(value) is { } slot && State.TryGet(slot, out ViewFact held) && held.StaleAfter is not null)
                {
                    // Already stale: the read is reported as BG1001.
                    continue;
                }

                string name = value is ILocalReferenceOperation or IParameterReferenceOperation or IFlowCaptureReferenceOperation
                    ? NameOf(value, fact)
                    : Shorten(value.Syntax.ToString());
                bool copyable = fact.Kind == ViewKind.Span && IsReadOnlySpan(parameter.Type) && WasmSymbols.IsSpanType(value.Type);
                Context.Report(Diagnostic.Create(
                    DiagnosticDescriptors.ViewPassedToGrowingCall,
                    value.Syntax.GetLocation(),
                    properties: copyable
                        ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticDescriptors.CopyableProperty, "true")
                        : ImmutableDictionary<string, string?>.Empty,
                    messageArgs: new object[] { name, growName }));
            }
        }

        private static bool IsReadOnlySpan(ITypeSymbol type) => WasmSymbols.IsSpanType(type) && type.Name == "ReadOnlySpan";

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
