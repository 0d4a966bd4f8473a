using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClusterReady.Hosting.Health;

/// <summary>Answers the three probes, for the ASP.NET Core middleware and the worker's listener alike.</summary>
internal sealed class HealthProbes
{
    /// <summary>Tag of the checks that liveness runs. Liveness runs no other check: a dependency outage must not restart the pod.</summary>
    public const string LiveTag = "live";

    /// <summary>Tag of the checks that readiness runs.</summary>
    public const string ReadyTag = "ready";

    private readonly HealthState _state;
    private readonly bool _includeDetails;
    private readonly CachedHealthEvaluation? _liveChecks;
    private readonly CachedHealthEvaluation? _readyChecks;
    private readonly Func<Task<ProbeResult>, ProbeResult> _afterChecks;

    public HealthProbes(
        HealthState state,
        ClusterReadySettings settings,
        IOptions<HealthCheckServiceOptions> checks,
        IServiceScopeFactory scopes,
        IHostApplicationLifetime lifetime,
        ILogger<HealthProbes> logger)
    {
        _state = state;
        _includeDetails = settings.IncludeDetails;
        // The evaluation never faults (CachedHealthEvaluation turns every failure into a result).
        _afterChecks = evaluation => AfterChecks(evaluation.Result);

        // With no check carrying a tag, that probe answers from state alone.
        _liveChecks = ChecksTagged(LiveTag, checks.Value.Registrations, scopes, settings, logger);
        _readyChecks = ChecksTagged(ReadyTag, checks.Value.Registrations, scopes, settings, logger);

        // The readiness checks start once the app has started, not when the first probe arrives: that probe then
        // finds their result ready (or shares the run), so the pod turns ready a check's duration sooner. The result
        // is kept for the cache period like any other.
        if (_readyChecks is not null)
        {
            lifetime.ApplicationStarted.Register(static s => _ = ((CachedHealthEvaluation)s!).EvaluateAsync(), _readyChecks);
        }
    }

    private static CachedHealthEvaluation? ChecksTagged(
        string tag,
        ICollection<HealthCheckRegistration> registrations,
        IServiceScopeFactory scopes,
        ClusterReadySettings settings,
        ILogger logger)
    {
        var tagged = registrations.Where(r => r.Tags.Contains(tag)).ToArray();
        return tagged.Length == 0 ? null : new CachedHealthEvaluation(new HealthCheckRunner(tagged, scopes, logger), tag, settings, logger);
    }

    public ValueTask<ProbeResult> CheckAsync(ProbeKind kind) => kind switch
    {
        ProbeKind.Liveness => _liveChecks?.EvaluateAsync() ?? new(ProbeResult.Healthy),
        ProbeKind.Startup => new(
            !_state.IsStarted ? ProbeResult.UnhealthyBecause("Starting.", _includeDetails)
            : _state.IsWarmingUp ? ProbeResult.UnhealthyBecause("Warming up.", _includeDetails)
            : ProbeResult.Healthy),
        _ => CheckReadinessAsync(),
    };

    private ValueTask<ProbeResult> CheckReadinessAsync()
    {
        if (_state.IsDraining)
        {
            return new(ProbeResult.UnhealthyBecause("Shutting down.", _includeDetails));
        }

        if (!_state.IsStarted)
        {
            return new(ProbeResult.UnhealthyBecause("Starting.", _includeDetails));
        }

        if (_state.IsWarmingUp)
        {
            return new(ProbeResult.UnhealthyBecause("Warming up.", _includeDetails));
        }

        if (_readyChecks is null)
        {
            return new(ProbeResult.Healthy);
        }

        var evaluation = _readyChecks.EvaluateAsync();
        return evaluation.IsCompletedSuccessfully
            ? new(AfterChecks(evaluation.Result))
            // A continuation rather than an async method: reference-type continuations share the runtime's
            // precompiled code, where a state machine of this assembly's would need the JIT at the first probe.
            : new(evaluation.AsTask().ContinueWith(_afterChecks, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));
    }

    // SIGTERM may have arrived while the checks ran: draining wins over a healthy result.
    private ProbeResult AfterChecks(ProbeResult result) =>
        _state.IsDraining ? ProbeResult.UnhealthyBecause("Shutting down.", _includeDetails) : result;
}
