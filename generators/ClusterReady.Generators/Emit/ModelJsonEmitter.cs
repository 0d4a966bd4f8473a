using System.Collections.Generic;
using System.Globalization;
using System.Text;
using ClusterReady.Generators.Model;

namespace ClusterReady.Generators.Emit;

/// <summary>
/// Writes a <see cref="ServiceSpec"/> as the JSON of <c>ClusterReady.Model.DeploymentModel</c>, with every default
/// resolved, so the build step and the runtime read the same explicit numbers.
/// </summary>
internal static class ModelJsonEmitter
{
    public static string Emit(ServiceSpec spec, AppKind app, string assemblyName)
    {
        var json = new JsonWriter();
        json.StartObject()
            .Number("schemaVersion", 1)
            .String("name", spec.Name ?? ToDnsLabel(assemblyName))
            .String("namespace", spec.Namespace)
            .String("imageRepository", spec.ImageRepository)
            .String("imageTag", spec.ImageTag)
            .Number("replicas", spec.Replicas is > 0 ? spec.Replicas : spec.HighlyAvailable ? 2 : 1)
            .Boolean("highlyAvailable", spec.HighlyAvailable);

        var ports = ResolvePorts(spec, app);
        json.StartArray("ports");
        foreach (var port in ports)
        {
            json.StartObject()
                .String("name", port.Name)
                .Number("port", port.Port)
                .String("protocol", port.Protocol ?? "TCP")
                .Boolean("management", port.Management)
                .EndObject();
        }

        json.EndArray();

        var probePort = DefaultProbePort(ports);
        WriteProbe(json, "liveness", spec.Liveness, DeploymentDefaults.LivenessPath, DeploymentDefaults.Liveness, probePort);
        WriteProbe(json, "readiness", spec.Readiness, DeploymentDefaults.ReadinessPath, DeploymentDefaults.Readiness, probePort);
        WriteProbe(json, "startup", spec.Startup, DeploymentDefaults.StartupPath, DeploymentDefaults.Startup, probePort);

        if (spec.Resources is { } resources)
        {
            json.StartObject("resources");
            WriteResources(json, resources);
            json.EndObject();
        }

        json.StartArray("environment");
        foreach (var variable in spec.Environment)
        {
            json.StartObject().String("name", variable.Name ?? "").String("value", variable.Value ?? "").EndObject();
        }

        json.EndArray().StartArray("secretEnvironment");
        foreach (var variable in spec.SecretEnvironment)
        {
            json.StartObject()
                .String("name", variable.Name ?? "")
                .String("secretName", variable.SecretName ?? "")
                .String("key", variable.Key ?? "")
                .Boolean("optional", variable.Optional)
                .EndObject();
        }

        json.EndArray().StartArray("secretVolumes");
        foreach (var volume in spec.SecretVolumes)
        {
            json.StartObject()
                .String("secretName", volume.SecretName ?? "")
                .String("mountPath", volume.MountPath ?? "")
                .Boolean("asConfiguration", volume.AsConfiguration)
                .EndObject();
        }

        json.EndArray().StartArray("configMaps");
        foreach (var configMap in spec.ConfigMaps)
        {
            json.StartObject().String("name", configMap.Name ?? "").String("mountPath", configMap.MountPath).EndObject();
        }

        json.EndArray();

        json.StartObject("shutdown")
            .Number("drainDelaySeconds", spec.Shutdown?.DrainDelaySeconds ?? DeploymentDefaults.DrainDelaySeconds)
            .Number("shutdownTimeoutSeconds", spec.Shutdown?.ShutdownTimeoutSeconds ?? DeploymentDefaults.ShutdownTimeoutSeconds)
            .Number("marginSeconds", spec.Shutdown?.MarginSeconds ?? DeploymentDefaults.ShutdownMarginSeconds)
            .EndObject();

        if (spec.Autoscaling is { } autoscaling)
        {
            json.StartObject("autoscaling")
                .Number("minReplicas", autoscaling.MinReplicas)
                .Number("maxReplicas", autoscaling.MaxReplicas)
                .Number("cpuUtilization", autoscaling.CpuUtilization)
                .Number("memoryUtilization", autoscaling.MemoryUtilization)
                .Number(
                    "scaleDownStabilizationSeconds",
                    autoscaling.ScaleDownStabilizationSeconds ?? DeploymentDefaults.ScaleDownStabilizationSeconds)
                .EndObject();
        }

        if (spec.DisruptionBudget is { } budget)
        {
            json.StartObject("disruptionBudget")
                .String("minAvailable", budget.MinAvailable?.ToString(CultureInfo.InvariantCulture))
                .String("maxUnavailable", budget.MaxUnavailable?.ToString(CultureInfo.InvariantCulture))
                .EndObject();
        }

        if (spec.Ingress is { } ingress)
        {
            json.StartObject("ingress")
                .String("host", ingress.Host ?? "")
                .String("path", ingress.Path ?? "/")
                .String("tlsSecretName", ingress.TlsSecretName)
                .String("className", ingress.ClassName)
                .EndObject();
        }

        var security = spec.Security;
        json.StartObject("security")
            .Number("runAsUser", security?.RunAsUser ?? DeploymentDefaults.RunAsUser)
            .Boolean("runAsNonRoot", security?.RunAsNonRoot ?? true)
            .Boolean("allowPrivilegeEscalation", security?.AllowPrivilegeEscalation ?? false)
            .Boolean("readOnlyRootFilesystem", security?.ReadOnlyRootFilesystem ?? true)
            .Boolean("automountServiceAccountToken", security?.AutomountServiceAccountToken ?? false)
            .EndObject();

        if (spec.NetworkPolicy is { } policy)
        {
            json.StartObject("networkPolicy").StartArray("allowFromPodLabels");
            foreach (var label in policy.AllowFromPodLabels)
            {
                json.String(null, label);
            }

            json.EndArray().StartArray("allowFromNamespaces");
            foreach (var ns in policy.AllowFromNamespaces)
            {
                json.String(null, ns);
            }

            json.EndArray().EndObject();
        }

        json.StartArray("overlays");
        foreach (var overlay in spec.Overlays)
        {
            json.StartObject()
                .String("name", overlay.Name ?? "")
                .Number("replicas", overlay.Replicas is > 0 ? overlay.Replicas : null)
                .String("imageTag", overlay.ImageTag)
                .Number("minReplicas", overlay.MinReplicas is > 0 ? overlay.MinReplicas : null)
                .Number("maxReplicas", overlay.MaxReplicas is > 0 ? overlay.MaxReplicas : null);
            if (overlay.Resources is { } overlayResources)
            {
                json.StartObject("resources");
                WriteResources(json, overlayResources);
                json.EndObject();
            }

            json.EndObject();
        }

        json.EndArray();
        return json.EndObject().ToString();
    }

