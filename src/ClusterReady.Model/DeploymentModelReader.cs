using System.Text.Json;

namespace ClusterReady.Model;

/// <summary>
/// Reads the model JSON with <see cref="JsonDocument"/> rather than <see cref="JsonSerializer"/>: the runtime parses it
/// once at start-up, and the serializer's first use costs about 60 ms and 5 MiB more in a fresh process (measured in
/// docs/benchmarks.md). Strict like the contract: an unknown member or a value of the wrong kind is a
/// <see cref="JsonException"/> naming its path; a missing member keeps its default.
/// </summary>
internal static class DeploymentModelReader
{
    public static DeploymentModel Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var model = new DeploymentModel();
        foreach (var (name, value, path) in Members(document.RootElement, "$"))
        {
            switch (name)
            {
                case "schemaVersion": model.SchemaVersion = Int(value, path); break;
                case "name": model.Name = NullableString(value, path); break;
                case "namespace": model.Namespace = NullableString(value, path); break;
                case "imageRepository": model.ImageRepository = NullableString(value, path); break;
                case "imageTag": model.ImageTag = NullableString(value, path); break;
                case "replicas": model.Replicas = Int(value, path); break;
                case "highlyAvailable": model.HighlyAvailable = Bool(value, path); break;
                case "ports": model.Ports = Array(value, path, Port); break;
                case "liveness": model.Liveness = Nullable(value, path, Probe); break;
                case "readiness": model.Readiness = Nullable(value, path, Probe); break;
                case "startup": model.Startup = Nullable(value, path, Probe); break;
                case "resources": model.Resources = Nullable(value, path, Resources); break;
                case "environment": model.Environment = Array(value, path, EnvironmentVariable); break;
                case "secretEnvironment": model.SecretEnvironment = Array(value, path, SecretEnvironmentVariable); break;
                case "secretVolumes": model.SecretVolumes = Array(value, path, SecretVolume); break;
                case "configMaps": model.ConfigMaps = Array(value, path, ConfigMap); break;
                case "shutdown": model.Shutdown = Shutdown(value, path); break;
                case "autoscaling": model.Autoscaling = Nullable(value, path, Autoscaling); break;
                case "disruptionBudget": model.DisruptionBudget = Nullable(value, path, DisruptionBudget); break;
                case "ingress": model.Ingress = Nullable(value, path, Ingress); break;
                case "security": model.Security = Security(value, path); break;
                case "networkPolicy": model.NetworkPolicy = Nullable(value, path, NetworkPolicy); break;
                case "overlays": model.Overlays = Array(value, path, Overlay); break;
                default: throw Unknown(path);
            }
        }

