using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ClusterReady.CodeFixes;

/// <summary>Finds the syntax a ClusterReady diagnostic points at: an attribute argument, or an element of an array argument.</summary>
internal static class ArgumentSyntax
{
    /// <summary>The value expression at <paramref name="span"/>: the argument's expression, or the array element itself.</summary>
    public static ExpressionSyntax? FindValue(SyntaxNode root, TextSpan span)
    {
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<AttributeArgumentSyntax>() is { } argument && argument.Span == span)
        {
            return argument.Expression;
        }

        return node switch
        {
            AttributeArgumentSyntax { Expression: var expression } => expression,
            ExpressionElementSyntax { Expression: var element } => element,
            ExpressionSyntax expression => expression,
            _ => node.FirstAncestorOrSelf<AttributeArgumentSyntax>()?.Expression,
        };
    }

    /// <summary>The named or positional argument of <paramref name="attribute"/> that sets <paramref name="name"/> (named arguments only).</summary>
    public static AttributeArgumentSyntax? FindNamed(AttributeSyntax attribute, string name)
    {
        if (attribute.ArgumentList is null)
        {
            return null;
        }

        foreach (var argument in attribute.ArgumentList.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == name)
            {
                return argument;
            }
        }

        return null;
    }

    public static LiteralExpressionSyntax StringLiteral(string value) =>
        SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));

    /// <summary>A literal of the same kind as <paramref name="original"/> (string, or number for numeric properties).</summary>
    public static ExpressionSyntax? LiteralLike(ExpressionSyntax original, string value)
    {
        switch (original)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                return StringLiteral(value).WithTriviaFrom(original);
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression) && long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number):
                return Number(number).WithTriviaFrom(original);
            case PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax operand } when operand.IsKind(SyntaxKind.NumericLiteralExpression) && long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var positive):
                return Number(positive).WithTriviaFrom(original);
            default:
                return null;
        }
    }

    /// <summary>A number literal typed as the parser types it (int when it fits), so the tree is the one the user would write.</summary>
    private static ExpressionSyntax Number(long value) =>
        SyntaxFactory.ParseExpression(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
