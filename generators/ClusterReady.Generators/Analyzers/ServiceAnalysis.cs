using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using ClusterReady.Generators.Model;
using ClusterReady.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>Registration shared by the analyzers: cheap for projects without ClusterReady, one callback per service class.</summary>
internal static class ServiceAnalysis
{
    /// <summary>Diagnostic property that carries a replacement value for the code fix, e.g. "500Mi" (with a numeric suffix for alternatives).</summary>
    public const string ReplacementProperty = "Replacement";

    /// <summary>Diagnostic property that names the replacement (shown in the code fix title), e.g. "2^20 bytes".</summary>
    public const string ReplacementNoteProperty = "ReplacementNote";

    /// <summary>
    /// Calls <paramref name="analyze"/> once for each <c>[KubernetesService]</c>
    /// class; nothing at all is registered for a compilation that does not reference ClusterReady's attributes.
    /// </summary>
    public static void Register(AnalysisContext context, Action<ServiceAnalysisContext> analyze)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (!ReferencesClusterReady(start.Compilation, out var app))
            {
                return;
            }

            var assemblyName = start.Compilation.AssemblyName ?? "app";
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    if (symbolContext.Symbol is INamedTypeSymbol type
                        && ServiceDeclaration.TryCreate(type, app, assemblyName, symbolContext.CancellationToken) is { } declaration)
                    {
                        analyze(new ServiceAnalysisContext(symbolContext, declaration));
                    }
                },
                SymbolKind.NamedType);
        });
    }

    /// <summary>True when the compilation can see <c>ClusterReady.KubernetesServiceAttribute</c>; <paramref name="app"/> says whether it is an ASP.NET Core app.</summary>
    public static bool ReferencesClusterReady(Compilation compilation, out AppKind app)
    {
        app = new AppKind(compilation.GetTypeByMetadataName(KnownAttributes.WebApplication) is not null);
        return compilation.GetTypeByMetadataName(KnownAttributes.KubernetesService) is not null;
    }

    /// <summary>Properties that offer each of <paramref name="replacements"/> to the code fix, best first.</summary>
    public static ImmutableDictionary<string, string?> Replacements(IReadOnlyList<string> replacements, IReadOnlyList<string>? notes = null)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        for (var i = 0; i < replacements.Count; i++)
        {
            builder[ReplacementProperty + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = replacements[i];
            if (notes is not null && i < notes.Count)
            {
                builder[ReplacementNoteProperty + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = notes[i];
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>"\"500M\" or \"500Mi\"" for a message.</summary>
    public static string Quote(IReadOnlyList<string> values)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            text.Append(i == 0 ? "" : i == values.Count - 1 ? " or " : ", ").Append('"').Append(values[i]).Append('"');
        }

        return text.ToString();
    }
}

/// <summary>One service class under analysis, and a way to report on it.</summary>
internal readonly struct ServiceAnalysisContext
{
    private readonly SymbolAnalysisContext _context;

    public ServiceAnalysisContext(SymbolAnalysisContext context, ServiceDeclaration service)
    {
        _context = context;
        Service = service;
    }

    public ServiceDeclaration Service { get; }

    public void Report(DiagnosticDescriptor descriptor, Location location, params object?[] messageArgs) =>
        _context.ReportDiagnostic(Diagnostic.Create(descriptor, location, messageArgs));

    public void Report(DiagnosticDescriptor descriptor, Location location, ImmutableDictionary<string, string?> properties, params object?[] messageArgs) =>
        _context.ReportDiagnostic(Diagnostic.Create(descriptor, location, properties, messageArgs));
}
