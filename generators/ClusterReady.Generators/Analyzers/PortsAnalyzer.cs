using ClusterReady.Model.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>Container ports: range, privileged numbers, duplicates, protocols and the single management port.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PortsAnalyzer : RuleGroupAnalyzer
{
    /// <summary>Runs <see cref="PortRules"/>.</summary>
    public PortsAnalyzer()
        : base(PortRules.Rules, PortRules.Check)
    {
    }
}
