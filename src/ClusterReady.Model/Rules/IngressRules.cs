using System;
using System.Collections.Generic;
using System.Globalization;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Rules;

/// <summary>The Ingress: a port to route to, a path prefix, and TLS.</summary>
internal static class IngressRules
{
    /// <summary>The rules this group can report.</summary>
    public static readonly Rule[] Rules =
    {
        RuleCatalog.IngressWithoutAppPort,
        RuleCatalog.InvalidIngressPath,
        RuleCatalog.IngressWithoutTls,
    };

    public static void Check(RuleContext context)
    {
        if (context.Service.Single(KnownAttributes.Ingress) is not { } ingress)
        {
            return;
        }

        var routable = false;
        foreach (var port in context.Service.ResolvedPorts)
        {
            routable |= !port.Management && (port.Protocol ?? "TCP") == "TCP";
        }

        if (!routable)
        {
            context.Report(RuleCatalog.IngressWithoutAppPort, ingress.Location);
        }

        if (ingress.Read.String("Path") is { } path && !ProbeRules.IsRequestPath(path))
        {
            var trimmed = path.Trim().TrimStart('/');
            var fix = ProbeRules.IsRequestPath("/" + trimmed) ? "/" + trimmed : null;
            context.Report(
                RuleCatalog.InvalidIngressPath, ingress.LocationOf("Path"),
                FindingProperties.Replacement(fix),
                path, fix ?? "/orders");
        }

        if (ingress.Read.String("TlsSecretName") is null && ingress.Read.String("Host") is { Length: > 0 } host)
        {
            context.Report(RuleCatalog.IngressWithoutTls, ingress.LocationOf("Host"), host);
        }
    }
}
