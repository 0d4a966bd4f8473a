namespace ClusterReady.Model.Declaration;

// The generator's view of the attributes: plain data with value equality (records, strings, EquatableArray),
// never a symbol, syntax node or location, so that an unrelated edit leaves every pipeline step cached.
// Null means "not set by the user"; defaults are applied when the model is emitted (see ClusterReady.Model.ModelDefaults).

internal sealed record ServiceSpec(
    string TypeName,
    string? Name,
    string? Namespace,
    int? Replicas,
    bool HighlyAvailable,
    string? ImageRepository,
    string? ImageTag,
    EquatableArray<PortSpec> Ports,
    ProbeSpec? Liveness,
    ProbeSpec? Readiness,
    ProbeSpec? Startup,
    ResourcesSpec? Resources,
    EquatableArray<EnvironmentVariableSpec> Environment,
    EquatableArray<SecretEnvironmentVariableSpec> SecretEnvironment,
    EquatableArray<SecretVolumeSpec> SecretVolumes,
    EquatableArray<ConfigMapSpec> ConfigMaps,
    ShutdownSpec? Shutdown,
    AutoscalingSpec? Autoscaling,
    DisruptionBudgetSpec? DisruptionBudget,
    IngressSpec? Ingress,
    HttpRouteSpec? HttpRoute,
    SecuritySpec? Security,
    NetworkPolicySpec? NetworkPolicy,
    EquatableArray<OverlaySpec> Overlays,
    EquatableArray<string> DependsOn,
    LatencyProfileSpec? LatencyProfile);

internal sealed record PortSpec(int Port, string? Name, string? Protocol, bool Management);

internal sealed record ProbeSpec(
    string? Path,
    string? Port,
    int? InitialDelaySeconds,
    int? PeriodSeconds,
    int? TimeoutSeconds,
    int? FailureThreshold);

internal sealed record ResourcesSpec(string? CpuRequest, string? CpuLimit, string? MemoryRequest, string? MemoryLimit);

internal sealed record EnvironmentVariableSpec(string? Name, string? Value);

internal sealed record SecretEnvironmentVariableSpec(string? Name, string? SecretName, string? Key, bool Optional);

internal sealed record SecretVolumeSpec(string? SecretName, string? MountPath, bool AsConfiguration);

internal sealed record ConfigMapSpec(string? Name, string? MountPath);

internal sealed record ShutdownSpec(int? DrainDelaySeconds, int? ShutdownTimeoutSeconds, int? MarginSeconds);

internal sealed record AutoscalingSpec(
    int MinReplicas,
    int MaxReplicas,
    int? CpuUtilization,
    int? MemoryUtilization,
    int? ScaleDownStabilizationSeconds);

internal sealed record DisruptionBudgetSpec(int? MinAvailable, int? MaxUnavailable);

internal sealed record IngressSpec(string? Host, string? Path, string? TlsSecretName, string? ClassName);

internal sealed record HttpRouteSpec(string? Host, string? Gateway, string? GatewayNamespace, string? Path);

internal sealed record SecuritySpec(
    long? RunAsUser,
    bool? RunAsNonRoot,
    bool? AllowPrivilegeEscalation,
    bool? ReadOnlyRootFilesystem,
    bool? AutomountServiceAccountToken);

internal sealed record NetworkPolicySpec(EquatableArray<string> AllowFromPodLabels, EquatableArray<string> AllowFromNamespaces);

/// <summary>[LatencyProfile]: present means on; the warm-up timeout when declared (0 or less: the default).</summary>
internal sealed record LatencyProfileSpec(int? WarmupTimeoutSeconds);

internal sealed record OverlaySpec(
    string? Name,
    int? Replicas,
    string? ImageTag,
    ResourcesSpec? Resources,
    int? MinReplicas,
    int? MaxReplicas);

/// <summary>What the generator knows about the compilation besides the attributes.</summary>
internal sealed record AppKind(bool IsWebApp);
