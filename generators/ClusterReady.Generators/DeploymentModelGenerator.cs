using System.Linq;
using ClusterReady.Generators.Emit;
using ClusterReady.Generators.Model;
using ClusterReady.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace ClusterReady.Generators;

/// <summary>
/// Captures the deployment model from the <c>[KubernetesService]</c> class and its ClusterReady attributes, and embeds
/// it as assembly metadata. Nothing of the app runs at build time: the build step reads the metadata from the file.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DeploymentModelGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var services = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownAttributes.KubernetesService,
                predicate: static (_, _) => true,
                transform: static (attributeContext, cancellationToken) =>
                    ServiceSpecParser.Parse((INamedTypeSymbol)attributeContext.TargetSymbol, cancellationToken))
            .WithTrackingName(TrackingNames.ServiceSpecs);

        var appKind = context.CompilationProvider
            .Select(static (compilation, _) => new AppKind(compilation.GetTypeByMetadataName(KnownAttributes.WebApplication) is not null))
            .WithTrackingName(TrackingNames.AppKind);

        var assemblyName = context.CompilationProvider
            .Select(static (compilation, _) => compilation.AssemblyName ?? "app")
            .WithTrackingName(TrackingNames.AssemblyName);

        // One service per assembly: with several [KubernetesService] classes the first by name wins and the
        // analyzer reports the others, so the output never depends on declaration order.
        var service = services.Collect()
            .Select(static (specs, _) => specs.OrderBy(static s => s.TypeName, System.StringComparer.Ordinal).FirstOrDefault())
            .WithTrackingName(TrackingNames.Service);

        var modelJson = service.Combine(appKind).Combine(assemblyName)
            .Select(static (input, _) => input.Left.Left is { } spec ? ModelJsonEmitter.Emit(spec, input.Left.Right, input.Right) : null)
            .WithTrackingName(TrackingNames.ModelJson);

        var runtimeMetadata = service.Combine(appKind)
            .Select(static (input, _) => input.Left is { } spec ? RuntimeMetadataEmitter.Emit(spec, input.Right) : EquatableArray<RuntimeValue>.Empty)
            .WithTrackingName(TrackingNames.RuntimeMetadata);

        context.RegisterSourceOutput(modelJson.Combine(runtimeMetadata), static (output, input) =>
        {
            if (input.Left is { } json)
            {
                output.AddSource(SourceEmitter.HintName, SourceEmitter.Emit(json, input.Right));
            }
        });
    }
}
