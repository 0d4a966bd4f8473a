#if NET
using System.Text.Json.Serialization;
#endif

using System.Collections.Generic;

namespace ClusterReady.Model;

/// <summary>
/// The deployment model of one service, immutable: the attributes as declared, resolved with the defaults of
/// <c>ModelDefaults</c> (<c>ModelResolver.Resolve</c>). The build step resolves it to write the manifests, and the
/// generator resolves it to write the values the runtime serves, so both halves work from the same numbers.
/// </summary>
public sealed record DeploymentModel
{
    /// <summary>Kubernetes name of the workload (a DNS-1123 label). Null: derived from the assembly name.</summary>
    public string? Name { get; init; }

    /// <summary>Kubernetes namespace; null leaves it to kubectl's context or the overlay.</summary>
    public string? Namespace { get; init; }

    /// <summary>Image repository; null: the service name.</summary>
    public string? ImageRepository { get; init; }

    /// <summary>Image tag; null: the assembly's informational version.</summary>
    public string? ImageTag { get; init; }

    /// <summary>Desired replicas.</summary>
    public int Replicas { get; init; } = ModelDefaults.Replicas;

    /// <summary>Whether the service asks for high availability (replicas, budget, spread).</summary>
    public bool HighlyAvailable { get; init; }

    /// <summary>Declared container ports.</summary>
    public IReadOnlyList<PortModel> Ports { get; init; } = [];

    /// <summary>Liveness probe; null: no probe.</summary>
    public ProbeModel? Liveness { get; init; }

    /// <summary>Readiness probe; null: no probe.</summary>
    public ProbeModel? Readiness { get; init; }

    /// <summary>Startup probe; null: no probe.</summary>
    public ProbeModel? Startup { get; init; }

    /// <summary>CPU and memory requests and limits.</summary>
    public ResourcesModel? Resources { get; init; }

    /// <summary>Plain environment variables.</summary>
    public IReadOnlyList<EnvironmentVariableModel> Environment { get; init; } = [];

    /// <summary>Environment variables read from a Secret key.</summary>
    public IReadOnlyList<SecretEnvironmentVariableModel> SecretEnvironment { get; init; } = [];

    /// <summary>Secrets mounted as files.</summary>
    public IReadOnlyList<SecretVolumeModel> SecretVolumes { get; init; } = [];

    /// <summary>ConfigMaps referenced by the service.</summary>
    public IReadOnlyList<ConfigMapModel> ConfigMaps { get; init; } = [];

    /// <summary>Graceful shutdown timings.</summary>
    public ShutdownModel Shutdown { get; init; } = new();

    /// <summary>Horizontal autoscaling; null: none.</summary>
    public AutoscalingModel? Autoscaling { get; init; }

    /// <summary>PodDisruptionBudget; null: default for the service.</summary>
    public DisruptionBudgetModel? DisruptionBudget { get; init; }

    /// <summary>Ingress; null: none.</summary>
    public IngressModel? Ingress { get; init; }

    /// <summary>Gateway API HTTPRoute; null: none.</summary>
    public HttpRouteModel? HttpRoute { get; init; }

    /// <summary>Pod security settings.</summary>
    public SecurityModel Security { get; init; } = new();

    /// <summary>NetworkPolicy; null: none.</summary>
    public NetworkPolicyModel? NetworkPolicy { get; init; }

    /// <summary>Per-environment overrides, each written as a Kustomize overlay.</summary>
    public IReadOnlyList<EnvironmentOverlayModel> Overlays { get; init; } = [];

    /// <summary>
    /// The services (by service name) this one needs running and ready before it starts, in declaration order; a
    /// composition of the services starts them first (Compose's <c>depends_on</c>, <c>service_healthy</c>).
    /// </summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The latency profile (<c>[LatencyProfile]</c>); null: off. Its effects are resolved into the other values (see <c>LatencyProfile</c>).</summary>
    public LatencyProfileModel? LatencyProfile { get; init; }
}

/// <summary>The latency profile: Guaranteed QoS, runtime settings from the resources, same-zone traffic, warm-up before ready.</summary>
public sealed record LatencyProfileModel
{
    /// <summary>Seconds the app's registered warm-up work may take before readiness answers 200 anyway.</summary>
    public int WarmupTimeoutSeconds { get; init; }
}

