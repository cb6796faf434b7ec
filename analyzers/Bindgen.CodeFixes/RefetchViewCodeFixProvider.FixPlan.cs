using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bindgen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace Bindgen.CodeFixes;

/// <summary>How BG1001 fixes are planned: which local, which growing statement, re-fetch or move.</summary>
public sealed partial class RefetchViewCodeFixProvider
{
    /// <summary>How one BG1001 diagnostic is fixed.</summary>
    private sealed class FixPlan
    {
        private FixPlan(string localName, StatementSyntax growStatement, ExpressionSyntax? source, LocalDeclarationStatementSyntax? moveDeclaration, string growName)
        {
            LocalName = localName;
            GrowStatement = growStatement;
            Source = source;
            MoveDeclaration = moveDeclaration;
            Title = moveDeclaration is null
                ? $"Re-fetch '{localName}' after '{growName}'"
                : $"Take '{localName}' after '{growName}'";
        }

        public string LocalName { get; }

        public StatementSyntax GrowStatement { get; }

        public ExpressionSyntax? Source { get; }

        public LocalDeclarationStatementSyntax? MoveDeclaration { get; }

        public string Title { get; }

        public static FixPlan? TryCreate(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (diagnostic.AdditionalLocations.Count == 0 || !diagnostic.Location.IsInSource)
            {
                return null;
            }

            SyntaxNode useNode = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (useNode is not IdentifierNameSyntax use
                || model.GetSymbolInfo(use, cancellationToken).Symbol is not ILocalSymbol { IsRef: false, IsConst: false } local)
            {
                return null;
            }

            Location growLocation = diagnostic.AdditionalLocations[0];
            if (growLocation.SourceTree != root.SyntaxTree)
            {
                return null;
            }

            SyntaxNode growNode = root.FindNode(growLocation.SourceSpan, getInnermostNodeForTie: true);
            StatementSyntax? growStatement = growNode.FirstAncestorOrSelf<StatementSyntax>();
            if (growStatement is null
                || growStatement is ReturnStatementSyntax or ThrowStatementSyntax or YieldStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax
                || growStatement.Span.Contains(use.Span)
                || growStatement is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 }
                || !SameFunction(growStatement, use))
            {
                return null;
            }

            if (local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator
                || declarator.Parent is not VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax declaration } variables
                || declaration.UsingKeyword.RawKind != 0
                || declaration.IsConst
                || initializer is RefExpressionSyntax
                || !SameFunction(declaration, growStatement)
                || (declaration.Parent is GlobalStatementSyntax global ? global.Parent : declaration.Parent) is not { } scope
                || !scope.Span.Contains(growStatement.Span)
                || growStatement.SpanStart < declaration.Span.End)
            {
                return null;
            }

            string growName = diagnostic.Properties.TryGetValue(DiagnosticDescriptors.GrowNameProperty, out string? name) && name is not null
                ? name
                : "the call";

            if (IsSideEffectFree(initializer, model, local, cancellationToken))
            {
                return new FixPlan(local.Name, growStatement, initializer, null, growName);
            }

            // Otherwise take the view only after the call: move its declaration, if nothing between uses it.
            if (variables.Variables.Count == 1
                && declaration.Parent == growStatement.Parent
                && declaration.Parent is BlockSyntax or SwitchSectionSyntax
                && declaration.SpanStart < growStatement.SpanStart
                && !ReadsViews(initializer, model, cancellationToken)
                && !IsUsedBetween(declaration, growStatement, local, model, cancellationToken))
            {
                return new FixPlan(local.Name, growStatement, null, declaration, growName);
            }

