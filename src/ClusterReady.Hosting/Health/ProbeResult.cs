using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClusterReady.Hosting.Health;

/// <summary>What a health endpoint answers: a status and, only when details are enabled, a text that explains it.</summary>
/// <remarks>
/// A class, not a struct: the async methods and tasks that carry it then share the runtime's precompiled code for
/// reference types instead of each needing the JIT when the first probe arrives. The answers without details are
/// cached, so a probe allocates nothing for them.
/// </remarks>
internal sealed record ProbeResult(HealthStatus Status, string? Details = null)
{
    private static readonly ProbeResult DegradedResult = new(HealthStatus.Degraded);

    public static ProbeResult Healthy { get; } = new(HealthStatus.Healthy);

    public static ProbeResult Unhealthy { get; } = new(HealthStatus.Unhealthy);

    /// <summary>The cached answer without details for <paramref name="status"/>.</summary>
    public static ProbeResult For(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => Healthy,
        HealthStatus.Degraded => DegradedResult,
        _ => Unhealthy,
    };

    /// <summary>503 for Unhealthy, so the kubelet counts a failure; 200 for Healthy and Degraded.</summary>
    public int StatusCode => Status == HealthStatus.Unhealthy ? 503 : 200;

    public static ProbeResult UnhealthyBecause(string reason, bool includeDetails) =>
        includeDetails ? new(HealthStatus.Unhealthy, reason) : Unhealthy;

    /// <summary>The response body: the status word, then the details if any.</summary>
    public string Body => Details is null ? StatusText(Status) : StatusText(Status) + "\n" + Details;

    public static string StatusText(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "Healthy",
        HealthStatus.Degraded => "Degraded",
        _ => "Unhealthy",
    };
}
