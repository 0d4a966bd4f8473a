using System;
using System.Collections.Generic;
using System.Globalization;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Rules;

/// <summary>Pod security settings that leave the Pod Security Standards "restricted" profile, or that cannot start at all.</summary>
internal static class PodSecurityRules
{
    /// <summary>The rules this group can report.</summary>
    public static readonly Rule[] Rules =
    {
        RuleCatalog.RunsAsRoot,
        RuleCatalog.PrivilegeEscalation,
        RuleCatalog.InvalidRunAsUser,
        RuleCatalog.ServiceAccountTokenMounted,
    };

    public static void Check(RuleContext context)
    {
        if (context.Service.Single(KnownAttributes.PodSecurity) is not { } security)
        {
            return;
        }

        var user = security.Read.Long("RunAsUser");
        var nonRoot = security.Read.Bool("RunAsNonRoot") ?? true;
        var defaultUser = ModelDefaults.RunAsUser.ToString(CultureInfo.InvariantCulture);
        if (user is < 0 or > int.MaxValue)
        {
            context.Report(
                RuleCatalog.InvalidRunAsUser, security.LocationOf("RunAsUser"), FindingProperties.Replacements(new[] { defaultUser }),
                user.Value.ToString(CultureInfo.InvariantCulture), "is not a user id: use 0 to 2147483647, such as the .NET images' app user " + defaultUser);
        }
        else if (user == 0 && nonRoot)
        {
            context.Report(
                RuleCatalog.InvalidRunAsUser, security.LocationOf("RunAsUser"), FindingProperties.Replacements(new[] { defaultUser }),
                "0", "is root, which RunAsNonRoot = true forbids, so the kubelet refuses to start the container: use the .NET images' app user " + defaultUser);
        }

        if (!nonRoot)
        {
            context.Report(RuleCatalog.RunsAsRoot, security.LocationOf("RunAsNonRoot"), "RunAsNonRoot", "false");
        }

        if (security.Read.Bool("AllowPrivilegeEscalation") == true)
        {
            context.Report(RuleCatalog.PrivilegeEscalation, security.LocationOf("AllowPrivilegeEscalation"));
        }

        if (security.Read.Bool("AutomountServiceAccountToken") == true)
        {
            context.Report(RuleCatalog.ServiceAccountTokenMounted, security.LocationOf("AutomountServiceAccountToken"));
        }
    }
}