        return model;
    }

    private static PortModel Port(JsonElement element, string at)
    {
        var port = new PortModel();
        foreach (var (name, value, path) in Members(element, at))
        {
            switch (name)
            {
                case "name": port.Name = String(value, path); break;
                case "port": port.Port = Int(value, path); break;
                case "protocol": port.Protocol = String(value, path); break;
                case "management": port.Management = Bool(value, path); break;
                default: throw Unknown(path);
            }
        }

        return port;
    }

    private static ProbeModel Probe(JsonElement element, string at)
    {
        var probe = new ProbeModel();
        foreach (var (name, value, path) in Members(element, at))
        {
            switch (name)
            {
                case "path": probe.Path = String(value, path); break;
                case "port": probe.Port = NullableString(value, path); break;
                case "initialDelaySeconds": probe.InitialDelaySeconds = Int(value, path); break;
                case "periodSeconds": probe.PeriodSeconds = Int(value, path); break;
                case "timeoutSeconds": probe.TimeoutSeconds = Int(value, path); break;
                case "failureThreshold": probe.FailureThreshold = Int(value, path); break;
                default: throw Unknown(path);
            }
        }

        return probe;
    }

    private static ResourcesModel Resources(JsonElement element, string at)
    {
        var resources = new ResourcesModel();
        foreach (var (name, value, path) in Members(element, at))
        {
            switch (name)
            {
                case "cpuRequest": resources.CpuRequest = NullableString(value, path); break;
                case "cpuLimit": resources.CpuLimit = NullableString(value, path); break;
                case "memoryRequest": resources.MemoryRequest = NullableString(value, path); break;
                case "memoryLimit": resources.MemoryLimit = NullableString(value, path); break;
                default: throw Unknown(path);
            }
        }

        return resources;
    }

    private static EnvironmentVariableModel EnvironmentVariable(JsonElement element, string at)
    {
        string? variable = null, text = null;
        foreach (var (name, value, path) in Members(element, at))
        {
            switch (name)
            {
                case "name": variable = String(value, path); break;
                case "value": text = String(value, path); break;
                default: throw Unknown(path);
            }
        }

        return new EnvironmentVariableModel(Required(variable, at, "name"), Required(text, at, "value"));
    }

    private static SecretEnvironmentVariableModel SecretEnvironmentVariable(JsonElement element, string at)
    {
        string? variable = null, secretName = null, key = null;
        var optional = false;
        foreach (var (name, value, path) in Members(element, at))
        {
            switch (name)
            {
                case "name": variable = String(value, path); break;
                case "secretName": secretName = String(value, path); break;
                case "key": key = String(value, path); break;
                case "optional": optional = Bool(value, path); break;
                default: throw Unknown(path);
            }
        }

        return new SecretEnvironmentVariableModel(
            Required(variable, at, "name"), Required(secretName, at, "secretName"), Required(key, at, "key"), optional);
    }

    private static SecretVolumeModel SecretVolume(JsonElement element, string at)
    {
        string? secretName = null, mountPath = null;
        var asConfiguration = true;
        foreach (var (name, value, path) in Members(element, at))
        {
            switch (name)
            {
                case "secretName": secretName = String(value, path); break;
                case "mountPath": mountPath = String(value, path); break;
                case "asConfiguration": asConfiguration = Bool(value, path); break;
                default: throw Unknown(path);
            }
        }

        return new SecretVolumeModel(Required(secretName, at, "secretName"), Required(mountPath, at, "mountPath"))
        {
            AsConfiguration = asConfiguration,
        };
    }

    private static ConfigMapModel ConfigMap(JsonElement element, string at)
    {
        string? configMap = null, mountPath = null;
        foreach (var (name, value, path) in Members(element, at))
        {
            switch (name)
            {
                case "name": configMap = String(value, path); break;
                case "mountPath": mountPath = NullableString(value, path); break;
                default: throw Unknown(path);
            }
        }

        return new ConfigMapModel(Required(configMap, at, "name")) { MountPath = mountPath };
    }

    private static ShutdownModel Shutdown(JsonElement element, string at)
    {
        var shutdown = new ShutdownModel();
        foreach (var (name, value, path) in Members(element, at))
        {
            switch (name)
            {
                case "drainDelaySeconds": shutdown.DrainDelaySeconds = Int(value, path); break;
                case "shutdownTimeoutSeconds": shutdown.ShutdownTimeoutSeconds = Int(value, path); break;
                case "marginSeconds": shutdown.MarginSeconds = Int(value, path); break;
                default: throw Unknown(path);
            }
        }

        return shutdown;
    }

    private static AutoscalingModel Autoscaling(JsonElement element, string at)
    {
        var autoscaling = new AutoscalingModel();
        foreach (var (name, value, path) in Members(element, at))
        {
            switch (name)
            {
                case "minReplicas": autoscaling.MinReplicas = Int(value, path); break;
                case "maxReplicas": autoscaling.MaxReplicas = Int(value, path); break;
                case "cpuUtilization": autoscaling.CpuUtilization = NullableInt(value, path); break;
                case "memoryUtilization": autoscaling.MemoryUtilization = NullableInt(value, path); break;
                case "scaleDownStabilizationSeconds": autoscaling.ScaleDownStabilizationSeconds = Int(value, path); break;
                default: throw Unknown(path);
            }
        }

        return autoscaling;
    }

    private static DisruptionBudgetModel DisruptionBudget(JsonElement element, string at)
    {
        var budget = new DisruptionBudgetModel();
        foreach (var (name, value, path) in Members(element, at))
        {
            switch (name)
            {
                case "minAvailable": budget.MinAvailable = NullableString(value, path); break;
                case "maxUnavailable": budget.MaxUnavailable = NullableString(value, path); break;
                default: throw Unknown(path);
            }
        }

        return budget;
    }

    private static IngressModel Ingress(JsonElement element, string at)
    {
        string? host = null, ingressPath = null, tlsSecretName = null, className = null;
        foreach (var (name, value, path) in Members(element, at))
        {
            switch (name)
            {
                case "host": host = String(value, path); break;
                case "path": ingressPath = String(value, path); break;
                case "tlsSecretName": tlsSecretName = NullableString(value, path); break;
                case "className": className = NullableString(value, path); break;
                default: throw Unknown(path);
            }
        }

        var ingress = new IngressModel(Required(host, at, "host")) { TlsSecretName = tlsSecretName, ClassName = className };
        if (ingressPath is not null)
        {
            ingress.Path = ingressPath;
        }

        return ingress;
    }

    private static SecurityModel Security(JsonElement element, string at)
    {
        var security = new SecurityModel();
        foreach (var (name, value, path) in Members(element, at))
        {
            switch (name)
            {
                case "runAsUser": security.RunAsUser = Long(value, path); break;
                case "runAsNonRoot": security.RunAsNonRoot = Bool(value, path); break;
                case "allowPrivilegeEscalation": security.AllowPrivilegeEscalation = Bool(value, path); break;
                case "readOnlyRootFilesystem": security.ReadOnlyRootFilesystem = Bool(value, path); break;
                case "automountServiceAccountToken": security.AutomountServiceAccountToken = Bool(value, path); break;
                default: throw Unknown(path);
            }
        }

        return security;
    }

    private static NetworkPolicyModel NetworkPolicy(JsonElement element, string at)
    {
        var policy = new NetworkPolicyModel();
        foreach (var (name, value, path) in Members(element, at))
        {
            switch (name)
            {
                case "allowFromPodLabels": policy.AllowFromPodLabels = Array(value, path, String); break;
                case "allowFromNamespaces": policy.AllowFromNamespaces = Array(value, path, String); break;
                default: throw Unknown(path);
            }
        }

        return policy;
    }

    private static EnvironmentOverlayModel Overlay(JsonElement element, string at)
    {
        string? overlay = null, imageTag = null;
        int? replicas = null, minReplicas = null, maxReplicas = null;
        ResourcesModel? resources = null;
        foreach (var (name, value, path) in Members(element, at))
        {
            switch (name)
            {
                case "name": overlay = String(value, path); break;
                case "replicas": replicas = NullableInt(value, path); break;
                case "imageTag": imageTag = NullableString(value, path); break;
                case "resources": resources = Nullable(value, path, Resources); break;
                case "minReplicas": minReplicas = NullableInt(value, path); break;
                case "maxReplicas": maxReplicas = NullableInt(value, path); break;
                default: throw Unknown(path);
            }
        }

        return new EnvironmentOverlayModel(Required(overlay, at, "name"))
        {
            Replicas = replicas,
            ImageTag = imageTag,
            Resources = resources,
            MinReplicas = minReplicas,
            MaxReplicas = maxReplicas,
        };
    }

    private static IEnumerable<(string Name, JsonElement Value, string Path)> Members(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "an object");
        }

        foreach (var property in element.EnumerateObject())
        {
            yield return (property.Name, property.Value, path + "." + property.Name);
        }
    }

    private static IReadOnlyList<T> Array<T>(JsonElement element, string path, Func<JsonElement, string, T> read)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(path, "an array");
        }

        var items = new List<T>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            items.Add(read(item, $"{path}[{items.Count}]"));
        }

        return items;
    }

    private static T? Nullable<T>(JsonElement element, string path, Func<JsonElement, string, T> read)
        where T : class => element.ValueKind == JsonValueKind.Null ? null : read(element, path);

    private static string String(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Invalid(path, "a string");

    private static string? NullableString(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Null ? null : String(element, path);

    private static int Int(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value) ? value : throw Invalid(path, "a 32-bit integer");

    private static int? NullableInt(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Null ? null : Int(element, path);

    private static long Long(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value) ? value : throw Invalid(path, "an integer");

    private static bool Bool(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Invalid(path, "true or false"),
    };

    private static string Required(string? value, string path, string member) =>
        value ?? throw new JsonException($"The ClusterReady deployment model lacks '{member}' at {path}.");

    private static JsonException Unknown(string path) =>
        new($"The ClusterReady deployment model has an unknown member at {path}.");

    private static JsonException Invalid(string path, string expected) =>
        new($"The ClusterReady deployment model has a value at {path} that is not {expected}.");
}