/// <summary>A container port.</summary>
public sealed record PortModel
{
    /// <summary>Port name (IANA_SVC_NAME: at most 15 characters).</summary>
    public string Name { get; init; } = ModelDefaults.AppPortName;

    /// <summary>Port number the app listens on.</summary>
    public int Port { get; init; }

    /// <summary>TCP or UDP.</summary>
    public string Protocol { get; init; } = ModelDefaults.Protocol;

    /// <summary>True for the management port that serves health endpoints only (not exposed by the Service by default).</summary>
    public bool Management { get; init; }
}

/// <summary>An HTTP GET probe. One built by hand starts from the liveness timings; the resolver gives each probe its own.</summary>
public sealed record ProbeModel
{
    /// <summary>Request path, starting with '/'.</summary>
    public string Path { get; init; } = "/";

    /// <summary>Name of the declared port the probe targets; null: the management port if any, else the first port.</summary>
    public string? Port { get; init; }

    /// <summary>initialDelaySeconds.</summary>
    public int InitialDelaySeconds { get; init; }

    /// <summary>periodSeconds.</summary>
    public int PeriodSeconds { get; init; } = ModelDefaults.Liveness.PeriodSeconds;

    /// <summary>timeoutSeconds.</summary>
    public int TimeoutSeconds { get; init; } = ModelDefaults.Liveness.TimeoutSeconds;

    /// <summary>failureThreshold.</summary>
    public int FailureThreshold { get; init; } = ModelDefaults.Liveness.FailureThreshold;
}

/// <summary>Requests and limits as Kubernetes quantity strings.</summary>
public sealed record ResourcesModel
{
    /// <summary>CPU request, e.g. <c>250m</c>.</summary>
    public string? CpuRequest { get; init; }

    /// <summary>CPU limit.</summary>
    public string? CpuLimit { get; init; }

    /// <summary>Memory request, e.g. <c>256Mi</c>.</summary>
    public string? MemoryRequest { get; init; }

    /// <summary>Memory limit.</summary>
    public string? MemoryLimit { get; init; }
}

/// <summary>A plain environment variable.</summary>
public sealed record EnvironmentVariableModel(string Name, string Value);

/// <summary>An environment variable whose value comes from a Secret key.</summary>
public sealed record SecretEnvironmentVariableModel(string Name, string SecretName, string Key, bool Optional = false);

/// <summary>A Secret mounted as files, one file per key.</summary>
public sealed record SecretVolumeModel(string SecretName, string MountPath)
{
    /// <summary>When true the runtime adds the mounted files to configuration (key-per-file).</summary>
    public bool AsConfiguration { get; init; } = true;
}

/// <summary>A ConfigMap referenced by the service: as environment variables, or mounted as files.</summary>
public sealed record ConfigMapModel(string Name)
{
    /// <summary>Mount path; null: all keys become environment variables (envFrom).</summary>
    public string? MountPath { get; init; }
}

/// <summary>Shutdown timeline: SIGTERM, readiness fails, drain delay, host shutdown timeout, exit.</summary>
public sealed record ShutdownModel
{
    /// <summary>Seconds the app keeps serving after SIGTERM while readiness fails.</summary>
    public int DrainDelaySeconds { get; init; } = ModelDefaults.DrainDelaySeconds;

    /// <summary>Host shutdown timeout: how long in-flight work may take after the drain delay.</summary>
    public int ShutdownTimeoutSeconds { get; init; } = ModelDefaults.ShutdownTimeoutSeconds;

    /// <summary>Safety margin added on top to compute terminationGracePeriodSeconds.</summary>
    public int MarginSeconds { get; init; } = ModelDefaults.ShutdownMarginSeconds;

    /// <summary>The pod's terminationGracePeriodSeconds: drain + shutdown timeout + margin.</summary>
#if NET
    [JsonIgnore]
#endif
    public int TerminationGracePeriodSeconds => (int)Rules.ShutdownBudget.GracePeriodSeconds(DrainDelaySeconds, ShutdownTimeoutSeconds, MarginSeconds);
}

