using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Bindgen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bindgen.CodeFixes;

/// <summary>
/// Fixes BG1003 by passing a host copy of the view (<c>span.ToArray()</c>) to the call that may grow guest memory.
/// Offered only where the parameter is a <c>ReadOnlySpan&lt;T&gt;</c>: a copy passed for a writable span would
/// silently drop the callee's writes.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CopyViewArgumentCodeFixProvider))]
[Shared]
public sealed class CopyViewArgumentCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "BG1003.CopyView";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.ViewPassedToGrowingCallId);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(DiagnosticDescriptors.CopyableProperty)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax argument)
            {
                continue;
            }

            Document document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Pass a host copy (ToArray())",
                    cancellationToken => CopyAsync(document, argument, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> CopyAsync(Document document, ExpressionSyntax argument, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // Member access binds tighter than casts, unary and binary operators: those need parentheses.
        ExpressionSyntax receiver = argument is IdentifierNameSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax
            or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax
            ? argument.WithoutTrivia()
            : SyntaxFactory.ParenthesizedExpression(argument.WithoutTrivia());
        ExpressionSyntax copy = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("ToArray")))
            .WithTriviaFrom(argument);
        return document.WithSyntaxRoot(root.ReplaceNode(argument, copy));
    }
}
