using ClusterReady.Model.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>
/// A secret written as a plain <c>[EnvironmentVariable]</c>, which would land in the manifest in clear text. The
/// diagnostic proposes the Secret and key a <c>[SecretEnvironmentVariable]</c> would read, and never shows the value.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SecretLiteralAnalyzer : RuleGroupAnalyzer
{
    /// <summary>Diagnostic property: the Secret the code fix reads the variable from.</summary>
    internal const string SecretNameProperty = SecretLiteralRules.SecretNameProperty;

    /// <summary>Diagnostic property: the key in that Secret.</summary>
    internal const string SecretKeyProperty = SecretLiteralRules.SecretKeyProperty;

    /// <summary>Runs <see cref="SecretLiteralRules"/>.</summary>
    public SecretLiteralAnalyzer()
        : base(SecretLiteralRules.Rules, SecretLiteralRules.Check)
    {
    }
}
