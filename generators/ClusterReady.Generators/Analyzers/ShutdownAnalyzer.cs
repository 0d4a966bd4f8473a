using ClusterReady.Model.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>
/// The shutdown timeline. terminationGracePeriodSeconds is computed (drain + shutdown timeout + margin), so it can
/// never be shorter than the timeline; what can go wrong is each part on its own and a total that stalls rollouts.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ShutdownAnalyzer : RuleGroupAnalyzer
{
    /// <summary>Runs <see cref="ShutdownRules"/>.</summary>
    public ShutdownAnalyzer()
        : base(ShutdownRules.Rules, ShutdownRules.Check)
    {
    }
}
