using System;
using System.Collections.Generic;
using System.Globalization;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Rules;

/// <summary>Container ports: range, privileged numbers, duplicates, protocols and the single management port.</summary>
internal static class PortRules
{
    /// <summary>The rules this group can report.</summary>
    public static readonly Rule[] Rules =
    {
        RuleCatalog.PortOutOfRange,
        RuleCatalog.PrivilegedPort,
        RuleCatalog.DuplicatePort,
        RuleCatalog.InvalidProtocol,
        RuleCatalog.SeveralManagementPorts,
    };

    public static void Check(RuleContext context)
    {
        // The attributes the generator turned into ports, paired with the names it gave them.
        var declared = new List<DeclaredAttribute>();
        foreach (var attribute in context.Service.All(KnownAttributes.ContainerPort))
        {
            if (attribute.Read.Int("Port") is not null)
            {
                declared.Add(attribute);
            }
        }

        var resolved = declared.Count == 0 ? new List<PortSpec>() : new List<PortSpec>(context.Service.ResolvedPorts);
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        // Keys as text, "8080/TCP", not (int, string) tuples: generic collections over value tuples get no precompiled
        // code, so the compiler's JIT compiles them in every build that runs the analyzers (issue 19).
        var numbers = new HashSet<string>(System.StringComparer.Ordinal);
        int? managementPort = null;
        for (var i = 0; i < declared.Count && i < resolved.Count; i++)
        {
            var attribute = declared[i];
            var port = resolved[i];
            var number = port.Port.ToString(CultureInfo.InvariantCulture);
            var numberAndProtocol = number + "/" + (port.Protocol ?? "TCP");
            if (port.Port is < 1 or > 65535)
            {
                context.Report(RuleCatalog.PortOutOfRange, attribute.LocationOf("Port"), number);
            }
            else if (port.Port < 1024)
            {
                context.Report(RuleCatalog.PrivilegedPort, attribute.LocationOf("Port"), number);
            }
            else if (!numbers.Add(numberAndProtocol))
            {
                context.Report(RuleCatalog.DuplicatePort, attribute.LocationOf("Port"), "number", numberAndProtocol);
            }

            if (port.Name is { } name && !names.Add(name))
            {
                context.Report(RuleCatalog.DuplicatePort, attribute.LocationOf("Name"), "name", name);
            }

            if (port.Protocol is { } written && written is not ("TCP" or "UDP" or "SCTP"))
            {
                var upper = written.Trim().ToUpperInvariant();
                var fix = upper is "TCP" or "UDP" or "SCTP" ? upper : null;
                context.Report(
                    RuleCatalog.InvalidProtocol, attribute.LocationOf("Protocol"), FindingProperties.Replacement(fix),
                    written, "is not a protocol: use \"TCP\", \"UDP\" or \"SCTP\" (uppercase)");
            }
            else if (port.Management && port.Protocol is "UDP" or "SCTP")
            {
                context.Report(
                    RuleCatalog.InvalidProtocol, attribute.LocationOf("Protocol"), FindingProperties.Replacement("TCP"),
                    port.Protocol, "is not TCP, but the management port serves the HTTP health endpoints: use \"TCP\"");
            }

            if (port.Management)
            {
                if (managementPort is { } first)
                {
                    context.Report(RuleCatalog.SeveralManagementPorts, attribute.LocationOf("Management"), number, first.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    managementPort = port.Port;
                }
            }
        }
    }
}
