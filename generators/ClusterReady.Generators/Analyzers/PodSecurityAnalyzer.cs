using ClusterReady.Model.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>Pod security settings that leave the Pod Security Standards "restricted" profile, or that cannot start at all.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PodSecurityAnalyzer : RuleGroupAnalyzer
{
    /// <summary>Runs <see cref="PodSecurityRules"/>.</summary>
    public PodSecurityAnalyzer()
        : base(PodSecurityRules.Rules, PodSecurityRules.Check)
    {
    }
}
