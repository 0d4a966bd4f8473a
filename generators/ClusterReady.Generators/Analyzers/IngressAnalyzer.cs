using System.Collections.Immutable;
using ClusterReady.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>The Ingress: a port to route to, a path prefix, and TLS.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IngressAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.IngressWithoutAppPort,
        DiagnosticDescriptors.InvalidIngressPath,
        DiagnosticDescriptors.IngressWithoutTls);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ServiceAnalysis.Register(context, Analyze);
    }

    private static void Analyze(ServiceAnalysisContext context)
    {
        if (context.Service.Single(KnownAttributes.Ingress) is not { } ingress)
        {
            return;
        }

        var routable = false;
        foreach (var port in context.Service.ResolvedPorts)
        {
            routable |= !port.Management && (port.Protocol ?? "TCP") == "TCP";
        }

        if (!routable)
        {
            context.Report(DiagnosticDescriptors.IngressWithoutAppPort, ingress.Location);
        }

        if (ingress.Read.String("Path") is { } path && !ProbesAnalyzer.IsRequestPath(path))
        {
            var trimmed = path.Trim().TrimStart('/');
            var fix = ProbesAnalyzer.IsRequestPath("/" + trimmed) ? "/" + trimmed : null;
            context.Report(
                DiagnosticDescriptors.InvalidIngressPath, ingress.LocationOf("Path"),
                fix is null ? ImmutableDictionary<string, string?>.Empty : ServiceAnalysis.Replacements(new[] { fix }),
                path, fix ?? "/orders");
        }

        if (ingress.Read.String("TlsSecretName") is null && ingress.Read.String("Host") is { Length: > 0 } host)
        {
            context.Report(DiagnosticDescriptors.IngressWithoutTls, ingress.LocationOf("Host"), host);
        }
    }
}
