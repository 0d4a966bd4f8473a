using System.Linq;
using ClusterReady.Generators.Emit;
using ClusterReady.Generators.Parsing;
using ClusterReady.Model.Contract;
using ClusterReady.Model.Declaration;
using Microsoft.CodeAnalysis;

namespace ClusterReady.Generators;

/// <summary>
/// Captures the deployment model from the <c>[KubernetesService]</c> class and its ClusterReady attributes, and embeds
/// it as assembly metadata. Nothing of the app runs at build time: the build step reads the metadata from the file.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DeploymentModelGenerator : IIncrementalGenerator
{
    // Per class the facts of the compilation are not known yet; the service step puts them in.
    private static readonly AppFacts UnknownApp = new(false, "");

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var services = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownAttributes.KubernetesService,
                predicate: static (_, _) => true,
                transform: static (attributeContext, cancellationToken) =>
                    DeclarationReader.Read((INamedTypeSymbol)attributeContext.TargetSymbol, UnknownApp, cancellationToken))
            .WithTrackingName(TrackingNames.Declarations);

        var app = context.CompilationProvider
            .Select(static (compilation, _) => Analyzers.ServiceAnalysis.AppFactsOf(compilation))
            .WithTrackingName(TrackingNames.AppFacts);

        // One service per assembly: with several [KubernetesService] classes the first by name wins and the
        // analyzer reports the others, so the output never depends on declaration order.
        var service = services.Collect()
            .Select(static (declarations, _) => declarations.OrderBy(static s => s.TypeName, System.StringComparer.Ordinal).FirstOrDefault())
            .Combine(app)
            .Select(static (input, _) => input.Left is { } declaration ? declaration.WithApp(input.Right) : null)
            .WithTrackingName(TrackingNames.Service);

        var runtimeMetadata = service
            .Select(static (declaration, _) => declaration is not null ? RuntimeMetadataEmitter.Emit(declaration) : RuntimeMetadata.Empty)
            .WithTrackingName(TrackingNames.RuntimeMetadata);

        // The attributes as declared: the one contract. The build step judges it with the analyzers' own rules and
        // resolves the model from it with the same resolver.
        var declarationJson = service
            .Select(static (declaration, _) => declaration is not null ? DeclarationJson.Write(declaration) : null)
            .WithTrackingName(TrackingNames.DeclarationJson);

        context.RegisterSourceOutput(declarationJson.Combine(runtimeMetadata), static (output, input) =>
        {
            if (input.Left is { } json)
            {
                output.AddSource(SourceEmitter.HintName, SourceEmitter.Emit(json, input.Right));
            }
        });
    }
}
