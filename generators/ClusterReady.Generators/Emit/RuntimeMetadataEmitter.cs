using System.Collections.Generic;
using ClusterReady.Model;
using System.Globalization;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Generators.Emit;

/// <summary>One <c>AssemblyMetadata</c> entry of the runtime's view of the model.</summary>
internal sealed record RuntimeValue(string Key, string Value);

/// <summary>
/// The values that <c>AddClusterReady</c> acts on (probe paths and ports, the management port, shutdown timing,
/// secret directories), resolved from the same spec and with the same defaults as the model JSON, so that the runtime
/// can read them at start-up without parsing the model. The runtime's <c>RuntimeModel</c> reads these keys; a test
/// checks that they give the same settings as the model JSON.
/// </summary>
internal static class RuntimeMetadataEmitter
{
    public const string Prefix = "ClusterReady.Runtime.";

    public static EquatableArray<RuntimeValue> Emit(ServiceDeclaration declaration)
    {
        var spec = declaration.Spec;
        var ports = ModelResolver.ResolvePorts(spec, declaration.App);
        var probePort = ModelResolver.DefaultProbePort(ports);
        var values = new List<RuntimeValue>
        {
            new("LivenessPath", ModelResolver.ProbePath(spec.Liveness, ModelDefaults.LivenessPath)),
            new("ReadinessPath", ModelResolver.ProbePath(spec.Readiness, ModelDefaults.ReadinessPath)),
            new("StartupPath", ModelResolver.ProbePath(spec.Startup, ModelDefaults.StartupPath)),
        };

        foreach (var port in ports)
        {
            if (port.Management)
            {
                values.Add(new("ManagementPort", Number(port.Port)));
                break;
            }
        }

        AddAppPort(values, "LivenessAppPort", ports, ModelResolver.ProbePort(spec.Liveness, probePort));
        AddAppPort(values, "ReadinessAppPort", ports, ModelResolver.ProbePort(spec.Readiness, probePort));
        AddAppPort(values, "StartupAppPort", ports, ModelResolver.ProbePort(spec.Startup, probePort));

        values.Add(new("DrainDelaySeconds", Number(spec.Shutdown?.DrainDelaySeconds ?? ModelDefaults.DrainDelaySeconds)));
        values.Add(new("ShutdownTimeoutSeconds", Number(spec.Shutdown?.ShutdownTimeoutSeconds ?? ModelDefaults.ShutdownTimeoutSeconds)));
        values.Add(new("ReadinessTimeoutSeconds", Number(spec.Readiness?.TimeoutSeconds ?? ModelDefaults.Readiness.TimeoutSeconds)));

        var directory = 0;
        foreach (var volume in spec.SecretVolumes)
        {
            if (volume.AsConfiguration)
            {
                values.Add(new("SecretDirectory." + Number(directory++), volume.MountPath ?? ""));
            }
        }

        return new EquatableArray<RuntimeValue>(values);
    }

    /// <summary>The probe's port, when that is one of the app's own ports (the runtime serves the others on the management port).</summary>
    private static void AddAppPort(List<RuntimeValue> values, string key, IReadOnlyList<PortSpec> ports, string portName)
    {
        foreach (var port in ports)
        {
            if (port.Name == portName)
            {
                if (!port.Management)
                {
                    values.Add(new(key, Number(port.Port)));
                }

                return;
            }
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
