using Microsoft.CodeAnalysis;

namespace FirstTouchGenerators;

/// <summary>One type looked up by metadata name: the compiler's first search of the references' namespaces.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class TypeLookupGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var found = context.CompilationProvider.Select(static (compilation, _) =>
            compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplication") is not null);
        context.RegisterSourceOutput(found, static (_, _) => { });
    }
}

/// <summary>
/// The classes carrying ClusterReady's service attribute, and their attributes bound: the compiler's first pass over
/// the syntax trees for attributes, and the first binding of attribute lists.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AttributeLookupGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var services = context.SyntaxProvider.ForAttributeWithMetadataName(
            "ClusterReady.KubernetesServiceAttribute",
            static (_, _) => true,
            static (attribute, _) => attribute.TargetSymbol.Name + attribute.TargetSymbol.GetAttributes().Length);
        context.RegisterSourceOutput(services, static (_, _) => { });
    }
}
