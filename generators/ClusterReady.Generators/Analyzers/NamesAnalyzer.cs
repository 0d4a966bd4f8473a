using ClusterReady.Model.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>Names Kubernetes validates (service, namespace, Secret, ConfigMap, port, environment variable, label), duplicates and mount paths.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NamesAnalyzer : RuleGroupAnalyzer
{
    /// <summary>Runs <see cref="NamingRules"/>.</summary>
    public NamesAnalyzer()
        : base(NamingRules.Rules, NamingRules.Check)
    {
    }
}
