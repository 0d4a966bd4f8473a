using ClusterReady.Model.Rules;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using ClusterReady.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClusterReady.CodeFixes;

/// <summary>
/// Replaces a literal attribute value with the valid form the analyzer computed: <c>"500mb"</c> becomes <c>"500M"</c>
/// or <c>"500Mi"</c>, <c>"Orders_DB"</c> becomes <c>"orders-db"</c>, <c>"HTTP"</c> becomes <c>"http"</c>, a probe path
/// gains its leading '/'. Only literals are rewritten: a constant defined elsewhere is the user's to change.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceValueCodeFixProvider)), Shared]
public sealed class ReplaceValueCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        RuleIdentifiers.InvalidQuantity,
        RuleIdentifiers.QuantityUnitMismatch,
        RuleIdentifiers.QuantityMissingUnit,
        RuleIdentifiers.InvalidDnsLabel,
        RuleIdentifiers.InvalidDnsSubdomain,
        RuleIdentifiers.InvalidPortName,
        RuleIdentifiers.InvalidEnvironmentVariableName,
        RuleIdentifiers.InvalidMountPath,
        RuleIdentifiers.InvalidProtocol,
        RuleIdentifiers.ProbeOnUndeclaredPort,
        RuleIdentifiers.InvalidProbePath,
        RuleIdentifiers.InvalidRunAsUser,
        RuleIdentifiers.InvalidImageReference,
        RuleIdentifiers.InvalidIngressPath,
        RuleIdentifiers.FractionalCpuUnderLatencyProfile,
        RuleIdentifiers.RequestDiffersFromLimitUnderLatencyProfile,
        RuleIdentifiers.WarmupBeyondStartupBudget,
        RuleIdentifiers.ZeroReplicasReadAsNotSet);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (ArgumentSyntax.FindValue(root, diagnostic.Location.SourceSpan) is not { } value)
            {
                continue;
            }

            for (var i = 0; diagnostic.Properties.TryGetValue(ServiceAnalysis.ReplacementProperty + Index(i), out var replacement) && replacement is not null; i++)
            {
                if (ArgumentSyntax.LiteralLike(value, replacement) is null)
                {
                    continue;
                }

                diagnostic.Properties.TryGetValue(ServiceAnalysis.ReplacementNoteProperty + Index(i), out var note);
                var title = string.IsNullOrEmpty(note) ? $"Use \"{replacement}\"" : $"Use \"{replacement}\" ({note})";
                var text = replacement;
                context.RegisterCodeFix(
                    CodeAction.Create(title, token => ReplaceAsync(context.Document, diagnostic.Location.SourceSpan, text, token), EquivalenceKey(diagnostic.Id, i, note)),
                    diagnostic);
            }
        }
    }

    /// <summary>
    /// Fix All applies the same kind of alternative everywhere: all decimal (10^n) or all binary (2^n) quantities,
    /// otherwise the analyzer's first (best) suggestion.
    /// </summary>
    private static string EquivalenceKey(string id, int index, string? note) =>
        id + ".Replace." + (note is null ? Index(index) : note.StartsWith("2^", System.StringComparison.Ordinal) ? "Binary" : note.StartsWith("10^", System.StringComparison.Ordinal) ? "Decimal" : Index(index));

    private static async Task<Document> ReplaceAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, string replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || ArgumentSyntax.FindValue(root, span) is not ExpressionSyntax value || ArgumentSyntax.LiteralLike(value, replacement) is not { } literal)
        {
            return document;
        }

        return document.WithSyntaxRoot(root.ReplaceNode(value, literal));
    }

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
}
