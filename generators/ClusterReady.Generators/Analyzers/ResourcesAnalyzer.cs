using ClusterReady.Model.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>CPU and memory: quantities Kubernetes rejects or that cannot be meant, requests above limits, a missing memory limit.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ResourcesAnalyzer : RuleGroupAnalyzer
{
    /// <summary>Diagnostic property naming the argument the code fix swaps with the reported one (request above limit).</summary>
    internal const string SwapWithProperty = ResourceRules.SwapWithProperty;

    /// <summary>Runs <see cref="ResourceRules"/>.</summary>
    public ResourcesAnalyzer()
        : base(ResourceRules.Rules, ResourceRules.Check)
    {
    }
}
