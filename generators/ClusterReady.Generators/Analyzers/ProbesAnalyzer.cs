using ClusterReady.Model.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>Probes: the port they target, their path, their timings, and readiness that merely repeats liveness.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProbesAnalyzer : RuleGroupAnalyzer
{
    /// <summary>Runs <see cref="ProbeRules"/>.</summary>
    public ProbesAnalyzer()
        : base(ProbeRules.Rules, ProbeRules.Check)
    {
    }
}
