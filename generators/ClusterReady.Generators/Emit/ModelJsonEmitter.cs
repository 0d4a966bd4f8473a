using System.Collections.Generic;
using System.Globalization;
using ClusterReady.Model.Declaration;
using ClusterReady.Model;
using ClusterReady.Model.Contract;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Generators.Emit;

/// <summary>
/// Writes a <see cref="ServiceSpec"/> as the JSON of <c>ClusterReady.Model.DeploymentModel</c>, with every default
/// resolved, so the build step and the runtime read the same explicit numbers.
/// </summary>
internal static class ModelJsonEmitter
{
    public static string Emit(ServiceDeclaration declaration)
    {
        var spec = declaration.Spec;
        var app = declaration.App;
        var assemblyName = app.AssemblyName;
        var json = new JsonWriter();
        json.StartObject()
            .Number("schemaVersion", 1)
            .String("name", spec.Name ?? ServiceNames.FromAssemblyName(assemblyName))
            .String("namespace", spec.Namespace)
            .String("imageRepository", spec.ImageRepository)
            .String("imageTag", spec.ImageTag)
            .Number("replicas", ModelResolver.Replicas(spec))
            .Boolean("highlyAvailable", spec.HighlyAvailable);

        var ports = ModelResolver.ResolvePorts(spec, app);
        json.StartArray("ports");
        foreach (var port in ports)
        {
            json.StartObject()
                .String("name", port.Name)
                .Number("port", port.Port)
                .String("protocol", port.Protocol ?? ModelDefaults.Protocol)
                .Boolean("management", port.Management)
                .EndObject();
        }

        json.EndArray();

        var probePort = ModelResolver.DefaultProbePort(ports);
        WriteProbe(json, "liveness", spec.Liveness, ModelDefaults.LivenessPath, ModelDefaults.Liveness, probePort);
        WriteProbe(json, "readiness", spec.Readiness, ModelDefaults.ReadinessPath, ModelDefaults.Readiness, probePort);
        WriteProbe(json, "startup", spec.Startup, ModelDefaults.StartupPath, ModelDefaults.Startup, probePort);

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
            .Number("drainDelaySeconds", spec.Shutdown?.DrainDelaySeconds ?? ModelDefaults.DrainDelaySeconds)
            .Number("shutdownTimeoutSeconds", spec.Shutdown?.ShutdownTimeoutSeconds ?? ModelDefaults.ShutdownTimeoutSeconds)
            .Number("marginSeconds", spec.Shutdown?.MarginSeconds ?? ModelDefaults.ShutdownMarginSeconds)
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
                    autoscaling.ScaleDownStabilizationSeconds ?? ModelDefaults.ScaleDownStabilizationSeconds)
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
            .Number("runAsUser", security?.RunAsUser ?? ModelDefaults.RunAsUser)
            .Boolean("runAsNonRoot", security?.RunAsNonRoot ?? ModelDefaults.RunAsNonRoot)
            .Boolean("allowPrivilegeEscalation", security?.AllowPrivilegeEscalation ?? ModelDefaults.AllowPrivilegeEscalation)
            .Boolean("readOnlyRootFilesystem", security?.ReadOnlyRootFilesystem ?? ModelDefaults.ReadOnlyRootFilesystem)
            .Boolean("automountServiceAccountToken", security?.AutomountServiceAccountToken ?? ModelDefaults.AutomountServiceAccountToken)
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

    private static void WriteProbe(
        JsonWriter json, string property, ProbeSpec? probe, string defaultPath, ModelDefaults.ProbeTimings timings, string defaultPort)
    {
        json.StartObject(property)
            .String("path", ModelResolver.ProbePath(probe, defaultPath))
            .String("port", ModelResolver.ProbePort(probe, defaultPort))
            .Number("initialDelaySeconds", probe?.InitialDelaySeconds ?? 0)
            .Number("periodSeconds", probe?.PeriodSeconds ?? timings.PeriodSeconds)
            .Number("timeoutSeconds", probe?.TimeoutSeconds ?? timings.TimeoutSeconds)
            .Number("failureThreshold", probe?.FailureThreshold ?? timings.FailureThreshold)
            .EndObject();
    }


    private static void WriteResources(JsonWriter json, ResourcesSpec resources) =>
        json.String("cpuRequest", resources.CpuRequest)
            .String("cpuLimit", resources.CpuLimit)
            .String("memoryRequest", resources.MemoryRequest)
            .String("memoryLimit", resources.MemoryLimit);
}
