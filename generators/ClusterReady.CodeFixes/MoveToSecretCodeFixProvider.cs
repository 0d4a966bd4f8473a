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

/// <summary>
/// Turns <c>[EnvironmentVariable("Db__Password", "hunter2")]</c> into
/// <c>[SecretEnvironmentVariable("Db__Password", "orders-api-secrets", "db-password")]</c>: the literal leaves the
/// source, and the value moves to a Kubernetes Secret the user creates (the Secret name comes from the service name,
/// the key from the variable name).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveToSecretCodeFixProvider)), Shared]
public sealed class MoveToSecretCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "MoveToSecretEnvironmentVariable";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        RuleIdentifiers.SecretNamedPlainVariable,
        RuleIdentifiers.CredentialInPlainVariable);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>() is not { ArgumentList.Arguments.Count: >= 1 }
                || !diagnostic.Properties.TryGetValue(SecretLiteralAnalyzer.SecretNameProperty, out var secretName) || secretName is null
                || !diagnostic.Properties.TryGetValue(SecretLiteralAnalyzer.SecretKeyProperty, out var key) || key is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Read it from key \"{key}\" of Secret \"{secretName}\" with [SecretEnvironmentVariable]",
                    token => ConvertAsync(context.Document, diagnostic.Location.SourceSpan, secretName, key, token),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> ConvertAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, string secretName, string key, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(span).FirstAncestorOrSelf<AttributeSyntax>() is not { ArgumentList: { } arguments } attribute || arguments.Arguments.Count == 0)
        {
            return document;
        }

        var nameArgument = arguments.Arguments[0].WithNameColon(null).WithNameEquals(null);
        foreach (var argument in arguments.Arguments)
        {
            if (argument.NameColon?.Name.Identifier.ValueText == "name")
            {
                nameArgument = argument.WithNameColon(null);
            }
        }

        var converted = attribute
            .WithName(Rename(attribute.Name))
            .WithArgumentList(SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(new[]
            {
                nameArgument.WithoutTrivia(),
                SyntaxFactory.AttributeArgument(ArgumentSyntax.StringLiteral(secretName)),
                SyntaxFactory.AttributeArgument(ArgumentSyntax.StringLiteral(key)),
            })))
            .WithTriviaFrom(attribute);
        return document.WithSyntaxRoot(root.ReplaceNode(attribute, converted));
    }

    /// <summary>Keeps the way the user wrote the name: <c>EnvironmentVariable</c>, <c>EnvironmentVariableAttribute</c>, <c>ClusterReady.EnvironmentVariable</c>.</summary>
    private static NameSyntax Rename(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.WithRight((SimpleNameSyntax)Rename(qualified.Right)),
        AliasQualifiedNameSyntax alias => alias.WithName((SimpleNameSyntax)Rename(alias.Name)),
        IdentifierNameSyntax identifier => identifier.WithIdentifier(SyntaxFactory.Identifier("Secret" + identifier.Identifier.ValueText).WithTriviaFrom(identifier.Identifier)),
        _ => name,
    };
}
