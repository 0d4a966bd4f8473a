namespace ClusterReady.Generators.Emit;

/// <summary>
/// Defaults the generator writes into the model when an attribute leaves a value unset. The runtime serves
/// exactly what the model says, so these numbers live in one place.
/// </summary>
internal static class DeploymentDefaults
{
    public const int WebPort = 8080;
    public const int WorkerManagementPort = 8081;
    public const string AppPortName = "http";
    public const string ManagementPortName = "management";

    public const string LivenessPath = "/healthz/live";
    public const string ReadinessPath = "/healthz/ready";
    public const string StartupPath = "/healthz/startup";

    public static readonly ProbeTimings Liveness = new(PeriodSeconds: 10, TimeoutSeconds: 2, FailureThreshold: 3);
    public static readonly ProbeTimings Readiness = new(PeriodSeconds: 5, TimeoutSeconds: 2, FailureThreshold: 3);

    // 20 x 3 s: an app gets a minute to start before liveness takes over.
    public static readonly ProbeTimings Startup = new(PeriodSeconds: 3, TimeoutSeconds: 2, FailureThreshold: 20);

    public const int DrainDelaySeconds = 5;
    public const int ShutdownTimeoutSeconds = 20;
    public const int ShutdownMarginSeconds = 5;

    public const int ScaleDownStabilizationSeconds = 300;
    public const long RunAsUser = 1654;

    public readonly record struct ProbeTimings(int PeriodSeconds, int TimeoutSeconds, int FailureThreshold);
}
