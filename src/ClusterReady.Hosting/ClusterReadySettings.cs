
namespace ClusterReady.Hosting;

/// <summary>Which health endpoint a request asks for.</summary>
internal enum ProbeKind
{
    Liveness,
    Readiness,
    Startup,
}

/// <summary>A health endpoint: its path and, when it is pinned to one, the only port it answers on.</summary>
internal sealed record ProbeEndpoint(ProbeKind Kind, string Path, int? Port)
{
    public bool AnswersOn(int localPort) => Port is not { } port || port == localPort;
}

/// <summary>
/// The options after the model, configuration and code have been applied and validated: what the runtime acts on.
/// </summary>
internal sealed class ClusterReadySettings
{
    /// <summary>Where a worker listens when neither the model nor the options name a port.</summary>
    public const int DefaultWorkerPort = 8081;

    /// <summary>Kubernetes' default probe <c>timeoutSeconds</c>.</summary>
    private const int DefaultProbeTimeoutSeconds = 1;

    public required ProbeEndpoint Liveness { get; init; }

    public required ProbeEndpoint Readiness { get; init; }

    public required ProbeEndpoint Startup { get; init; }

    /// <summary>The port that serves the health endpoints only; null: they share the app's ports.</summary>
    public int? ManagementPort { get; init; }

    /// <summary>The ports a worker's own listener binds.</summary>
    public required IReadOnlyList<int> ListenerPorts { get; init; }

    public required TimeSpan DrainDelay { get; init; }

    public required TimeSpan ShutdownTimeout { get; init; }

    public required TimeSpan HealthCheckTimeout { get; init; }

    public required TimeSpan HealthCheckCacheDuration { get; init; }

    public required bool IncludeDetails { get; init; }

    public required IReadOnlyList<string> SecretDirectories { get; init; }

    public required bool WarmupEnabled { get; init; }

    public required TimeSpan WarmupTimeout { get; init; }

    public IEnumerable<ProbeEndpoint> Endpoints => [Liveness, Readiness, Startup];

    /// <summary>The endpoint whose path is <paramref name="path"/> (ASCII case-insensitive, like ASP.NET Core routing).</summary>
    public ProbeEndpoint? Match(ReadOnlySpan<char> path)
    {
        foreach (var endpoint in Endpoints)
        {
            if (path.Equals(endpoint.Path, StringComparison.OrdinalIgnoreCase))
            {
                return endpoint;
            }
        }

        return null;
    }

    /// <summary>
    /// What the runtime acts on, from the options (model, then configuration, then code, already validated) and the
    /// model's probe targets; <paramref name="servesHttp"/> is true when the app has its own HTTP server (ASP.NET Core),
    /// false for a worker.
    /// </summary>
    public static ClusterReadySettings From(ClusterReadyOptions options, RuntimeModel? model, bool servesHttp)
    {
        var managementPort = options.ManagementPort;
        var liveness = ResolveEndpoint(ProbeKind.Liveness, options.LivenessPath, model?.LivenessAppPort, managementPort, servesHttp);
        var readiness = ResolveEndpoint(ProbeKind.Readiness, options.ReadinessPath, model?.ReadinessAppPort, managementPort, servesHttp);
        var startup = ResolveEndpoint(ProbeKind.Startup, options.StartupPath, model?.StartupAppPort, managementPort, servesHttp);

        var listenerPorts = new List<int>();
        if (!servesHttp)
        {
            // A worker has no other server: it listens on every port a probe targets. With nothing declared the
            // management port is 8081, which the generator writes into the manifest the same way.
            if (managementPort is null && liveness.Port is null && readiness.Port is null && startup.Port is null)
            {
                managementPort = DefaultWorkerPort;
                liveness = liveness with { Port = managementPort };
                readiness = readiness with { Port = managementPort };
                startup = startup with { Port = managementPort };
            }

            foreach (var port in new[] { managementPort, liveness.Port, readiness.Port, startup.Port })
            {
                if (port is { } p && !listenerPorts.Contains(p))
                {
                    listenerPorts.Add(p);
                }
            }
        }

        var probeTimeoutSeconds = model?.ReadinessTimeoutSeconds is > 0 and var seconds ? seconds : DefaultProbeTimeoutSeconds;
        return new ClusterReadySettings
        {
            Liveness = liveness,
            Readiness = readiness,
            Startup = startup,
            ManagementPort = managementPort,
            ListenerPorts = listenerPorts,
            DrainDelay = options.DrainDelay,
            ShutdownTimeout = options.ShutdownTimeout,
            HealthCheckTimeout = options.HealthCheckTimeout ?? TimeSpan.FromSeconds(probeTimeoutSeconds * 0.8),
            HealthCheckCacheDuration = options.HealthCheckCacheDuration,
            IncludeDetails = options.IncludeDetails,
            SecretDirectories = options.SecretDirectories.Distinct(StringComparer.Ordinal).ToArray(),
            WarmupEnabled = options.WarmupEnabled,
            WarmupTimeout = options.WarmupTimeout,
        };
    }

    /// <summary>
    /// A probe that the model points at a declared app port answers on the app's ports; every other probe answers on
    /// the management port when there is one, else on any port.
    /// </summary>
    private static ProbeEndpoint ResolveEndpoint(ProbeKind kind, string path, int? appPort, int? managementPort, bool servesHttp)
    {
        if (appPort is { } port)
        {
            // A web app's own server decides which ports exist; a worker has no server, so its listener binds the port.
            return new ProbeEndpoint(kind, path, servesHttp ? null : port);
        }

        return new ProbeEndpoint(kind, path, managementPort);
    }
}
