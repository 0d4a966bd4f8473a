namespace ClusterReady.Hosting;

/// <summary>
/// Settings of the health endpoints and of the graceful shutdown.
/// </summary>
/// <remarks>
/// The defaults come from the deployment model that ClusterReady's generator embeds in the service's assembly, so the
/// app serves what its manifest probes. The configuration section <c>ClusterReady</c> overrides the model, and the
/// delegate passed to <c>AddClusterReady</c> overrides both. The values are read once, when <c>AddClusterReady</c> is
/// called: ports and timings are decided when the host is built and do not change while it runs.
/// </remarks>
public sealed class ClusterReadyOptions
{
    /// <summary>The configuration section bound to these options: <c>ClusterReady</c>.</summary>
    public const string SectionName = "ClusterReady";

    /// <summary>Path of the liveness endpoint. Default: the model's liveness probe path, else <c>/healthz/live</c>.</summary>
    public string LivenessPath { get; set; } = "/healthz/live";

    /// <summary>Path of the readiness endpoint. Default: the model's readiness probe path, else <c>/healthz/ready</c>.</summary>
    public string ReadinessPath { get; set; } = "/healthz/ready";

    /// <summary>Path of the startup endpoint. Default: the model's startup probe path, else <c>/healthz/startup</c>.</summary>
    public string StartupPath { get; set; } = "/healthz/startup";

    /// <summary>
    /// Port that serves the health endpoints and nothing else. Default: the model's management port. Without one, a web
    /// app serves the endpoints on its own port(s), and a worker listens on the port its probes target, else on 8081.
    /// </summary>
    public int? ManagementPort { get; set; }

    /// <summary>
    /// How long the app keeps serving after SIGTERM while readiness fails, so that endpoints and load balancers stop
    /// sending it traffic before it stops accepting. Default: the model's drain delay, else 5 seconds.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long in-flight requests and background services may take to finish once the app stops (the host's
    /// <c>ShutdownTimeout</c>). Default: the model's shutdown timeout, else 20 seconds.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Time limit of each health check that sets none of its own. Default: 80% of the readiness probe's
    /// <c>timeoutSeconds</c> (0.8 seconds for Kubernetes' default of 1), so the app answers before the kubelet gives up.
    /// </summary>
    public TimeSpan? HealthCheckTimeout { get; set; }

    /// <summary>
    /// How long a health check result is reused, so that a flood of probes does not flood a dependency. Callers that
    /// arrive while the checks run share that one run. Default: 1 second; zero: every probe runs the checks.
    /// </summary>
    public TimeSpan HealthCheckCacheDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether health responses list each check with its status, description and exception message. Default: false,
    /// the response is the overall status only, because probe endpoints are often reachable by more than the kubelet.
    /// </summary>
    public bool IncludeDetails { get; set; }

    /// <summary>
    /// Whether the warm-up work registered with <c>AddWarmup</c> runs after start, holding readiness and the startup
    /// probe at 503 until it is done. Default: true. False (<c>ClusterReady__WarmupEnabled=false</c>) skips it: the app
    /// turns ready as without warm-up, for comparing the two.
    /// </summary>
    public bool WarmupEnabled { get; set; } = true;

    /// <summary>
    /// How long the warm-up work may take in all before it is cancelled and the app turns ready anyway. Default: the
    /// model's warm-up timeout (<c>[LatencyProfile(WarmupTimeoutSeconds)]</c>, else the startup probe's budget less one
    /// period), else 57 seconds (the default startup probe's 60 s less its 3 s period). It must leave the startup probe
    /// time to see the 200: a longer one is refused at start.
    /// </summary>
    public TimeSpan WarmupTimeout { get; set; } = TimeSpan.FromSeconds(57);

    /// <summary>
    /// Folders of Secrets mounted as files, one file per key, added to configuration and reloaded when Kubernetes
    /// rotates them. Default: the mount paths of the model's secret volumes that are marked as configuration.
    /// </summary>
    public IList<string> SecretDirectories { get; } = new List<string>();
}
