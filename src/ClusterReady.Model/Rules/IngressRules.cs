using System;
using System.Collections.Generic;
using System.Globalization;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Rules;

/// <summary>The routes into the service, an Ingress and a Gateway API HTTPRoute: a port to route to, a path prefix, TLS, a Gateway.</summary>
internal static class IngressRules
{
    /// <summary>The rules this group can report.</summary>
    public static readonly Rule[] Rules =
    {
        RuleCatalog.IngressWithoutAppPort,
        RuleCatalog.InvalidIngressPath,
        RuleCatalog.IngressWithoutTls,
        RuleCatalog.HttpRouteWithoutGateway,
    };

    public static void Check(RuleContext context)
    {
        var ingress = context.Service.Single(KnownAttributes.Ingress);
        var route = context.Service.Single(KnownAttributes.HttpRoute);
        if (ingress is null && route is null)
        {
            return;
        }

        var routable = false;
        foreach (var port in context.Service.ResolvedPorts)
        {
            routable |= !port.Management && (port.Protocol ?? "TCP") == "TCP";
        }

        foreach (var attribute in new[] { ingress, route })
        {
            if (attribute is not null)
            {
                CheckRoute(context, attribute, routable);
            }
        }

        if (ingress is not null && ingress.Read.String("TlsSecretName") is null && ingress.Read.String("Host") is { Length: > 0 } host)
        {
            context.Report(RuleCatalog.IngressWithoutTls, ingress.LocationOf("Host"), host);
        }

        if (route is not null && string.IsNullOrWhiteSpace(route.Read.String("Gateway")))
        {
            // On Gateway when it is written (blank, or null), else on the attribute.
            context.Report(RuleCatalog.HttpRouteWithoutGateway, route.LocationOf("Gateway"), route.Read.String("Host") ?? "");
        }
    }

    /// <summary>What an Ingress and an HTTPRoute share: an app port to send the requests to, and a path prefix.</summary>
    private static void CheckRoute(RuleContext context, DeclaredAttribute attribute, bool routable)
    {
        if (!routable)
        {
            context.Report(RuleCatalog.IngressWithoutAppPort, attribute.Location, attribute.ShortName);
        }

        if (attribute.Read.String("Path") is { } path && !ProbeRules.IsRequestPath(path))
        {
            var trimmed = path.Trim().TrimStart('/');
            var fix = ProbeRules.IsRequestPath("/" + trimmed) ? "/" + trimmed : null;
            context.Report(
                RuleCatalog.InvalidIngressPath, attribute.LocationOf("Path"),
                FindingProperties.Replacement(fix),
                attribute.Property("Path"), path, fix ?? "/orders");
        }
    }
}
