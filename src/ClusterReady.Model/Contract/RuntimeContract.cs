using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ClusterReady.Model.Contract;

/// <summary>
/// The runtime's channel from the resolved model: the values <c>AddClusterReady</c> acts on (probe paths and ports,
/// the management port, the shutdown timeline and the grace period it adds up to, the secret directories), written by
/// the generator as <c>[assembly: AssemblyMetadata("ClusterReady.Runtime.&lt;key&gt;", value)]</c> and read at start-up
/// without a JSON parser and without loading this assembly's types (the keys are constants, compiled into the reader).
/// </summary>
/// <remarks>
/// <see cref="Write"/> is the only projection of the model to the runtime: the generator calls it on the model it
/// resolved, and the runtime calls it on the model it resolves from the declaration when an assembly carries the
/// declaration without these values.
/// </remarks>
public static class RuntimeContract
{
    /// <summary>The prefix of every metadata key.</summary>
    public const string Prefix = "ClusterReady.Runtime.";

    /// <summary>The service's name (the Deployment's), for messages.</summary>
    public const string ServiceName = "ServiceName";

    /// <summary>The liveness probe's path.</summary>
    public const string LivenessPath = "LivenessPath";

    /// <summary>The readiness probe's path.</summary>
    public const string ReadinessPath = "ReadinessPath";

    /// <summary>The startup probe's path.</summary>
    public const string StartupPath = "StartupPath";

    /// <summary>The first declared port marked as the management port; absent without one.</summary>
    public const string ManagementPort = "ManagementPort";

    /// <summary>The port the liveness probe targets when that is one of the app's own ports (not the management port).</summary>
    public const string LivenessAppPort = "LivenessAppPort";

    /// <inheritdoc cref="LivenessAppPort"/>
    public const string ReadinessAppPort = "ReadinessAppPort";

    /// <inheritdoc cref="LivenessAppPort"/>
    public const string StartupAppPort = "StartupAppPort";

    /// <summary>Seconds of drain after SIGTERM.</summary>
    public const string DrainDelaySeconds = "DrainDelaySeconds";

    /// <summary>The host's shutdown timeout in seconds.</summary>
    public const string ShutdownTimeoutSeconds = "ShutdownTimeoutSeconds";

    /// <summary>Seconds kept after the shutdown timeout for the process to exit and flush its logs.</summary>
    public const string MarginSeconds = "MarginSeconds";

    /// <summary>The pod's terminationGracePeriodSeconds as the manifest has it.</summary>
    public const string TerminationGracePeriodSeconds = "TerminationGracePeriodSeconds";

    /// <summary>The readiness probe's timeoutSeconds.</summary>
    public const string ReadinessTimeoutSeconds = "ReadinessTimeoutSeconds";

    /// <summary>
    /// Seconds the app's registered warm-up work may take before readiness answers 200 anyway: the latency profile's
    /// timeout, else the startup probe's budget less one period.
    /// </summary>
    public const string WarmupTimeoutSeconds = "WarmupTimeoutSeconds";

    /// <summary>The startup probe's budget in seconds (initialDelaySeconds + periodSeconds x failureThreshold), for messages.</summary>
    public const string StartupBudgetSeconds = "StartupBudgetSeconds";

    /// <summary>
    /// The longest warm-up the startup probe leaves room for, in seconds: its budget less one period, so the probe sees
    /// the 200 before its last failure. The runtime refuses a longer <c>WarmupTimeout</c>.
    /// </summary>
    public const string MaximumWarmupSeconds = "MaximumWarmupSeconds";

    /// <summary>Prefix of the secret directories read as configuration: <c>SecretDirectory.0</c>, <c>.1</c>, ...</summary>
    public const string SecretDirectoryPrefix = "SecretDirectory.";

    /// <summary>The runtime's values of a resolved model, keys without <see cref="Prefix"/>, in a stable order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Write(DeploymentModel model)
    {
        var ports = model.Ports ?? new List<PortModel>();
        var shutdown = model.Shutdown ?? new ShutdownModel();
        var values = new List<KeyValuePair<string, string>>
        {
            new(ServiceName, model.Name ?? ""),
            new(LivenessPath, model.Liveness?.Path ?? ModelDefaults.LivenessPath),
            new(ReadinessPath, model.Readiness?.Path ?? ModelDefaults.ReadinessPath),
            new(StartupPath, model.Startup?.Path ?? ModelDefaults.StartupPath),
        };

        if (ports.FirstOrDefault(p => p.Management) is { } management)
        {
            values.Add(new(ManagementPort, Number(management.Port)));
        }

        AddAppPort(values, LivenessAppPort, ports, model.Liveness);
        AddAppPort(values, ReadinessAppPort, ports, model.Readiness);
        AddAppPort(values, StartupAppPort, ports, model.Startup);

        values.Add(new(DrainDelaySeconds, Number(shutdown.DrainDelaySeconds)));
        values.Add(new(ShutdownTimeoutSeconds, Number(shutdown.ShutdownTimeoutSeconds)));
        values.Add(new(MarginSeconds, Number(shutdown.MarginSeconds)));
        values.Add(new(TerminationGracePeriodSeconds, Number(shutdown.TerminationGracePeriodSeconds)));
        values.Add(new(ReadinessTimeoutSeconds, Number(model.Readiness?.TimeoutSeconds ?? ModelDefaults.Readiness.TimeoutSeconds)));
        values.Add(new(WarmupTimeoutSeconds, Number(Resolution.LatencyProfile.WarmupTimeoutSeconds(model))));
        values.Add(new(StartupBudgetSeconds, Number(Resolution.LatencyProfile.StartupBudgetSeconds(model.Startup))));
        values.Add(new(MaximumWarmupSeconds, Number(Resolution.LatencyProfile.MaximumWarmupSeconds(model.Startup))));

        var directory = 0;
        foreach (var volume in model.SecretVolumes ?? new List<SecretVolumeModel>())
        {
            if (volume.AsConfiguration)
            {
                values.Add(new(SecretDirectoryPrefix + Number(directory++), volume.MountPath));
            }
        }

        return values;
    }

    /// <summary>The probe's port, when that is one of the app's own ports (the runtime serves the others on the management port).</summary>
    private static void AddAppPort(List<KeyValuePair<string, string>> values, string key, IReadOnlyList<PortModel> ports, ProbeModel? probe)
    {
        if (probe?.Port is { } name && ports.FirstOrDefault(p => p.Name == name) is { Management: false } target)
        {
            values.Add(new(key, Number(target.Port)));
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
