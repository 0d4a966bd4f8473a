namespace ClusterReady.Hosting;

/// <summary>
/// Work that runs once after the app has started and before readiness and the startup probe answer 200: requests to
/// the app's own endpoints, priming caches and connection pools, anything that makes the first real requests as fast
/// as the later ones.
/// </summary>
/// <remarks>
/// <para>
/// Register it with <c>services.AddWarmup&lt;T&gt;()</c> (or <c>AddWarmup(name, delegate)</c>); a task registered as
/// <see cref="IWarmupTask"/> by other means is run only when <c>AddWarmup</c> was called once as well, because that call
/// is what adds the runner (an app without warm-up pays nothing for it at start).
/// </para>
/// <para>
/// The tasks run one after another in registration order, in one service scope, after
/// <c>IHostApplicationLifetime.ApplicationStarted</c> (Kestrel listens by then). They share one time limit,
/// <see cref="ClusterReadyOptions.WarmupTimeout"/>: when it passes, or when shutdown begins, the token is cancelled and
/// the app turns ready without waiting for the task further. A task that throws is logged and the next one runs: a
/// failed warm-up makes the first requests slower, it must not keep the pod from serving.
/// </para>
/// </remarks>
public interface IWarmupTask
{
    /// <summary>Warms the app up.</summary>
    /// <param name="cancellationToken">Cancelled at the warm-up timeout and when shutdown begins.</param>
    /// <returns>A task that completes when the work is done.</returns>
    Task WarmUpAsync(CancellationToken cancellationToken);
}
