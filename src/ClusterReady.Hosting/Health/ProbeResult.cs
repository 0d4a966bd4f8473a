using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClusterReady.Hosting.Health;

/// <summary>What a health endpoint answers: a status and, only when details are enabled, a text that explains it.</summary>
internal readonly record struct ProbeResult(HealthStatus Status, string? Details = null)
{
    public static ProbeResult Healthy => new(HealthStatus.Healthy);

    public static ProbeResult Unhealthy => new(HealthStatus.Unhealthy);

    /// <summary>503 for Unhealthy, so the kubelet counts a failure; 200 for Healthy and Degraded.</summary>
    public int StatusCode => Status == HealthStatus.Unhealthy ? 503 : 200;

    public static ProbeResult UnhealthyBecause(string reason, bool includeDetails) =>
        new(HealthStatus.Unhealthy, includeDetails ? reason : null);

    public static ProbeResult FromReport(HealthReport report, bool includeDetails)
    {
        if (!includeDetails)
        {
            return new(report.Status);
        }

        var text = new StringBuilder();
        foreach (var (name, entry) in report.Entries)
        {
            text.Append(name).Append(": ").Append(entry.Status);
            if (!string.IsNullOrEmpty(entry.Description))
            {
                text.Append(" - ").Append(entry.Description);
            }

            if (entry.Exception is { } exception)
            {
                text.Append(" (").Append(exception.GetType().Name).Append(": ").Append(exception.Message).Append(')');
            }

            text.Append('\n');
        }

        return new(report.Status, text.ToString());
    }

    /// <summary>The response body: the status word, then the details if any.</summary>
    public string Body => Details is null ? StatusText(Status) : StatusText(Status) + "\n" + Details;

    public static string StatusText(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "Healthy",
        HealthStatus.Degraded => "Degraded",
        _ => "Unhealthy",
    };
}
