using System;
using System.Collections.Generic;
using System.Globalization;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Rules;

/// <summary>
/// A secret written as a plain <c>[EnvironmentVariable]</c>, which would land in the manifest in clear text. The
/// diagnostic proposes the Secret and key a <c>[SecretEnvironmentVariable]</c> would read, and never shows the value.
/// </summary>
internal static class SecretLiteralRules
{
    /// <summary>The rules this group can report.</summary>
    public static readonly Rule[] Rules =
    {
        RuleCatalog.SecretNamedPlainVariable,
        RuleCatalog.CredentialInPlainVariable,
    };

    /// <summary>Diagnostic property: the Secret the code fix reads the variable from.</summary>
    internal const string SecretNameProperty = "SecretName";

    /// <summary>Diagnostic property: the key in that Secret.</summary>
    internal const string SecretKeyProperty = "SecretKey";

    public static void Check(RuleContext context)
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
            // Without a name (CR2004 reports it) the code fix would write [SecretEnvironmentVariable("", ...)]: it is not offered.
            var properties = string.IsNullOrEmpty(name)
                ? FindingProperties.Empty
                : FindingProperties.Empty.Add(SecretNameProperty, secretName).Add(SecretKeyProperty, key);
            if (credential)
            {
                context.Report(RuleCatalog.CredentialInPlainVariable, variable.LocationOf("Value"), properties, name ?? "", secretName, key);
            }
            else
            {
                context.Report(RuleCatalog.SecretNamedPlainVariable, variable.LocationOf("Name"), properties, name ?? "", secretName, key);
            }
        }
    }
}
