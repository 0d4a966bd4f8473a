using System.Diagnostics;
using ClusterReady.Hosting.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClusterReady.Hosting.Warmup;

/// <summary>
/// Runs the registered <see cref="IWarmupTask"/>s after the app has started, holding readiness and the startup probe
/// at 503 until they are done, have failed, have run out of time or shutdown has begun.
/// </summary>
/// <remarks>
/// <para>
/// Added by <c>AddWarmup</c> only, so an app without warm-up starts no runner: no hosted service, no token, no timer.
/// </para>
/// <para>
/// One after another in registration order rather than all at once: warm-up is mostly the JIT and first-time set-up,
/// which a pod's CPU quota of one or two CPUs does not finish sooner in parallel; a later task can rely on an earlier
/// one (prime the connection pool, then exercise the endpoints that use it); and at the timeout the log can name the
/// one task that was running. The timeout bounds the whole warm-up, counted from <c>ApplicationStarted</c>, because the
/// startup probe's budget it must fit in is one budget too.
/// </para>
/// <para>
/// At the timeout or when shutdown begins the runner cancels the token and stops waiting at once, so a task that
/// ignores its token cannot hold the pod back; its later outcome is observed and dropped, and the warm-up's service
/// scope is disposed only once it has ended, not under it.
/// </para>
/// </remarks>
internal sealed partial class WarmupRunner(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<WarmupRunner> logger) : IHostedService
{
    private Task _running = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = services.GetService<ClusterReadySettings>() ?? throw new InvalidOperationException(
            "Warm-up work is registered (AddWarmup) but AddClusterReady was not called: nothing would hold readiness until it is done. Call builder.AddClusterReady().");
        var state = services.GetRequiredService<HealthState>();
        if (!settings.WarmupEnabled)
        {
            state.AfterStarted(() => Log.Disabled(logger));
            return Task.CompletedTask;
        }

        // Before ApplicationStarted, so that no probe sees the app started and not yet warming up.
        state.BeginWarmup();
        lifetime.ApplicationStarted.Register(() => _running = Task.Run(() => RunAsync(state, settings.WarmupTimeout)));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Waits for the runner, which stops waiting for its task as soon as shutdown begins (the host signals
    /// ApplicationStopping, which begins the drain, before it stops the hosted services); at most until the host gives up.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout: nothing of the warm-up is worth holding the stop for.
        }
    }

    private async Task RunAsync(HealthState state, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        var scope = services.CreateAsyncScope();
        Task? abandoned = null;
        try
        {
            var tasks = scope.ServiceProvider.GetServices<IWarmupTask>().ToArray();
            Log.Started(logger, tasks.Length, timeout.TotalSeconds);

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(state.DrainToken);
            cancel.CancelAfter(timeout);
            var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = cancel.Token.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), cancelled);

            for (var i = 0; i < tasks.Length; i++)
            {
                var name = NameOf(tasks[i]);
                var taskStarted = Stopwatch.GetTimestamp();
                Task work;
                try
                {
                    work = tasks[i].WarmUpAsync(cancel.Token);
                }
                catch (Exception exception)
                {
                    work = Task.FromException(exception);
                }

                await Task.WhenAny(work, cancelled.Task).ConfigureAwait(false);
                if (work.IsCompleted && (!cancel.IsCancellationRequested || (work.IsCompletedSuccessfully && i == tasks.Length - 1)))
                {
                    if (!work.IsCompletedSuccessfully)
                    {
                        Log.TaskFailed(logger, work.Exception?.GetBaseException(), name, Stopwatch.GetElapsedTime(taskStarted).TotalMilliseconds);
                    }

                    continue;
                }

                // Cancelled: the timeout or shutdown. A task that has not ended yet is left to end on its own.
                abandoned = work;
                ReportCancelled(state, name, started, timeout, notRun: tasks.Length - i - 1);
                return;
            }

            Log.Finished(logger, tasks.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception)
        {
            // Resolving a task failed (a missing dependency): the app becomes ready without the warm-up.
            Log.RunFailed(logger, exception, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            state.EndWarmup();
            // After readiness, and after the last task that still uses the scope's services: an abandoned one keeps it.
            _ = (abandoned is null ? Task.CompletedTask : abandoned).ContinueWith(
                (task, s) =>
                {
                    _ = task.Exception;
                    return DisposeAsync((AsyncServiceScope)s!);
                },
                scope, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task DisposeAsync(AsyncServiceScope scope)
    {
        try
        {
            await scope.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.ScopeDisposeFailed(logger, exception);
        }
    }

    private void ReportCancelled(HealthState state, string name, long started, TimeSpan timeout, int notRun)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (state.IsDraining)
        {
            Log.CancelledByShutdown(logger, name, elapsed.TotalMilliseconds, notRun);
        }
        else
        {
            Log.TimedOut(logger, name, timeout.TotalSeconds, elapsed.TotalSeconds, notRun);
        }
    }

    private static string NameOf(IWarmupTask task) => task is DelegateWarmupTask named ? named.Name : task.GetType().FullName ?? task.GetType().Name;

    private static partial class Log
    {
        [LoggerMessage(60, LogLevel.Information, "Warm-up started: {Count} task(s), timeout {WarmupTimeoutSeconds} s; readiness and startup answer 503 until it ends")]
        public static partial void Started(ILogger logger, int count, double warmupTimeoutSeconds);

        [LoggerMessage(61, LogLevel.Information, "Warm-up finished: {Count} task(s) in {ElapsedMs:0} ms; readiness now passing")]
        public static partial void Finished(ILogger logger, int count, double elapsedMs);

        [LoggerMessage(62, LogLevel.Warning, "Warm-up task {Task} failed after {ElapsedMs:0} ms; the app becomes ready without it")]
        public static partial void TaskFailed(ILogger logger, Exception? exception, string task, double elapsedMs);

        [LoggerMessage(63, LogLevel.Warning, "Warm-up task {Task} did not finish within the warm-up timeout of {WarmupTimeoutSeconds} s (ClusterReady:WarmupTimeout); cancelled after {ElapsedSeconds:0.0} s, {NotRun} task(s) not run; readiness now passing")]
        public static partial void TimedOut(ILogger logger, string task, double warmupTimeoutSeconds, double elapsedSeconds, int notRun);

        [LoggerMessage(64, LogLevel.Information, "Warm-up cancelled by shutdown during {Task} after {ElapsedMs:0} ms, {NotRun} task(s) not run")]
        public static partial void CancelledByShutdown(ILogger logger, string task, double elapsedMs, int notRun);

        [LoggerMessage(65, LogLevel.Warning, "Warm-up could not run after {ElapsedMs:0} ms; the app becomes ready without it")]
        public static partial void RunFailed(ILogger logger, Exception exception, double elapsedMs);

        [LoggerMessage(67, LogLevel.Warning, "Disposing the warm-up's services failed")]
        public static partial void ScopeDisposeFailed(ILogger logger, Exception exception);

        [LoggerMessage(66, LogLevel.Information, "Warm-up disabled (ClusterReady:WarmupEnabled = false); registered warm-up work not run")]
        public static partial void Disabled(ILogger logger);
    }
}
