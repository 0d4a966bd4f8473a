using System;
using System.Diagnostics;

namespace ClusterReady;

/// <summary>
/// The shutdown timeline. On SIGTERM readiness fails at once and the app keeps serving for
/// <see cref="DrainDelaySeconds"/>, then stops and gives in-flight work <see cref="ShutdownTimeoutSeconds"/>.
/// The pod's <c>terminationGracePeriodSeconds</c> is their sum plus <see cref="MarginSeconds"/>.
/// </summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GracefulShutdownAttribute : Attribute
{
    /// <summary>Seconds to keep serving after SIGTERM so load balancers stop sending traffic (default 5).</summary>
    public int DrainDelaySeconds { get; set; } = 5;

    /// <summary>Host shutdown timeout: seconds in-flight work may take after the drain (default 20).</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 20;

    /// <summary>Extra seconds before the kubelet sends SIGKILL (default 5).</summary>
    public int MarginSeconds { get; set; } = 5;
}

/// <summary>A HorizontalPodAutoscaler (autoscaling/v2). Utilization targets are percentages of the requests.</summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AutoscalingAttribute : Attribute
{
    /// <summary>Scales between <paramref name="minReplicas"/> and <paramref name="maxReplicas"/>.</summary>
    public AutoscalingAttribute(int minReplicas, int maxReplicas)
    {
        MinReplicas = minReplicas;
        MaxReplicas = maxReplicas;
    }

    /// <summary>Fewest replicas.</summary>
    public int MinReplicas { get; }

    /// <summary>Most replicas.</summary>
    public int MaxReplicas { get; }

    /// <summary>Target average CPU utilization in percent of the CPU request (needs a CPU request).</summary>
    public int CpuUtilization { get; set; }

    /// <summary>Target average memory utilization in percent of the memory request.</summary>
    public int MemoryUtilization { get; set; }

    /// <summary>Seconds of lower recommendations before scaling down (default 300).</summary>
    public int ScaleDownStabilizationSeconds { get; set; } = 300;
}

/// <summary>A PodDisruptionBudget. Set one of the two; default for replicated services: <c>MaxUnavailable = 1</c>.</summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DisruptionBudgetAttribute : Attribute
{
    /// <summary>Pods that must stay available during voluntary disruptions.</summary>
    public int MinAvailable { get; set; }

    /// <summary>Pods that may be unavailable during voluntary disruptions.</summary>
    public int MaxUnavailable { get; set; }
}

/// <summary>An Ingress (networking.k8s.io/v1) routing a host to the Service's first app port.</summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class IngressAttribute : Attribute
{
    /// <summary>Routes <paramref name="host"/>, e.g. <c>orders.example.com</c>.</summary>
    public IngressAttribute(string host) => Host = host;

    /// <summary>Host name.</summary>
    public string Host { get; }

    /// <summary>Path prefix (default <c>/</c>).</summary>
    public string? Path { get; set; }

    /// <summary>Secret holding the TLS certificate; unset: plain HTTP.</summary>
    public string? TlsSecretName { get; set; }

    /// <summary>IngressClass name, e.g. <c>nginx</c>.</summary>
    public string? ClassName { get; set; }
}

/// <summary>
/// A Gateway API HTTPRoute (gateway.networking.k8s.io/v1) attaching a host to a Gateway and routing it to the
/// Service's first app port: the successor of <see cref="IngressAttribute"/>, whose API is frozen upstream. Use it
/// beside or instead of an Ingress.
/// </summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class HttpRouteAttribute : Attribute
{
    /// <summary>Routes <paramref name="host"/>, e.g. <c>orders.example.com</c>.</summary>
    public HttpRouteAttribute(string host) => Host = host;

    /// <summary>Host name (the route's <c>hostnames</c>); may start with <c>*.</c>.</summary>
    public string Host { get; }

    /// <summary>The Gateway the route attaches to (its <c>parentRefs</c>). Required: a route without one serves nothing.</summary>
    public string? Gateway { get; set; }

    /// <summary>The Gateway's namespace; unset: the service's own.</summary>
    public string? GatewayNamespace { get; set; }

    /// <summary>Path prefix (default <c>/</c>).</summary>
    public string? Path { get; set; }
}

