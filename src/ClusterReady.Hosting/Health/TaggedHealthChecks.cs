using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClusterReady.Hosting.Health;

/// <summary>
/// The registered health checks that carry one tag, run by the host's own <see cref="HealthCheckService"/>: each in a
/// scope of its own, within its registration's timeout, an exception or a timeout turned into the registration's
/// failure status, the worst status winning, and each check logged as <c>MapHealthChecks</c> logs it.
/// </summary>
internal sealed class TaggedHealthChecks(HealthCheckService service, string tag)
{
    private readonly Func<HealthCheckRegistration, bool> _predicate = registration => registration.Tags.Contains(tag);

    /// <summary>Runs the checks; the result's details list them in registration order when <paramref name="includeDetails"/>.</summary>
    public async Task<ProbeResult> RunAsync(bool includeDetails)
    {
        var report = await service.CheckHealthAsync(_predicate).ConfigureAwait(false);
        if (!includeDetails)
        {
            return ProbeResult.For(report.Status);
        }

        var text = new StringBuilder();
        foreach (var (name, entry) in report.Entries)
        {
            text.Append(name).Append(": ").Append(ProbeResult.StatusText(entry.Status));
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
}
