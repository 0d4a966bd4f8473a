using ClusterReady.Model.Rules;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using ClusterReady.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClusterReady.CodeFixes;

/// <summary><c>[ContainerImage("acme/orders:1.2")]</c> becomes <c>[ContainerImage("acme/orders", Tag = "1.2")]</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveTagCodeFixProvider)), Shared]
public sealed class MoveTagCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.RepositoryWithTag);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || ArgumentSyntax.FindValue(root, diagnostic.Location.SourceSpan) is not LiteralExpressionSyntax
                || !diagnostic.Properties.TryGetValue(ContainerImageAnalyzer.RepositoryProperty, out var repository) || repository is null
                || !diagnostic.Properties.TryGetValue(ContainerImageAnalyzer.TagProperty, out var tag) || tag is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Move \"{tag}\" to Tag", token => MoveAsync(context.Document, diagnostic.Location.SourceSpan, repository, tag, token), "MoveImageTag"),
                diagnostic);
        }
    }

    private static async Task<Document> MoveAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, string repository, string tag, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || ArgumentSyntax.FindValue(root, span) is not LiteralExpressionSyntax value
            || value.FirstAncestorOrSelf<AttributeSyntax>() is not { ArgumentList: not null } attribute)
        {
            return document;
        }

        var tagLiteral = ArgumentSyntax.StringLiteral(tag);
        var updated = attribute.ReplaceNode(value, ArgumentSyntax.StringLiteral(repository).WithTriviaFrom(value));
        if (ArgumentSyntax.FindNamed(updated, "Tag") is { } existing)
        {
            updated = updated.ReplaceNode(existing.Expression, tagLiteral.WithTriviaFrom(existing.Expression));
        }
        else
        {
            var tagArgument = SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("Tag")), nameColon: null, tagLiteral);
            updated = updated.WithArgumentList(updated.ArgumentList!.AddArguments(tagArgument));
        }

        return document.WithSyntaxRoot(root.ReplaceNode(attribute, updated));
    }
}
