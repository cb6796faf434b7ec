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

/// <summary>
/// Fixes BG1001 by taking the view again after the call that may grow guest memory: when the view's source
/// expression (<c>memory.GetSpan(ptr, len)</c>) has no side effects, a re-assignment is inserted right after
/// the statement holding the call; otherwise the view's declaration is moved there.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RefetchViewCodeFixProvider))]
[Shared]
public sealed partial class RefetchViewCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "BG1001.RefetchView";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.StaleViewId);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            FixPlan? plan = FixPlan.TryCreate(root, model, diagnostic, context.CancellationToken);
            if (plan is null)
            {
                continue;
            }

            Document document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    plan.Title,
                    cancellationToken => ApplyAsync(document, new[] { plan }, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var plans = new List<FixPlan>();
        foreach (Diagnostic diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (FixPlan.TryCreate(root, model, diagnostic, context.CancellationToken) is { } plan)
            {
                plans.Add(plan);
            }
        }

        return await ApplyAsync(document, plans, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies several plans to one document at once: one insertion per (view, growing statement).</summary>
    private static async Task<Document> ApplyAsync(Document document, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        SemanticModel model = editor.SemanticModel;

        var insertions = new Dictionary<StatementSyntax, List<StatementSyntax>>();
        var order = new List<StatementSyntax>();
        var seen = new HashSet<(StatementSyntax Statement, string Local)>();
        var moved = new HashSet<LocalDeclarationStatementSyntax>();

        foreach (FixPlan plan in plans)
        {
            if (!seen.Add((plan.GrowStatement, plan.LocalName)))
            {
                continue;
            }

            StatementSyntax inserted;
            if (plan.MoveDeclaration is { } declaration)
            {
                if (!moved.Add(declaration))
                {
                    continue;
                }

                editor.RemoveNode(declaration, SyntaxRemoveOptions.KeepNoTrivia);
                inserted = declaration.WithoutTrivia();
            }
            else
            {
                inserted = SyntaxFactory.ExpressionStatement(
                    SyntaxFactory.AssignmentExpression(
                        SyntaxKind.SimpleAssignmentExpression,
                        SyntaxFactory.IdentifierName(plan.LocalName).WithTrailingTrivia(SyntaxFactory.Space),
                        SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
                        plan.Source!.WithoutTrivia()));
            }

            inserted = inserted
                .WithLeadingTrivia(SyntaxFactory.ElasticMarker)
                .WithTrailingTrivia(EndOfLine(plan.GrowStatement))
                .WithAdditionalAnnotations(Formatter.Annotation);

            if (!insertions.TryGetValue(plan.GrowStatement, out List<StatementSyntax>? list))
            {
                insertions[plan.GrowStatement] = list = new List<StatementSyntax>();
                order.Add(plan.GrowStatement);
            }

            list.Add(inserted);
        }

        foreach (StatementSyntax statement in order)
        {
            List<StatementSyntax> list = insertions[statement];
            switch (statement.Parent)
            {
                case BlockSyntax or SwitchSectionSyntax:
                    editor.InsertAfter(AfterExistingRefetches(statement, model, cancellationToken), list);
                    break;
                case GlobalStatementSyntax global:
                    // Top-level statements: the formatter would separate them like members, so lay them out by hand.
                    SyntaxTriviaList indentation = SyntaxFactory.TriviaList(global.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
                    SyntaxTrivia newLine = global.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                    SyntaxTriviaList trailing = newLine.IsKind(SyntaxKind.EndOfLineTrivia) ? SyntaxFactory.TriviaList(newLine) : SyntaxFactory.TriviaList(SyntaxFactory.LineFeed);
                    editor.InsertAfter(global, list.Select(s => (SyntaxNode)SyntaxFactory.GlobalStatement(
                        s.WithoutAnnotations(Formatter.Annotation).WithLeadingTrivia(indentation).WithTrailingTrivia(trailing))));
                    break;
                default:
                    // An embedded statement (if (...) call();): wrap it and the re-fetch in a block.
                    BlockSyntax block = SyntaxFactory.Block(new[] { statement.WithoutTrivia() }.Concat(list))
                        .WithTriviaFrom(statement)
                        .WithAdditionalAnnotations(Formatter.Annotation);
                    editor.ReplaceNode(statement, block);
                    break;
            }
        }

        return editor.GetChangedDocument();
    }

    /// <summary>The document's line ending, as used after the growing statement.</summary>
    private static SyntaxTrivia EndOfLine(SyntaxNode statement)
    {
        foreach (SyntaxTrivia trivia in statement.GetTrailingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return SyntaxFactory.ElasticEndOfLine(trivia.ToString());
            }
        }

        return SyntaxFactory.ElasticCarriageReturnLineFeed;
    }

    /// <summary>
    /// Re-fetches go after any re-fetches already following the call, so fixing one diagnostic at a time and
    /// fixing all at once give the same order.
    /// </summary>
    private static StatementSyntax AfterExistingRefetches(StatementSyntax statement, SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxList<StatementSyntax> siblings = statement.Parent switch
        {
            BlockSyntax block => block.Statements,
            SwitchSectionSyntax section => section.Statements,
            _ => default,
        };

        int index = siblings.IndexOf(statement);
        StatementSyntax anchor = statement;
        for (int i = index + 1; index >= 0 && i < siblings.Count; i++)
        {
            if (siblings[i] is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax, Right: var source } }
                && FixPlan.IsViewSourceExpression(source, model, cancellationToken))
            {
                anchor = siblings[i];
            }
            else
            {
                break;
            }
        }

        return anchor;
    }
}