/// <summary>A NetworkPolicy: the pods accept connections on app ports only from the listed sources.</summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkPolicyAttribute : Attribute
{
    /// <summary>Pod labels (<c>key=value</c>) in the same namespace allowed to connect.</summary>
    public string[]? AllowFromPodLabels { get; set; }

    /// <summary>Namespaces whose pods are allowed to connect.</summary>
    public string[]? AllowFromNamespaces { get; set; }
}

/// <summary>
/// Pod security. The defaults meet the Pod Security Standards "restricted" profile; relax them only with a reason.
/// </summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PodSecurityAttribute : Attribute
{
    /// <summary>UID to run as (default 1654, the .NET images' <c>APP_UID</c>).</summary>
    public long RunAsUser { get; set; } = 1654;

    /// <summary>Refuse to start as root (default true).</summary>
    public bool RunAsNonRoot { get; set; } = true;

    /// <summary>Allow setuid binaries to gain privileges (default false).</summary>
    public bool AllowPrivilegeEscalation { get; set; }

    /// <summary>Mount the root filesystem read-only, with a writable /tmp (default true).</summary>
    public bool ReadOnlyRootFilesystem { get; set; } = true;

    /// <summary>Mount the ServiceAccount token into the pod (default false).</summary>
    public bool AutomountServiceAccountToken { get; set; }
}

/// <summary>Overrides for one environment, written as a Kustomize overlay (<c>kubernetes/overlays/{name}</c>).</summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EnvironmentOverlayAttribute : Attribute
{
    /// <summary>Declares the overlay <paramref name="name"/>, e.g. <c>staging</c> or <c>production</c>.</summary>
    public EnvironmentOverlayAttribute(string name) => Name = name;

    /// <summary>Overlay name (a DNS-1123 label); the app's environment name is the same, capitalized.</summary>
    public string Name { get; }

    /// <summary>
    /// Replicas in this environment (kept within its autoscaling range when the service autoscales). Written as 0, the
    /// environment runs no pods; not written, it runs the base's replicas.
    /// </summary>
    public int Replicas { get; set; }

    /// <summary>Image tag in this environment.</summary>
    public string? ImageTag { get; set; }

    /// <summary>CPU request in this environment.</summary>
    public string? CpuRequest { get; set; }

    /// <summary>CPU limit in this environment.</summary>
    public string? CpuLimit { get; set; }

    /// <summary>Memory request in this environment.</summary>
    public string? MemoryRequest { get; set; }

    /// <summary>Memory limit in this environment.</summary>
    public string? MemoryLimit { get; set; }

    /// <summary>Autoscaler minimum in this environment; left out, the base's. An autoscaler does not scale to zero: 0 is refused (CR5010).</summary>
    public int MinReplicas { get; set; }

    /// <summary>Autoscaler maximum in this environment; left out, the base's. 0 is refused (CR5010).</summary>
    public int MaxReplicas { get; set; }
}

/// <summary>
/// Another service of the same solution this one needs running and ready before it starts, by its service name (the
/// <c>[KubernetesService]</c> name, e.g. <c>inventory-worker</c>). A composition of the services (a project with
/// <c>ClusterReadyComposition=true</c> that references them) writes one Compose file in which this service waits for
/// the other's healthcheck (<c>depends_on</c> with <c>condition: service_healthy</c>), and refuses a service that is not
/// in the composition or a cycle.
/// </summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DependsOnAttribute : Attribute
{
    /// <summary>Needs <paramref name="service"/>, a service name such as <c>inventory-worker</c>.</summary>
    public DependsOnAttribute(string service) => Service = service;

    /// <summary>The service name of the dependency.</summary>
    public string Service { get; }
}
