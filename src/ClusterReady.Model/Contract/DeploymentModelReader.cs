using System.Text.Json;

namespace ClusterReady.Model;

/// <summary>
/// Reads the model JSON with <see cref="ModelJsonNode"/> rather than System.Text.Json: the runtime parses it at every
/// start, and System.Text.Json's first use costs time and working set in a process that does not otherwise load it
/// (measured in docs/benchmarks.md). Strict like the contract: text that is not JSON, an unknown member or a value of
/// the wrong kind is a <see cref="JsonException"/> naming its place; a missing member keeps its default.
/// </summary>
internal static class DeploymentModelReader
{
    public static DeploymentModel Read(string json)
    {
        ModelJsonNode root;
        try
        {
            root = ModelJsonNode.Parse(json);
        }
        catch (FormatException exception)
        {
            throw NotJson(exception);
        }

        var model = new DeploymentModel();
        foreach (var (name, value, path) in Members(root, "$"))
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

    private static PortModel Port(ModelJsonNode element, string at)
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

    private static ProbeModel Probe(ModelJsonNode element, string at)
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

    private static ResourcesModel Resources(ModelJsonNode element, string at)
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

    private static EnvironmentVariableModel EnvironmentVariable(ModelJsonNode element, string at)
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

    private static SecretEnvironmentVariableModel SecretEnvironmentVariable(ModelJsonNode element, string at)
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

    private static SecretVolumeModel SecretVolume(ModelJsonNode element, string at)
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

    private static ConfigMapModel ConfigMap(ModelJsonNode element, string at)
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

    private static ShutdownModel Shutdown(ModelJsonNode element, string at)
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

    private static AutoscalingModel Autoscaling(ModelJsonNode element, string at)
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

    private static DisruptionBudgetModel DisruptionBudget(ModelJsonNode element, string at)
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

    private static IngressModel Ingress(ModelJsonNode element, string at)
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

    private static SecurityModel Security(ModelJsonNode element, string at)
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

    private static NetworkPolicyModel NetworkPolicy(ModelJsonNode element, string at)
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

    private static EnvironmentOverlayModel Overlay(ModelJsonNode element, string at)
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

    private static IEnumerable<(string Name, ModelJsonNode Value, string Path)> Members(ModelJsonNode element, string path)
    {
        if (element.Kind != ModelJsonKind.Object)
        {
            throw Invalid(path, "an object");
        }

        foreach (var (name, value) in element.Members)
        {
            yield return (name, value, path + "." + name);
        }
    }

    private static IReadOnlyList<T> Array<T>(ModelJsonNode element, string path, Func<ModelJsonNode, string, T> read)
    {
        if (element.Kind != ModelJsonKind.Array)
        {
            throw Invalid(path, "an array");
        }

        var items = new List<T>(element.Items.Count);
        foreach (var item in element.Items)
        {
            items.Add(read(item, $"{path}[{items.Count}]"));
        }

        return items;
    }

    private static T? Nullable<T>(ModelJsonNode element, string path, Func<ModelJsonNode, string, T> read)
        where T : class => element.Kind == ModelJsonKind.Null ? null : read(element, path);

    private static string String(ModelJsonNode element, string path) =>
        element.Kind == ModelJsonKind.String ? element.String! : throw Invalid(path, "a string");

    private static string? NullableString(ModelJsonNode element, string path) =>
        element.Kind == ModelJsonKind.Null ? null : String(element, path);

    private static int Int(ModelJsonNode element, string path) =>
        element.Kind == ModelJsonKind.Number && element.TryGetInt32(out var value) ? value : throw Invalid(path, "a 32-bit integer");

    private static int? NullableInt(ModelJsonNode element, string path) =>
        element.Kind == ModelJsonKind.Null ? null : Int(element, path);

    private static long Long(ModelJsonNode element, string path) =>
        element.Kind == ModelJsonKind.Number && element.TryGetInt64(out var value) ? value : throw Invalid(path, "an integer");

    private static bool Bool(ModelJsonNode element, string path) => element.Kind switch
    {
        ModelJsonKind.True => true,
        ModelJsonKind.False => false,
        _ => throw Invalid(path, "true or false"),
    };

    private static string Required(string? value, string path, string member) =>
        value ?? throw Error($"The ClusterReady deployment model lacks '{member}' at {path}.");

    private static Exception Unknown(string path) =>
        Error($"The ClusterReady deployment model has an unknown member at {path}.");

    private static Exception Invalid(string path, string expected) =>
        Error($"The ClusterReady deployment model has a value at {path} that is not {expected}.");

    private static Exception NotJson(FormatException exception) => new JsonException(exception.Message, exception);

    // Typed as Exception: callers then do not make the JIT load System.Text.Json unless one is thrown.
    private static Exception Error(string message) => new JsonException(message);
}
