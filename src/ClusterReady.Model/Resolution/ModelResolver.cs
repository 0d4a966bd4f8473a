using System.Collections.Generic;
using System.Globalization;
using ClusterReady.Model.Declaration;

namespace ClusterReady.Model.Resolution;

/// <summary>
/// Resolves what the attributes leave open (port names, the port a probe targets, replicas) with the defaults of
/// <see cref="ModelDefaults"/>: the generator, the rules and the runtime's values all come from here.
/// </summary>
internal static class ModelResolver
{
    /// <summary>Replicas: the declared value when positive, else 2 for a highly available service, else 1.</summary>
    public static int Replicas(ServiceSpec spec) =>
        spec.Replicas is > 0 and var replicas ? replicas : spec.HighlyAvailable ? ModelDefaults.HighlyAvailableReplicas : ModelDefaults.Replicas;

    /// <summary>Declared ports with names filled in; a default port when none is declared.</summary>
    public static IReadOnlyList<PortSpec> ResolvePorts(ServiceSpec spec, AppFacts app)
    {
        if (spec.Ports.Count == 0)
        {
            return app.IsWebApp
                ? new[] { new PortSpec(ModelDefaults.WebPort, ModelDefaults.AppPortName, ModelDefaults.Protocol, Management: false) }
                : new[] { new PortSpec(ModelDefaults.WorkerManagementPort, ModelDefaults.ManagementPortName, ModelDefaults.Protocol, Management: true) };
        }

        var resolved = new List<PortSpec>(spec.Ports.Count);
        var firstAppPort = true;
        foreach (var port in spec.Ports)
        {
            var name = port.Name;
            if (name is null)
            {
                name = port.Management ? ModelDefaults.ManagementPortName
                    : firstAppPort ? ModelDefaults.AppPortName
                    : ModelDefaults.AppPortName + "-" + port.Port.ToString(CultureInfo.InvariantCulture);
            }

            if (!port.Management)
            {
                firstAppPort = false;
            }

            resolved.Add(port with { Name = name });
        }

        return resolved;
    }

    /// <summary>The port a probe targets when it names none: the management port, else the first.</summary>
    public static string DefaultProbePort(IReadOnlyList<PortSpec> ports)
    {
        foreach (var port in ports)
        {
            if (port.Management)
            {
                return port.Name!;
            }
        }

        return ports[0].Name!;
    }

    public static string ProbePath(ProbeSpec? probe, string defaultPath) => probe?.Path ?? defaultPath;

    public static string ProbePort(ProbeSpec? probe, string defaultPort) => probe?.Port ?? defaultPort;
}
