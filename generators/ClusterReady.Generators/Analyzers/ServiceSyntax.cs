using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using ClusterReady.Generators.Parsing;
using ClusterReady.Model.Declaration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClusterReady.Generators.Analyzers;

/// <summary>
/// The <c>[KubernetesService]</c> class as the analyzers see it: the declaration the rules judge (the same plain data
/// the generator embeds) plus each ClusterReady attribute with its syntax, so a finding lands on the argument that
/// holds the bad value.
/// </summary>
internal sealed class ServiceSyntax
{
    private ServiceSyntax(INamedTypeSymbol type, ImmutableArray<AttributeSyntaxInfo> attributes, ServiceDeclaration declaration)
    {
        Type = type;
        Attributes = attributes;
        Declaration = declaration;
    }

    public INamedTypeSymbol Type { get; }

    /// <summary>The ClusterReady attributes on the class, in declaration order (the ordinals of <see cref="Site"/>).</summary>
    public ImmutableArray<AttributeSyntaxInfo> Attributes { get; }

    /// <summary>The attributes as plain data: what the rules read and the generator embeds.</summary>
    public ServiceDeclaration Declaration { get; }

    /// <summary>What the generator reads from the attributes (null means "not set").</summary>
    public ServiceSpec Spec => Declaration.Spec;

    /// <summary>The <c>[KubernetesService]</c> attribute itself.</summary>
    public AttributeSyntaxInfo Service => Single(KnownAttributes.KubernetesService)!;

    // The services each compilation's analyzers have read (only types that carry [KubernetesService] get this far):
    // thirteen analyzers see each, and each would read it into a declaration again (issue 19). Keyed weakly, so a
    // compilation's entries go with it.
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<INamedTypeSymbol, ServiceSyntax?>> Read = new();

    /// <summary>
    /// As <see cref="TryCreate"/>, read once per compilation and shared by every analyzer that asks (the declaration and
    /// what is computed from it lazily, such as its <see cref="ServiceDeclaration.Spec"/>).
    /// </summary>
    public static ServiceSyntax? Shared(Compilation compilation, INamedTypeSymbol type, AppFacts app, CancellationToken cancellationToken)
    {
        // Most types are no service: answered from their attributes (which the compiler binds once and keeps), before
        // the shared table, so that thirteen analyzers' calls for each of an app's types cost next to nothing.
        if (!Carries(type, serviceOnly: true))
        {
            return null;
        }

        var types = Read.GetValue(compilation, static _ => new ConcurrentDictionary<INamedTypeSymbol, ServiceSyntax?>(SymbolEqualityComparer.Default));
        return types.TryGetValue(type, out var known) ? known : types.GetOrAdd(type, TryCreate(type, app, cancellationToken));
    }

    /// <summary>The declaration for <paramref name="type"/>, or null when it is not a <c>[KubernetesService]</c> class.</summary>
    public static ServiceSyntax? TryCreate(INamedTypeSymbol type, AppFacts app, CancellationToken cancellationToken)
    {
        var attributes = Collect(type, cancellationToken);
        foreach (var attribute in attributes)
        {
            if (attribute.MetadataName == KnownAttributes.KubernetesService)
            {
                return new ServiceSyntax(type, attributes, DeclarationReader.Read(type, attributes, app, cancellationToken));
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="type"/> carries a ClusterReady attribute (with <paramref name="serviceOnly"/>, the
    /// <c>[KubernetesService]</c> one), without allocating: the analyzers ask it for every type of the app.
    /// </summary>
    public static bool Carries(INamedTypeSymbol type, bool serviceOnly)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (DeclarationReader.IsClusterReadyAttribute(attribute.AttributeClass)
                && (!serviceOnly || attribute.AttributeClass!.MetadataName == KnownAttributes.KubernetesServiceName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The ClusterReady attributes on <paramref name="type"/>.</summary>
    public static ImmutableArray<AttributeSyntaxInfo> Collect(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var builder = ImmutableArray.CreateBuilder<AttributeSyntaxInfo>();
        foreach (var attribute in type.GetAttributes())
        {
            if (DeclarationReader.MetadataName(attribute.AttributeClass) is { } name)
            {
                var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
                builder.Add(new AttributeSyntaxInfo(attribute, name, syntax));
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>Where a rule's finding is in source.</summary>
    public Location LocationOf(Site site)
    {
        if (site.Attribute < 0 || site.Attribute >= Attributes.Length)
        {
            return Service.Location;
        }

        var attribute = Attributes[site.Attribute];
        if (site.Argument is null)
        {
            return attribute.Location;
        }

        if (site.Element >= 0)
        {
            var elements = attribute.ElementLocations(site.Argument);
            if (site.Element < elements.Length)
            {
                return elements[site.Element];
            }
        }

        return attribute.LocationOf(site.Argument);
    }

    /// <summary>The first attribute of this kind (the single-use ones), or null.</summary>
    public AttributeSyntaxInfo? Single(string metadataName)
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
}

/// <summary>
/// One ClusterReady attribute as written in source: where it and each of its arguments are. A class: an
/// <c>ImmutableArray</c> of a struct is JIT-compiled anew in every cold compile, one of a class shares the framework's
/// precompiled code (issue 19).
/// </summary>
internal sealed class AttributeSyntaxInfo
{
    public AttributeSyntaxInfo(AttributeData data, string metadataName, AttributeSyntax? syntax)
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

    /// <summary>The whole attribute, e.g. <c>Resources(MemoryLimit = "1Gi")</c>.</summary>
    public Location Location => Syntax?.GetLocation() ?? Location.None;

    /// <summary>
    /// Where the argument that sets <paramref name="name"/> is written: the named argument (<c>MemoryLimit = "1Gi"</c>) or
    /// the positional one bound to the constructor parameter of that name; the whole attribute when it is not written.
    /// </summary>
    public Location LocationOf(string name) => FindArgument(name)?.GetLocation() ?? Location;

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

    /// <summary>The argument that sets <paramref name="name"/>: named, by parameter name, or by position.</summary>
    public AttributeArgumentSyntax? FindArgument(string name)
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
