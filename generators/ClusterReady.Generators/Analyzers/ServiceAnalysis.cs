using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>Registration shared by the analyzers: cheap for projects without ClusterReady, one callback per service class.</summary>
internal static class ServiceAnalysis
{
    /// <inheritdoc cref="FindingProperties.ReplacementProperty"/>
    public const string ReplacementProperty = FindingProperties.ReplacementProperty;

    /// <inheritdoc cref="FindingProperties.ReplacementNoteProperty"/>
    public const string ReplacementNoteProperty = FindingProperties.ReplacementNoteProperty;

    /// <summary>
    /// Calls <paramref name="analyze"/> once for each <c>[KubernetesService]</c>
    /// class; nothing at all is registered for a compilation that does not reference ClusterReady's attributes.
    /// </summary>
    public static void Register(AnalysisContext context, Action<SymbolAnalysisContext, ServiceSyntax> analyze)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (!ReferencesClusterReady(start.Compilation, out var app))
            {
                return;
            }

            start.RegisterSymbolAction(
                symbolContext =>
                {
                    if (symbolContext.Symbol is INamedTypeSymbol type
                        && ServiceSyntax.Shared(symbolContext.Compilation, type, app, symbolContext.CancellationToken) is { } service)
                    {
                        analyze(symbolContext, service);
                    }
                },
                SymbolKind.NamedType);
        });
    }

    /// <summary>True when the compilation can see <c>ClusterReady.KubernetesServiceAttribute</c>; <paramref name="app"/> is what the rules know of the app.</summary>
    public static bool ReferencesClusterReady(Compilation compilation, out AppFacts app)
    {
        app = AppFactsOf(compilation);
        return compilation.GetTypeByMetadataName(KnownAttributes.KubernetesService) is not null;
    }

    /// <summary>Whether the app is an ASP.NET Core app, and its assembly name.</summary>
    public static AppFacts AppFactsOf(Compilation compilation) =>
        new(compilation.GetTypeByMetadataName(KnownAttributes.WebApplication) is not null, compilation.AssemblyName ?? "app");

    /// <inheritdoc cref="FindingProperties.Quote"/>
    public static string Quote(IReadOnlyList<string> values) => FindingProperties.Quote(values);
}

/// <summary>
/// An analyzer for one group of rules of the rulebook: it runs the group's check on the declaration and places each
/// finding on the argument it names. The rule itself lives in ClusterReady.Model, where the build step runs it too.
/// </summary>
public abstract class RuleGroupAnalyzer : DiagnosticAnalyzer
{
    private readonly Action<RuleContext> _check;

    private protected RuleGroupAnalyzer(IReadOnlyList<Rule> rules, Action<RuleContext> check)
    {
        var descriptors = ImmutableArray.CreateBuilder<DiagnosticDescriptor>(rules.Count);
        foreach (var rule in rules)
        {
            descriptors.Add(DiagnosticDescriptors.For(rule));
        }

        SupportedDiagnostics = descriptors.MoveToImmutable();
        _check = check;
    }

    /// <inheritdoc />
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ServiceAnalysis.Register(context, Analyze);
    }

    private void Analyze(SymbolAnalysisContext context, ServiceSyntax service)
    {
        var rules = new RuleContext(service.Declaration);
        _check(rules);
        foreach (var finding in rules.Findings)
        {
            var arguments = new object?[finding.Arguments.Count];
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = finding.Arguments[i];
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.For(finding.Rule), service.LocationOf(finding.Site), finding.Properties.ToImmutableDictionary(), arguments));
        }
    }
}
