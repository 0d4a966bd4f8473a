using ClusterReady.Model.Rules;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using ClusterReady.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClusterReady.CodeFixes;

/// <summary>A request above its limit in the same attribute is almost always the two values written the wrong way round: swap them.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SwapRequestAndLimitCodeFixProvider)), Shared]
public sealed class SwapRequestAndLimitCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.RequestAboveLimit);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ResourcesAnalyzer.SwapWithProperty, out var limitName) || limitName is null
                || root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeArgumentSyntax>() is not { NameEquals: { } request } requestArgument)
            {
                continue;
            }

            var requestName = request.Name.Identifier.ValueText;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Swap {requestName} and {limitName}",
                    token => SwapAsync(context.Document, requestArgument.Span, limitName, token),
                    "SwapRequestAndLimit"),
                diagnostic);
        }
    }

    private static async Task<Document> SwapAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, string limitName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(span).FirstAncestorOrSelf<AttributeArgumentSyntax>() is not { } request
            || request.Parent?.Parent is not AttributeSyntax attribute
            || ArgumentSyntax.FindNamed(attribute, limitName) is not { } limit)
        {
            return document;
        }

        var swapped = attribute.ReplaceNodes(
            new[] { request.Expression, limit.Expression },
            (original, _) => original == request.Expression
                ? limit.Expression.WithTriviaFrom(request.Expression)
                : request.Expression.WithTriviaFrom(limit.Expression));
        return document.WithSyntaxRoot(root.ReplaceNode(attribute, swapped));
    }
}
