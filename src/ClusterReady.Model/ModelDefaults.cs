namespace ClusterReady.Model;

/// <summary>
/// Every default of the deployment model, in one place: the resolver writes them where an attribute leaves a value
/// unset, the contract's records start from them, and the runtime serves exactly what the resolved model says.
/// </summary>
internal static class ModelDefaults
{
    public const int WebPort = 8080;
    public const int WorkerManagementPort = 8081;
    public const string AppPortName = "http";
    public const string ManagementPortName = "management";
    public const string Protocol = "TCP";

    public const string LivenessPath = "/healthz/live";
    public const string ReadinessPath = "/healthz/ready";
    public const string StartupPath = "/healthz/startup";

    /// <summary>The path prefix an Ingress or HTTPRoute routes when its attribute names none: everything.</summary>
    public const string IngressPath = "/";

    public static readonly ProbeTimings Liveness = new(PeriodSeconds: 10, TimeoutSeconds: 2, FailureThreshold: 3);
    public static readonly ProbeTimings Readiness = new(PeriodSeconds: 5, TimeoutSeconds: 2, FailureThreshold: 3);

    // 20 x 3 s: an app gets a minute to start before liveness takes over.
    public static readonly ProbeTimings Startup = new(PeriodSeconds: 3, TimeoutSeconds: 2, FailureThreshold: 20);

    public const int DrainDelaySeconds = 5;
    public const int ShutdownTimeoutSeconds = 20;
    public const int ShutdownMarginSeconds = 5;

    /// <summary>Replicas when none are declared; a highly available service runs at least <see cref="HighlyAvailableReplicas"/>.</summary>
    public const int Replicas = 1;
    public const int HighlyAvailableReplicas = 2;

    /// <summary>The environments written when the attributes declare none: staging as the base, production highly available.</summary>
    public const string StagingEnvironment = "staging";
    public const string ProductionEnvironment = "production";

    /// <summary>Production runs at least this many pods (and the autoscaler's minimum at least this), so one node failure or drain never takes it down.</summary>
    public const int ProductionMinimumReplicas = 2;

    /// <summary>An autoscaler built by hand without a range ([Autoscaling] always names both).</summary>
    public const int AutoscalingMinReplicas = 2;
    public const int AutoscalingMaxReplicas = 10;

    public const int ScaleDownStabilizationSeconds = 300;
    public const long RunAsUser = 1654;
    public const bool RunAsNonRoot = true;
    public const bool AllowPrivilegeEscalation = false;
    public const bool ReadOnlyRootFilesystem = true;
    public const bool AutomountServiceAccountToken = false;

    /// <summary>The address the Compose file publishes ports on: this machine only, never the network it is on.</summary>
    public const string ComposeHostIp = "127.0.0.1";

    /// <summary>The Compose restart policy: a crashed container comes back, one stopped on purpose stays down.</summary>
    public const string ComposeRestartPolicy = "unless-stopped";

    /// <summary>The name of a service that declares none and whose assembly name gives no valid one.</summary>
    public const string ServiceName = "app";

    /// <summary>The latency profile's GC heap hard limit, in percent of the memory limit (.NET's own default in a container).</summary>
    public const int GcHeapHardLimitPercent = 75;

    /// <summary>The latency profile's Service <c>trafficDistribution</c>: a caller's zone first (GA in Kubernetes 1.35; PreferClose is deprecated).</summary>
    public const string TrafficDistribution = "PreferSameZone";

    public readonly record struct ProbeTimings(int PeriodSeconds, int TimeoutSeconds, int FailureThreshold);
}
