using System.Collections.Concurrent;
using System.Collections.Immutable;
using ClusterReady.Model.Declaration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>Where the attributes are: exactly one <c>[KubernetesService]</c> class per assembly, and the other attributes on it.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ServiceDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SeveralServices,
        DiagnosticDescriptors.AttributeWithoutService);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (!ServiceAnalysis.ReferencesClusterReady(start.Compilation, out _))
            {
                return;
            }

            var services = new ConcurrentBag<DeclaredService>();
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    if (symbolContext.Symbol is not INamedTypeSymbol type || !ServiceSyntax.Carries(type, serviceOnly: false))
                    {
                        return;
                    }

                    var attributes = ServiceSyntax.Collect(type, symbolContext.CancellationToken);
                    AttributeSyntaxInfo? service = null;
                    foreach (var attribute in attributes)
                    {
                        if (attribute.MetadataName == KnownAttributes.KubernetesService)
                        {
                            service = attribute;
                        }
                    }

                    if (service is { } declared)
                    {
                        services.Add(new DeclaredService(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), declared.Location));
                        return;
                    }

                    foreach (var attribute in attributes)
                    {
                        symbolContext.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.AttributeWithoutService, attribute.Location, attribute.DisplayName, type.Name));
                    }
                },
                SymbolKind.NamedType);

            start.RegisterCompilationEndAction(end =>
            {
                // The generator uses the first class by fully qualified name; every other one is reported.
                DeclaredService? used = null;
                foreach (var candidate in services)
                {
                    if (used is null || string.CompareOrdinal(candidate.TypeName, used.TypeName) < 0)
                    {
                        used = candidate;
                    }
                }

                foreach (var candidate in services)
                {
                    if (used is { } first && candidate.TypeName != first.TypeName)
                    {
                        end.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.SeveralServices, candidate.Location, Simple(candidate.TypeName), Simple(first.TypeName)));
                    }
                }
            });
        });
    }

    // A class, not a (string, Location) tuple: a collection over a value tuple gets no precompiled code, so the compiler's
    // JIT compiles it in every build (issue 19).
    private sealed record DeclaredService(string TypeName, Location Location);

    private static string Simple(string fullyQualified) => fullyQualified.StartsWith("global::", System.StringComparison.Ordinal) ? fullyQualified.Substring(8) : fullyQualified;
}
