using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ClusterReady.Hosting.Health;

/// <summary>
/// Runs the health checks that carry one tag, at most once per cache period, with a time limit.
/// </summary>
/// <remarks>
/// Probes arrive from every kubelet, load balancer and monitor at once; a dependency must see one check per period,
/// not one per probe. Callers that arrive while a run is under way share it, and a check that ignores its
/// cancellation token is not started again while it still runs: the probe reports Unhealthy once the time limit
/// passes, and the stuck run is left to finish on its own.
/// </remarks>
internal sealed partial class CachedHealthEvaluation
{
    private readonly HealthCheckRunner _runner;
    private readonly string _tag;
    private readonly TimeSpan _timeout;
    private readonly long _cacheTicks;
    private readonly bool _includeDetails;
    private readonly ILogger _logger;
    private readonly Func<Task<ProbeResult>> _evaluate;
    private readonly Lock _gate = new();

    private Cached? _cached;
    private Task<ProbeResult>? _evaluation;
    private Task<ProbeResult>? _run;

    public CachedHealthEvaluation(HealthCheckRunner runner, string tag, ClusterReadySettings settings, ILogger logger)
    {
        _runner = runner;
        _tag = tag;
        // The checks enforce their own limit (HealthCheckRegistration.Timeout); this one, a little later, catches
        // those that ignore their cancellation token.
        _timeout = settings.HealthCheckTimeout + TimeSpan.FromMilliseconds(100);
        _cacheTicks = (long)(settings.HealthCheckCacheDuration.TotalSeconds * Stopwatch.Frequency);
        _includeDetails = settings.IncludeDetails;
        _logger = logger;
        _evaluate = Evaluate;
    }

    public ValueTask<ProbeResult> EvaluateAsync()
    {
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && Stopwatch.GetTimestamp() < cached.ExpiresAt)
        {
            return new(cached.Result);
        }

        lock (_gate)
        {
            cached = _cached;
            if (cached is not null && Stopwatch.GetTimestamp() < cached.ExpiresAt)
            {
                return new(cached.Result);
            }

            // Start outside the lock's caller: the checks themselves may run synchronously for a while.
            _evaluation ??= Task.Run(_evaluate);
            return new(_evaluation);
        }
    }

    // Not an async method: while the checks complete synchronously, no state machine is needed (nor compiled by the
    // JIT before the first probe can be answered).
    private Task<ProbeResult> Evaluate()
    {
        var startedNow = _run is null || _run.IsCompleted;
        if (startedNow)
        {
            try
            {
                _run = _runner.RunAsync(_includeDetails);
            }
            catch (Exception exception)
            {
                // Reported by ResultOf; the next evaluation starts a new run.
                _run = Task.FromException<ProbeResult>(exception);
            }
        }

        return _run!.IsCompleted ? Task.FromResult(Store(ResultOf(_run))) : AwaitRunAsync(_run, startedNow);
    }

    private async Task<ProbeResult> AwaitRunAsync(Task<ProbeResult> run, bool startedNow)
    {
        // Past the time limit the wait ends without throwing, and the run is left to finish on its own.
        await ((Task)run).WaitAsync(_timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return Store(run.IsCompleted ? ResultOf(run) : TimedOut(startedNow));
    }

    private ProbeResult TimedOut(bool startedNow)
    {
        if (startedNow)
        {
            Log.ChecksTimedOut(_logger, _tag, _timeout.TotalMilliseconds);
        }

        return ProbeResult.UnhealthyBecause($"Health checks tagged '{_tag}' did not complete within {_timeout.TotalMilliseconds:0} ms.", _includeDetails);
    }

    private ProbeResult ResultOf(Task<ProbeResult> run)
    {
        if (run.IsCompletedSuccessfully)
        {
            return run.Result;
        }

        // The runner turns every check's failure into a result; this is the runner itself failing.
        var exception = run.Exception?.InnerException ?? new TaskCanceledException(run);
        Log.ChecksFailed(_logger, _tag, exception);
        return ProbeResult.UnhealthyBecause($"Health checks tagged '{_tag}' failed: {exception.Message}", _includeDetails);
    }

    private ProbeResult Store(ProbeResult result)
    {
        lock (_gate)
        {
            _cached = new Cached(result, Stopwatch.GetTimestamp() + _cacheTicks);
            _evaluation = null;
        }

        return result;
    }

    private sealed record Cached(ProbeResult Result, long ExpiresAt);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Health checks tagged '{Tag}' did not complete within {TimeoutMilliseconds} ms; the probe reports Unhealthy")]
        public static partial void ChecksTimedOut(ILogger logger, string tag, double timeoutMilliseconds);

        [LoggerMessage(2, LogLevel.Error, "Health checks tagged '{Tag}' could not be run; the probe reports Unhealthy")]
        public static partial void ChecksFailed(ILogger logger, string tag, Exception exception);
    }
}