            return null;
        }

        private static bool SameFunction(SyntaxNode a, SyntaxNode b) => EnclosingFunction(a) == EnclosingFunction(b);

        private static SyntaxNode? EnclosingFunction(SyntaxNode node) =>
            node.Ancestors().FirstOrDefault(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax or ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax });

        private static bool IsUsedBetween(LocalDeclarationStatementSyntax declaration, StatementSyntax growStatement, ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
        {
            SyntaxNode parent = declaration.Parent!;
            bool inRange = false;
            foreach (SyntaxNode statement in parent.ChildNodes())
            {
                if (statement == declaration)
                {
                    inRange = true;
                    continue;
                }

                if (!inRange)
                {
                    continue;
                }

                foreach (IdentifierNameSyntax identifier in statement.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText == local.Name
                        && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
                    {
                        return true;
                    }
                }

                if (statement == growStatement)
                {
                    break;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the expression reads a span- or pointer-typed variable (itself a view that may be stale).
        /// Wasmtime's Caller is a ref struct too, but not a view.
        /// </summary>
        private static bool ReadsViews(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (IdentifierNameSyntax identifier in expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol or IParameterSymbol
                    && model.GetTypeInfo(identifier, cancellationToken).Type is { } type
                    && ((type.IsRefLikeType && !WasmSymbols.IsWasmtime(type, WasmSymbols.CallerType)) || type.TypeKind == TypeKind.Pointer))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when evaluating the view's source again is harmless: a view-source call (Memory.GetSpan/GetPointer,
        /// a [GuestView] member) on a receiver of locals, parameters and fields (Caller/Instance.GetMemory allowed),
        /// with literals, locals, parameters, fields and simple arithmetic as arguments.
        /// </summary>
        /// <summary>True for a side-effect-free expression that takes a view (what the fix inserts).</summary>
        public static bool IsViewSourceExpression(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken) =>
            expression.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any()
            && IsSideEffectFree(expression, model, null, cancellationToken);

        private static bool IsSideEffectFree(ExpressionSyntax expression, SemanticModel model, ILocalSymbol? view, CancellationToken cancellationToken)
        {
            if (ReadsViews(expression, model, cancellationToken))
            {
                return false;
            }

            return IsPure(expression, model, view, cancellationToken);
        }

        private static bool IsPure(ExpressionSyntax expression, SemanticModel model, ILocalSymbol? view, CancellationToken cancellationToken)
        {
            switch (expression)
            {
                case LiteralExpressionSyntax or DefaultExpressionSyntax or SizeOfExpressionSyntax or TypeOfExpressionSyntax or ThisExpressionSyntax or BaseExpressionSyntax or PredefinedTypeSyntax:
                    return true;
                case ParenthesizedExpressionSyntax parenthesized:
                    return IsPure(parenthesized.Expression, model, view, cancellationToken);
                case CastExpressionSyntax cast:
                    return IsPure(cast.Expression, model, view, cancellationToken);
                case CheckedExpressionSyntax @checked:
                    return IsPure(@checked.Expression, model, view, cancellationToken);
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppress:
                    return IsPure(suppress.Operand, model, view, cancellationToken);
                case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryMinusExpression) || unary.IsKind(SyntaxKind.UnaryPlusExpression) || unary.IsKind(SyntaxKind.BitwiseNotExpression):
                    return IsPure(unary.Operand, model, view, cancellationToken);
                case BinaryExpressionSyntax binary when IsArithmetic(binary.Kind()):
                    return IsPure(binary.Left, model, view, cancellationToken) && IsPure(binary.Right, model, view, cancellationToken);
                case IdentifierNameSyntax or MemberAccessExpressionSyntax or GenericNameSyntax:
                    ISymbol? symbol = model.GetSymbolInfo(expression, cancellationToken).Symbol;
                    bool symbolOk = symbol switch
                    {
                        ILocalSymbol local => !SymbolEqualityComparer.Default.Equals(local, view),
                        IParameterSymbol => true,
                        IFieldSymbol => true,
                        INamedTypeSymbol or INamespaceSymbol => true,
                        _ => false,
                    };
                    return symbolOk && (expression is not MemberAccessExpressionSyntax access || IsPure(access.Expression, model, view, cancellationToken));
                case InvocationExpressionSyntax invocation:
                    if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method || !IsHarmlessCall(method))
                    {
                        return false;
                    }

                    if (invocation.Expression is MemberAccessExpressionSyntax callee && !IsPure(callee.Expression, model, view, cancellationToken))
                    {
                        return false;
                    }

                    return invocation.ArgumentList.Arguments.All(a => a.RefKindKeyword.RawKind == 0 && IsPure(a.Expression, model, view, cancellationToken));
                default:
                    return false;
            }
        }

        private static bool IsHarmlessCall(IMethodSymbol method)
        {
            INamedTypeSymbol? type = method.ContainingType;
            if (WasmSymbols.IsWasmtime(type, WasmSymbols.MemoryType))
            {
                return method.Name is "GetSpan" or "GetPointer" or "GetLength" or "GetSize";
            }

            if (WasmSymbols.IsWasmtime(type, WasmSymbols.CallerType) || WasmSymbols.IsWasmtime(type, WasmSymbols.InstanceType))
            {
                return method.Name == "GetMemory";
            }

            return WasmSymbols.HasAttribute(method, WasmSymbols.GuestViewAttribute)
                && !WasmSymbols.HasAttribute(method, WasmSymbols.MayGrowMemoryAttribute);
        }

        private static bool IsArithmetic(SyntaxKind kind) => kind is
            SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression
            or SyntaxKind.DivideExpression or SyntaxKind.ModuloExpression or SyntaxKind.LeftShiftExpression
            or SyntaxKind.RightShiftExpression or SyntaxKind.UnsignedRightShiftExpression or SyntaxKind.BitwiseAndExpression
            or SyntaxKind.BitwiseOrExpression or SyntaxKind.ExclusiveOrExpression;
    }
}
