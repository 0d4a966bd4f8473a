using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using ClusterReady.Generators.Analyzers;
using ClusterReady.Model.Declaration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClusterReady.Generators.Parsing;

/// <summary>
/// Turns the ClusterReady attributes on one class into a <see cref="ServiceDeclaration"/>: plain data with value
/// equality, no symbol or syntax, so the generator's pipeline caches it and the build step can read it back. Never
/// throws: a value of the wrong type or an unresolved attribute reads as "not set".
/// </summary>
internal static class DeclarationReader
{
    public static ServiceDeclaration Read(INamedTypeSymbol type, AppFacts app, CancellationToken cancellationToken) =>
        Read(type, ServiceSyntax.Collect(type, cancellationToken), app, cancellationToken);

    /// <summary>As <see cref="Read(INamedTypeSymbol, AppFacts, CancellationToken)"/>, from attributes already collected.</summary>
    public static ServiceDeclaration Read(
        INamedTypeSymbol type, ImmutableArray<AttributeSyntaxInfo> collected, AppFacts app, CancellationToken cancellationToken)
    {
        var attributes = new List<DeclaredAttribute>(collected.Length);
        foreach (var written in collected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            attributes.Add(Read(written, attributes.Count));
        }

        return new ServiceDeclaration(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), app, attributes.ToEquatableArray());
    }

    /// <summary>The attribute's namespace-qualified metadata name, or null when it is not a ClusterReady attribute.</summary>
    public static string? MetadataName(INamedTypeSymbol? attributeClass) =>
        IsClusterReadyAttribute(attributeClass) ? KnownAttributes.Namespace + "." + attributeClass!.MetadataName : null;

    /// <summary>Whether <paramref name="attributeClass"/> is one of ClusterReady's attributes (no allocation).</summary>
    public static bool IsClusterReadyAttribute(INamedTypeSymbol? attributeClass) =>
        attributeClass is { TypeKind: not TypeKind.Error, ContainingNamespace: { Name: KnownAttributes.Namespace, ContainingNamespace.IsGlobalNamespace: true } };

    private static DeclaredAttribute Read(AttributeSyntaxInfo written, int ordinal)
    {
        var data = written.Data;
        var arguments = new List<DeclaredArgument>();
        var parameters = data.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
        for (var i = 0; i < parameters.Length && i < data.ConstructorArguments.Length; i++)
        {
            arguments.Add(Argument(parameters[i].Name, data.ConstructorArguments[i], written.FindArgument(parameters[i].Name), constructor: true));
        }

        foreach (var named in data.NamedArguments)
        {
            arguments.Add(Argument(named.Key, named.Value, written.FindArgument(named.Key), constructor: false));
        }

        return new DeclaredAttribute(written.MetadataName, ordinal, arguments.ToEquatableArray());
    }

    private static DeclaredArgument Argument(string name, TypedConstant constant, AttributeArgumentSyntax? syntax, bool constructor)
    {
        // Built with the constructor only: init accessors differ between the model's netstandard2.0 and net10.0 builds.
        // Plain locals, not a value tuple: a tuple holding a struct of ours has no precompiled code (see NullableString).
        var kind = ArgumentKind.Other;
        string? text = null;
        long number = 0;
        var flag = false;
        var items = default(EquatableArray<NullableString>);
        switch (constant)
        {
            case { Kind: TypedConstantKind.Primitive, Value: string value }: kind = ArgumentKind.String; text = value; break;
            case { Kind: TypedConstantKind.Primitive, Value: int value }: kind = ArgumentKind.Int; number = value; break;
            case { Kind: TypedConstantKind.Primitive, Value: long value }: kind = ArgumentKind.Long; number = value; break;
            case { Kind: TypedConstantKind.Primitive, Value: bool value }: kind = ArgumentKind.Bool; flag = value; break;
            case { Kind: TypedConstantKind.Array, IsNull: false }: kind = ArgumentKind.Strings; items = Elements(constant); break;
            case { IsNull: true }: kind = ArgumentKind.Null; break;
        }

        return new DeclaredArgument(
            name,
            kind,
            text,
            number,
            flag,
            items,
            Written: syntax is not null,
            IsConstructorArgument: constructor,
            IsNullLiteral: syntax?.Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.NullLiteralExpression),
            WrittenElements: syntax is null ? 0 : ElementCount(syntax.Expression));
    }

    private static EquatableArray<NullableString> Elements(TypedConstant array)
    {
        var items = new List<NullableString>(array.Values.Length);
        foreach (var item in array.Values)
        {
            items.Add(new NullableString(item.Value as string));
        }

        return items.ToEquatableArray();
    }

    /// <summary>The number of elements written in an array argument (<c>["a", "b"]</c>, <c>new[] { ... }</c>); 0 when it is not a literal.</summary>
    private static int ElementCount(ExpressionSyntax expression) => expression switch
    {
        CollectionExpressionSyntax collection => collection.Elements.Count,
        ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions.Count,
        ImplicitArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions.Count,
        _ => 0,
    };
}
