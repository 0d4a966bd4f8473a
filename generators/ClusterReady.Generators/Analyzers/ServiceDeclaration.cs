using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using ClusterReady.Generators.Emit;
using ClusterReady.Generators.Model;
using ClusterReady.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClusterReady.Generators.Analyzers;

/// <summary>
/// The <c>[KubernetesService]</c> class as the analyzers see it: the generator's own <see cref="ServiceSpec"/> (so
/// rules judge exactly what the generator emits) plus each ClusterReady attribute with its syntax, so a diagnostic
/// lands on the argument that holds the bad value.
/// </summary>
internal sealed class ServiceDeclaration
{
    private ServiceDeclaration(
        INamedTypeSymbol type, ImmutableArray<DeclaredAttribute> attributes, ServiceSpec spec, AppKind app, string assemblyName)
    {
        Type = type;
        Attributes = attributes;
        Spec = spec;
        App = app;
        AssemblyName = assemblyName;
    }

    public INamedTypeSymbol Type { get; }

    /// <summary>The ClusterReady attributes on the class, in declaration order.</summary>
    public ImmutableArray<DeclaredAttribute> Attributes { get; }

    /// <summary>What the generator reads from the attributes (null means "not set").</summary>
    public ServiceSpec Spec { get; }

    public AppKind App { get; }

    public string AssemblyName { get; }

    /// <summary>The <c>[KubernetesService]</c> attribute itself.</summary>
    public DeclaredAttribute Service => Single(KnownAttributes.KubernetesService)!.Value;

    /// <summary>The Kubernetes name the generator gives the service.</summary>
    public string ServiceName => Spec.Name ?? ModelJsonEmitter.ToDnsLabel(AssemblyName);

    /// <summary>The declared ports with the names the generator gives them, or the default port when none is declared.</summary>
    public IReadOnlyList<PortSpec> ResolvedPorts => ModelJsonEmitter.ResolvePorts(Spec, App);

    /// <summary>Replicas as the generator writes them: the value when positive, else 2 for a highly available service, else 1.</summary>
    public int EffectiveReplicas => Spec.Replicas is > 0 and var replicas ? replicas : Spec.HighlyAvailable ? 2 : 1;

    /// <summary>The declaration for <paramref name="type"/>, or null when it is not a <c>[KubernetesService]</c> class.</summary>
    public static ServiceDeclaration? TryCreate(INamedTypeSymbol type, AppKind app, string assemblyName, CancellationToken cancellationToken)
    {
        var attributes = Collect(type, cancellationToken);
        foreach (var attribute in attributes)
        {
            if (attribute.MetadataName == KnownAttributes.KubernetesService)
            {
                return new ServiceDeclaration(type, attributes, ServiceSpecParser.Parse(type, cancellationToken), app, assemblyName);
            }
        }

        return null;
    }

    /// <summary>The ClusterReady attributes on <paramref name="type"/>.</summary>
    public static ImmutableArray<DeclaredAttribute> Collect(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var builder = ImmutableArray.CreateBuilder<DeclaredAttribute>();
        foreach (var attribute in type.GetAttributes())
        {
            if (ServiceSpecParser.MetadataName(attribute.AttributeClass) is { } name)
            {
                var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
                builder.Add(new DeclaredAttribute(attribute, name, syntax));
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>The first attribute of this kind (the single-use ones), or null.</summary>
    public DeclaredAttribute? Single(string metadataName)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.MetadataName == metadataName)
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>Every attribute of this kind, in declaration order.</summary>
    public IEnumerable<DeclaredAttribute> All(string metadataName)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.MetadataName == metadataName)
            {
                yield return attribute;
            }
        }
    }
}

