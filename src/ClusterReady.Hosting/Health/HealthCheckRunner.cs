using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace ClusterReady.Hosting.Health;

/// <summary>
/// Runs a set of registered health checks the way <see cref="HealthCheckService"/> does: every check at once, each in
/// a service scope of its own and within its registration's <see cref="HealthCheckRegistration.Timeout"/>, an
/// exception or a timeout turned into the registration's <see cref="HealthCheckRegistration.FailureStatus"/>, and
/// the worst status wins.
/// </summary>
/// <remarks>
/// Not <see cref="HealthCheckService"/> itself, for the time to the first readiness answer: its first run (a
/// <see cref="HealthReport"/> over a dictionary of value-type entries, a task per check, its logging scope) is about
/// 180 methods for the JIT in an app that ships as IL, all before the pod can become ready. Measured on 2026-12-05
/// with the probes on <see cref="HealthCheckService"/> (docs/benchmarks.md, "HealthCheckService or this runner"):
/// time to ready +36.1 ms over a bare worker against the goal of +15 ms, the first readiness answer 37.7 ms after
/// ApplicationStarted and the listener's p99 under load 11.9x MapHealthChecks'; with this runner, in the rounds after
/// it, 7.5 to 8.5 ms after ApplicationStarted, +18.1 ms to ready over bare (30 starts) and a p99 of 0.91x. This runner is
/// precompiled with the rest of ClusterReady and stays synchronous while the checks complete synchronously; only a
/// check that is still running when it returns takes the asynchronous path. The checks' order is the registrations'
/// order, in the details as in <see cref="HealthReport.Entries"/>.
/// </remarks>
internal sealed partial class HealthCheckRunner
{
    private const string TimeoutDescription = "A timeout occurred while running check.";

    private readonly HealthCheckRegistration[] _registrations;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;

    public HealthCheckRunner(IEnumerable<HealthCheckRegistration> registrations, IServiceScopeFactory scopes, ILogger logger)
    {
        _registrations = registrations.ToArray();
        _scopes = scopes;
        _logger = logger;
    }

    /// <summary>Runs every check; the task completes when all have, and never faults.</summary>
    public Task<ProbeResult> RunAsync(bool includeDetails)
    {
        var runs = new Task<CheckRun>[_registrations.Length];
        var pending = false;
        for (var i = 0; i < runs.Length; i++)
        {
            // The last check runs on this thread; the others on the thread pool, so that a check that blocks
            // synchronously delays none of the others (HealthCheckService starts each with Task.Run too).
            var registration = _registrations[i];
            runs[i] = i == runs.Length - 1 ? Run(registration) : Task.Run(() => Run(registration));
            pending |= !runs[i].IsCompleted;
        }

        return pending ? AwaitAllAsync(runs, includeDetails) : Task.FromResult(Combine(runs, includeDetails));
    }

    private async Task<ProbeResult> AwaitAllAsync(Task<CheckRun>[] runs, bool includeDetails)
    {
        await Task.WhenAll(runs).ConfigureAwait(false);
        return Combine(runs, includeDetails);
    }

    private static ProbeResult Combine(Task<CheckRun>[] runs, bool includeDetails)
    {
        // Run never faults: every outcome of a check, exceptions included, is a CheckRun.
        var status = HealthStatus.Healthy;
        foreach (var run in runs)
        {
            if (run.Result.Status < status)
            {
                status = run.Result.Status;
            }
        }

        if (!includeDetails)
        {
            return ProbeResult.For(status);
        }

        var text = new StringBuilder();
        foreach (var run in runs)
        {
            var check = run.Result;
            text.Append(check.Name).Append(": ").Append(ProbeResult.StatusText(check.Status));
            if (!string.IsNullOrEmpty(check.Description))
            {
                text.Append(" - ").Append(check.Description);
            }

            if (check.Exception is { } exception)
            {
                text.Append(" (").Append(exception.GetType().Name).Append(": ").Append(exception.Message).Append(')');
            }

            text.Append('\n');
        }

        return new(status, text.ToString());
    }

    /// <summary>Runs one check: completed at once when the check completed synchronously.</summary>
    private Task<CheckRun> Run(HealthCheckRegistration registration)
    {
        var started = Stopwatch.GetTimestamp();
        IServiceScope scope;
        try
        {
            scope = _scopes.CreateScope();
        }
        catch (Exception exception)
        {
            // The container is gone: the host is shutting down.
            return Task.FromResult(Failed(registration, exception, started));
        }

        CancellationTokenSource? timeout = null;
        Task<HealthCheckResult> check;
        try
        {
            var token = CancellationToken.None;
            if (registration.Timeout > TimeSpan.Zero)
            {
                timeout = new CancellationTokenSource(registration.Timeout);
                token = timeout.Token;
            }

            var healthCheck = registration.Factory(scope.ServiceProvider);
            check = healthCheck.CheckHealthAsync(new HealthCheckContext { Registration = registration }, token);
        }
        catch (Exception exception)
        {
            // Thrown before the check returned a task: a factory that failed or a check that threw synchronously.
            var failed = Failed(registration, exception, started);
            return Finish(failed, scope, timeout);
        }

        return check.IsCompleted
            ? Finish(Completed(registration, check, started), scope, timeout)
            : AwaitCheckAsync(registration, check, scope, timeout, started);
    }

