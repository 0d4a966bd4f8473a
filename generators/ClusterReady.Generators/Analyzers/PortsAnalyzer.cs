using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using ClusterReady.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>Container ports: range, privileged numbers, duplicates, protocols and the single management port.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PortsAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.PortOutOfRange,
        DiagnosticDescriptors.PrivilegedPort,
        DiagnosticDescriptors.DuplicatePort,
        DiagnosticDescriptors.InvalidProtocol,
        DiagnosticDescriptors.SeveralManagementPorts);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ServiceAnalysis.Register(context, Analyze);
    }

    private static void Analyze(ServiceAnalysisContext context)
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

        var resolved = declared.Count == 0 ? new List<Model.PortSpec>() : new List<Model.PortSpec>(context.Service.ResolvedPorts);
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        var numbers = new HashSet<(int, string)>();
        int? managementPort = null;
        for (var i = 0; i < declared.Count && i < resolved.Count; i++)
        {
            var attribute = declared[i];
            var port = resolved[i];
            var number = port.Port.ToString(CultureInfo.InvariantCulture);
            var protocol = port.Protocol ?? "TCP";
            if (port.Port is < 1 or > 65535)
            {
                context.Report(DiagnosticDescriptors.PortOutOfRange, attribute.LocationOf("Port"), number);
            }
            else if (port.Port < 1024)
            {
                context.Report(DiagnosticDescriptors.PrivilegedPort, attribute.LocationOf("Port"), number);
            }
            else if (!numbers.Add((port.Port, protocol)))
            {
                context.Report(DiagnosticDescriptors.DuplicatePort, attribute.LocationOf("Port"), "number", number + "/" + protocol);
            }

            if (port.Name is { } name && !names.Add(name))
            {
                context.Report(DiagnosticDescriptors.DuplicatePort, attribute.LocationOf("Name"), "name", name);
            }

            if (port.Protocol is { } written && written is not ("TCP" or "UDP" or "SCTP"))
            {
                var upper = written.Trim().ToUpperInvariant();
                var fix = upper is "TCP" or "UDP" or "SCTP" ? upper : null;
                context.Report(
                    DiagnosticDescriptors.InvalidProtocol, attribute.LocationOf("Protocol"), Replacement(fix),
                    written, "is not a protocol: use \"TCP\", \"UDP\" or \"SCTP\" (uppercase)");
            }
            else if (port.Management && port.Protocol is "UDP" or "SCTP")
            {
                context.Report(
                    DiagnosticDescriptors.InvalidProtocol, attribute.LocationOf("Protocol"), Replacement("TCP"),
                    port.Protocol, "is not TCP, but the management port serves the HTTP health endpoints: use \"TCP\"");
            }

            if (port.Management)
            {
                if (managementPort is { } first)
                {
                    context.Report(DiagnosticDescriptors.SeveralManagementPorts, attribute.LocationOf("Management"), number, first.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    managementPort = port.Port;
                }
            }
        }
    }

    private static ImmutableDictionary<string, string?> Replacement(string? fix) =>
        fix is null ? ImmutableDictionary<string, string?>.Empty : ServiceAnalysis.Replacements(new[] { fix });
}
