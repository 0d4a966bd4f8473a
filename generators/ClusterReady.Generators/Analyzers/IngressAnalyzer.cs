using ClusterReady.Model.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>The Ingress: a port to route to, a path prefix, and TLS.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IngressAnalyzer : RuleGroupAnalyzer
{
    /// <summary>Runs <see cref="IngressRules"/>.</summary>
    public IngressAnalyzer()
        : base(IngressRules.Rules, IngressRules.Check)
    {
    }
}
