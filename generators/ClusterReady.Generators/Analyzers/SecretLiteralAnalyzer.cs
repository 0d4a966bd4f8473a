using System.Collections.Immutable;
using ClusterReady.Generators.Analyzers.Validation;
using ClusterReady.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>
/// A secret written as a plain <c>[EnvironmentVariable]</c>, which would land in the manifest in clear text. The
/// diagnostic proposes the Secret and key a <c>[SecretEnvironmentVariable]</c> would read, and never shows the value.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SecretLiteralAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the Secret the code fix reads the variable from.</summary>
    internal const string SecretNameProperty = "SecretName";

    /// <summary>Diagnostic property: the key in that Secret.</summary>
    internal const string SecretKeyProperty = "SecretKey";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SecretNamedPlainVariable,
        DiagnosticDescriptors.CredentialInPlainVariable);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ServiceAnalysis.Register(context, Analyze);
    }

    private static void Analyze(ServiceAnalysisContext context)
    {
        string? secretName = null;
        foreach (var variable in context.Service.All(KnownAttributes.EnvironmentVariable))
        {
            var name = variable.Read.String("Name");
            var value = variable.Read.String("Value");
            var credential = SecretDetection.ValueLooksSecret(value);
            if (!credential && !SecretDetection.NameLooksSecret(name, value))
            {
                continue;
            }

            secretName ??= NameRules.ToDns1123Subdomain(context.Service.ServiceName + "-secrets") ?? "app-secrets";
            var key = NameRules.ToConfigKey(name ?? "value");
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(SecretNameProperty, secretName)
                .Add(SecretKeyProperty, key);
            if (credential)
            {
                context.Report(DiagnosticDescriptors.CredentialInPlainVariable, variable.LocationOf("Value"), properties, name ?? "", secretName, key);
            }
            else
            {
                context.Report(DiagnosticDescriptors.SecretNamedPlainVariable, variable.LocationOf("Name"), properties, name ?? "", secretName, key);
            }
        }
    }
}