/// <summary>One ClusterReady attribute as written: its values (read as tolerantly as the generator does) and where each argument is.</summary>
internal readonly struct DeclaredAttribute
{
    public DeclaredAttribute(AttributeData data, string metadataName, AttributeSyntax? syntax)
    {
        Data = data;
        MetadataName = metadataName;
        Syntax = syntax;
    }

    public AttributeData Data { get; }

    public string MetadataName { get; }

    public AttributeSyntax? Syntax { get; }

    /// <summary>The attribute's name as written without the suffix, e.g. <c>Resources</c>.</summary>
    public string ShortName => MetadataName.Substring(MetadataName.LastIndexOf('.') + 1).Replace("Attribute", "");

    /// <summary>The attribute's name as the user reads it, e.g. <c>[Resources]</c>.</summary>
    public string DisplayName => "[" + ShortName + "]";

    public AttributeReader Read => new(Data);

    /// <summary>The whole attribute, e.g. <c>Resources(MemoryLimit = "1Gi")</c>.</summary>
    public Location Location => Syntax?.GetLocation() ?? Location.None;

    /// <summary>"Resources.MemoryLimit": the attribute and property a message names.</summary>
    public string Property(string name) => ShortName + "." + name;

    /// <summary>True when the argument is written in source (named or positional), not left to its default.</summary>
    public bool IsWritten(string name) => FindArgument(name) is not null;

    /// <summary>
    /// Where the argument that sets <paramref name="name"/> is written: the named argument (<c>MemoryLimit = "1Gi"</c>) or
    /// the positional one bound to the constructor parameter of that name; the whole attribute when it is not written.
    /// </summary>
    public Location LocationOf(string name) => FindArgument(name)?.GetLocation() ?? Location;

    /// <summary>The string elements of an array named argument, in order, null for an element that is not a string.</summary>
    public ImmutableArray<string?> StringElements(string name)
    {
        foreach (var named in Data.NamedArguments)
        {
            if (named.Key == name && named.Value is { Kind: TypedConstantKind.Array, IsNull: false } array)
            {
                var builder = ImmutableArray.CreateBuilder<string?>(array.Values.Length);
                foreach (var item in array.Values)
                {
                    builder.Add(item.Value as string);
                }

                return builder.MoveToImmutable();
            }
        }

        return ImmutableArray<string?>.Empty;
    }

    /// <summary>
    /// A required string argument: its value, "" for an explicit null (the generator writes "" for it), or null when
    /// the argument is missing or not a string (the compiler reports that).
    /// </summary>
    public string? RequiredString(string name)
    {
        if (Read.String(name) is { } value)
        {
            return value;
        }

        return FindArgument(name)?.Expression is LiteralExpressionSyntax literal
            && literal.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.NullLiteralExpression) ? "" : null;
    }

    /// <summary>Where each element of an array argument is written (for <c>AllowFromPodLabels = ["a=b", ...]</c>); empty when not a literal.</summary>
    public ImmutableArray<Location> ElementLocations(string name)
    {
        var builder = ImmutableArray.CreateBuilder<Location>();
        switch (FindArgument(name)?.Expression)
        {
            case CollectionExpressionSyntax collection:
                foreach (var element in collection.Elements)
                {
                    builder.Add(element.GetLocation());
                }

                break;
            case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                foreach (var expression in initializer.Expressions)
                {
                    builder.Add(expression.GetLocation());
                }

                break;
            case ImplicitArrayCreationExpressionSyntax { Initializer: { } implicitInitializer }:
                foreach (var expression in implicitInitializer.Expressions)
                {
                    builder.Add(expression.GetLocation());
                }

                break;
        }

        return builder.ToImmutable();
    }

    private AttributeArgumentSyntax? FindArgument(string name)
    {
        if (Syntax?.ArgumentList is not { } list)
        {
            return null;
        }

        foreach (var argument in list.Arguments)
        {
            if (argument.NameEquals is { } nameEquals && nameEquals.Name.Identifier.ValueText == name)
            {
                return argument;
            }
        }

        var parameters = Data.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
        var position = 0;
        foreach (var argument in list.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            if (argument.NameColon is { } nameColon)
            {
                if (string.Equals(nameColon.Name.Identifier.ValueText, name, StringComparison.OrdinalIgnoreCase))
                {
                    return argument;
                }
            }
            else if (position < parameters.Length && string.Equals(parameters[position].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return argument;
            }

            position++;
        }

        return null;
    }
}
