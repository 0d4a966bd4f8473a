using ClusterReady.Model.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>The image reference: a repository without tag or digest, a valid tag, and no moving "latest".</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ContainerImageAnalyzer : RuleGroupAnalyzer
{
    /// <summary>Diagnostic property: the repository without its tag, for the code fix.</summary>
    internal const string RepositoryProperty = ContainerImageRules.RepositoryProperty;

    /// <summary>Diagnostic property: the tag moved out of the repository, for the code fix.</summary>
    internal const string TagProperty = ContainerImageRules.TagProperty;

    /// <summary>Runs <see cref="ContainerImageRules"/>.</summary>
    public ContainerImageAnalyzer()
        : base(ContainerImageRules.Rules, ContainerImageRules.Check)
    {
    }
}
