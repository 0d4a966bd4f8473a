using ClusterReady.Model.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>[LatencyProfile]: whole CPUs, requests equal to limits, CPU and memory in every environment, a warm-up inside the startup probe's budget.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LatencyProfileAnalyzer : RuleGroupAnalyzer
{
    /// <summary>Runs <see cref="LatencyProfileRules"/>.</summary>
    public LatencyProfileAnalyzer()
        : base(LatencyProfileRules.Rules, LatencyProfileRules.Check)
    {
    }
}