    private async Task<CheckRun> AwaitCheckAsync(
        HealthCheckRegistration registration,
        Task<HealthCheckResult> check,
        IServiceScope scope,
        CancellationTokenSource? timeout,
        long started)
    {
        await ((Task)check).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return await Finish(Completed(registration, check, started), scope, timeout).ConfigureAwait(false);
    }

    private Task<CheckRun> Finish(CheckRun run, IServiceScope scope, CancellationTokenSource? timeout)
    {
        timeout?.Dispose();
        ValueTask disposal;
        try
        {
            // What AsyncServiceScope.DisposeAsync does; the struct's own methods would be four more for the JIT at
            // the first check run (Microsoft.Extensions.DependencyInjection is not precompiled in a worker).
            if (scope is IAsyncDisposable asyncScope)
            {
                disposal = asyncScope.DisposeAsync();
            }
            else
            {
                scope.Dispose();
                disposal = default;
            }
        }
        catch (Exception exception)
        {
            return Task.FromResult(Failed(run.Registration, exception, run.Started));
        }

        return disposal.IsCompletedSuccessfully ? Task.FromResult(run) : AwaitDisposalAsync(run, disposal);
    }

    private async Task<CheckRun> AwaitDisposalAsync(CheckRun run, ValueTask disposal)
    {
        try
        {
            await disposal.ConfigureAwait(false);
            return run;
        }
        catch (Exception exception)
        {
            return Failed(run.Registration, exception, run.Started);
        }
    }

    /// <summary>The outcome of a check whose task has completed.</summary>
    private CheckRun Completed(HealthCheckRegistration registration, Task<HealthCheckResult> check, long started)
    {
        if (check.IsCompletedSuccessfully)
        {
            var result = check.Result;
            var run = new CheckRun(registration, result.Status, result.Description, result.Exception, started);
            var level = LevelOf(run.Status);
            if (_logger.IsEnabled(level))
            {
                Log.CheckCompleted(_logger, level, registration.Name, run.Status, run.ElapsedMilliseconds, run.Description);
            }

            return run;
        }

        // A cancelled task is the timeout's doing (the runner passes no other token); HealthCheckService treats every
        // OperationCanceledException so.
        var exception = check.IsCanceled ? new TaskCanceledException(check) : check.Exception!.InnerException ?? check.Exception;
        return Failed(registration, exception, started);
    }

    private CheckRun Failed(HealthCheckRegistration registration, Exception exception, long started)
    {
        var description = exception is OperationCanceledException ? TimeoutDescription : exception.Message;
        var run = new CheckRun(registration, registration.FailureStatus, description, exception, started);
        Log.CheckFailed(_logger, registration.Name, run.ElapsedMilliseconds, exception);
        return run;
    }

    // As HealthCheckService logs them: Healthy at Debug, Degraded at Warning, Unhealthy at Error.
    private static LogLevel LevelOf(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => LogLevel.Debug,
        HealthStatus.Degraded => LogLevel.Warning,
        _ => LogLevel.Error,
    };

    private sealed class CheckRun(HealthCheckRegistration registration, HealthStatus status, string? description, Exception? exception, long started)
    {
        private readonly long _ended = Stopwatch.GetTimestamp();

        public HealthCheckRegistration Registration { get; } = registration;

        public string Name => Registration.Name;

        public HealthStatus Status { get; } = status;

        public string? Description { get; } = description;

        public Exception? Exception { get; } = exception;

        public long Started { get; } = started;

        public double ElapsedMilliseconds => Stopwatch.GetElapsedTime(Started, _ended).TotalMilliseconds;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 50, Message = "Health check {HealthCheckName} completed with status {HealthStatus} after {ElapsedMilliseconds} ms: {HealthCheckDescription}")]
        public static partial void CheckCompleted(ILogger logger, LogLevel level, string healthCheckName, HealthStatus healthStatus, double elapsedMilliseconds, string? healthCheckDescription);

        [LoggerMessage(51, LogLevel.Error, "Health check {HealthCheckName} failed after {ElapsedMilliseconds} ms")]
        public static partial void CheckFailed(ILogger logger, string healthCheckName, double elapsedMilliseconds, Exception exception);
    }
}