    /// <summary>Declared ports with names filled in; a default port when none is declared.</summary>
    internal static IReadOnlyList<PortSpec> ResolvePorts(ServiceSpec spec, AppKind app)
    {
        if (spec.Ports.Count == 0)
        {
            return app.IsWebApp
                ? new[] { new PortSpec(DeploymentDefaults.WebPort, DeploymentDefaults.AppPortName, "TCP", Management: false) }
                : new[] { new PortSpec(DeploymentDefaults.WorkerManagementPort, DeploymentDefaults.ManagementPortName, "TCP", Management: true) };
        }

        var resolved = new List<PortSpec>(spec.Ports.Count);
        var firstAppPort = true;
        foreach (var port in spec.Ports)
        {
            var name = port.Name;
            if (name is null)
            {
                name = port.Management ? DeploymentDefaults.ManagementPortName
                    : firstAppPort ? DeploymentDefaults.AppPortName
                    : DeploymentDefaults.AppPortName + "-" + port.Port.ToString(CultureInfo.InvariantCulture);
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
    internal static string DefaultProbePort(IReadOnlyList<PortSpec> ports)
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

    private static void WriteProbe(
        JsonWriter json, string property, ProbeSpec? probe, string defaultPath, DeploymentDefaults.ProbeTimings timings, string defaultPort)
    {
        json.StartObject(property)
            .String("path", ProbePath(probe, defaultPath))
            .String("port", ProbePort(probe, defaultPort))
            .Number("initialDelaySeconds", probe?.InitialDelaySeconds ?? 0)
            .Number("periodSeconds", probe?.PeriodSeconds ?? timings.PeriodSeconds)
            .Number("timeoutSeconds", probe?.TimeoutSeconds ?? timings.TimeoutSeconds)
            .Number("failureThreshold", probe?.FailureThreshold ?? timings.FailureThreshold)
            .EndObject();
    }

    internal static string ProbePath(ProbeSpec? probe, string defaultPath) => probe?.Path ?? defaultPath;

    internal static string ProbePort(ProbeSpec? probe, string defaultPort) => probe?.Port ?? defaultPort;

    private static void WriteResources(JsonWriter json, ResourcesSpec resources) =>
        json.String("cpuRequest", resources.CpuRequest)
            .String("cpuLimit", resources.CpuLimit)
            .String("memoryRequest", resources.MemoryRequest)
            .String("memoryLimit", resources.MemoryLimit);

    /// <summary>"Orders.Api" -> "orders-api": lowercase, runs of other characters become one '-', at most 63.</summary>
    internal static string ToDnsLabel(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (c is >= 'A' and <= 'Z')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[builder.Length - 1] != '-')
            {
                builder.Append('-');
            }
        }

        var label = builder.ToString().Trim('-');
        if (label.Length > 63)
        {
            label = label.Substring(0, 63).TrimEnd('-');
        }

        return label.Length == 0 ? "app" : label;
    }
}
