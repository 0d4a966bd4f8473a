using ClusterReady.Model.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>Replicas, disruption budget and autoscaler: each valid on its own, and coherent together (drains must be able to proceed).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AvailabilityAnalyzer : RuleGroupAnalyzer
{
    /// <summary>Runs <see cref="AvailabilityRules"/>.</summary>
    public AvailabilityAnalyzer()
        : base(AvailabilityRules.Rules, AvailabilityRules.Check)
    {
    }
}