/// <summary>HorizontalPodAutoscaler (autoscaling/v2) settings.</summary>
public sealed record AutoscalingModel
{
    /// <summary>minReplicas.</summary>
    public int MinReplicas { get; init; } = ModelDefaults.AutoscalingMinReplicas;

    /// <summary>maxReplicas.</summary>
    public int MaxReplicas { get; init; } = ModelDefaults.AutoscalingMaxReplicas;

    /// <summary>Target average CPU utilization in percent of the request; null: not a metric.</summary>
    public int? CpuUtilization { get; init; }

    /// <summary>Target average memory utilization in percent of the request; null: not a metric.</summary>
    public int? MemoryUtilization { get; init; }

    /// <summary>Scale-down stabilization window in seconds.</summary>
    public int ScaleDownStabilizationSeconds { get; init; } = ModelDefaults.ScaleDownStabilizationSeconds;
}

/// <summary>PodDisruptionBudget settings; exactly one of the two is set.</summary>
public sealed record DisruptionBudgetModel
{
    /// <summary>minAvailable as an integer or a percentage ("50%").</summary>
    public string? MinAvailable { get; init; }

    /// <summary>maxUnavailable as an integer or a percentage.</summary>
    public string? MaxUnavailable { get; init; }
}

/// <summary>Ingress (networking.k8s.io/v1).</summary>
public sealed record IngressModel(string Host)
{
    /// <summary>Path prefix.</summary>
    public string Path { get; init; } = ModelDefaults.IngressPath;

    /// <summary>Secret holding the TLS certificate; null: no TLS.</summary>
    public string? TlsSecretName { get; init; }

    /// <summary>IngressClass name.</summary>
    public string? ClassName { get; init; }
}

/// <summary>Gateway API HTTPRoute (gateway.networking.k8s.io/v1) to the Service's first app port.</summary>
public sealed record HttpRouteModel(string Host, string Gateway)
{
    /// <summary>The Gateway's namespace; null: the route's own.</summary>
    public string? GatewayNamespace { get; init; }

    /// <summary>Path prefix.</summary>
    public string Path { get; init; } = ModelDefaults.IngressPath;
}

/// <summary>Pod and container security settings; the defaults meet Pod Security Standards "restricted".</summary>
public sealed record SecurityModel
{
    /// <summary>UID the container runs as (the official .NET images' <c>APP_UID</c>).</summary>
    public long RunAsUser { get; init; } = ModelDefaults.RunAsUser;

    /// <summary>runAsNonRoot.</summary>
    public bool RunAsNonRoot { get; init; } = ModelDefaults.RunAsNonRoot;

    /// <summary>allowPrivilegeEscalation.</summary>
    public bool AllowPrivilegeEscalation { get; init; }

    /// <summary>readOnlyRootFilesystem (with an emptyDir at /tmp).</summary>
    public bool ReadOnlyRootFilesystem { get; init; } = ModelDefaults.ReadOnlyRootFilesystem;

    /// <summary>Mount the ServiceAccount token.</summary>
    public bool AutomountServiceAccountToken { get; init; }
}

/// <summary>NetworkPolicy: ingress only from the listed sources.</summary>
public sealed record NetworkPolicyModel
{
    /// <summary>Pod label selectors (<c>key=value</c>) allowed to connect; empty: same-namespace pods only.</summary>
    public IReadOnlyList<string> AllowFromPodLabels { get; init; } = [];

    /// <summary>Namespaces (by name) allowed to connect.</summary>
    public IReadOnlyList<string> AllowFromNamespaces { get; init; } = [];
}

/// <summary>Overrides for one environment, written as a Kustomize overlay.</summary>
public sealed record EnvironmentOverlayModel(string Name)
{
    /// <summary>Replicas in this environment.</summary>
    public int? Replicas { get; init; }

    /// <summary>Image tag in this environment.</summary>
    public string? ImageTag { get; init; }

    /// <summary>Resources in this environment.</summary>
    public ResourcesModel? Resources { get; init; }

    /// <summary>Autoscaling min replicas in this environment.</summary>
    public int? MinReplicas { get; init; }

    /// <summary>Autoscaling max replicas in this environment.</summary>
    public int? MaxReplicas { get; init; }
}
