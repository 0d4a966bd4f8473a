using Microsoft.Extensions.Hosting;

namespace ClusterReady.Hosting.Health;

/// <summary>
/// Whether the app has started, whether it is still warming up and whether it is draining: the parts of readiness that
/// are not checks.
/// </summary>
internal sealed class HealthState
{
    private readonly Lock _gate = new();
    private List<Action>? _afterStarted = [];
    private CancellationTokenSource? _drain;
    private int _started;
    private int _warmingUp;
    private int _draining;

    public HealthState(IHostApplicationLifetime lifetime)
    {
        // Registering on a token that has already fired runs the callback at once, so the order in which the host
        // creates this and starts does not matter. Registered when the host is built, before the host's own and the
        // app's: callbacks run last-registered first, so readiness passes once every ApplicationStarted callback has
        // returned (an app that warms up in one is not ready before it is done).
        lifetime.ApplicationStarted.Register(static s => ((HealthState)s!).MarkStarted(), this);
        lifetime.ApplicationStopping.Register(static s => ((HealthState)s!).TryBeginDrain(), this);
    }

    /// <summary>All hosted services have started.</summary>
    public bool IsStarted => Volatile.Read(ref _started) != 0;

    /// <summary>Shutdown has begun (SIGTERM or StopApplication): readiness fails from now on.</summary>
    public bool IsDraining => Volatile.Read(ref _draining) != 0;

    /// <summary>Registered warm-up work has not finished yet: readiness and the startup probe fail until it has.</summary>
    public bool IsWarmingUp => Volatile.Read(ref _warmingUp) != 0;

    /// <summary>
    /// Cancelled when shutdown begins (<see cref="TryBeginDrain"/>), for work that must stop then. Created on first
    /// use, so an app that never asks for it (no warm-up) pays nothing.
    /// </summary>
    public CancellationToken DrainToken
    {
        get
        {
            lock (_gate)
            {
                if (_drain is null)
                {
                    _drain = new CancellationTokenSource();
                    if (IsDraining)
                    {
                        _drain.Cancel();
                    }
                }

                return _drain.Token;
            }
        }
    }

    /// <summary>Holds readiness and the startup probe at 503 until <see cref="EndWarmup"/>; called before the app has started.</summary>
    public void BeginWarmup() => Volatile.Write(ref _warmingUp, 1);

    /// <summary>The warm-up is over (done, failed, timed out or cancelled): readiness and the startup probe may pass.</summary>
    public void EndWarmup() => Volatile.Write(ref _warmingUp, 0);

    public void MarkStarted()
    {
        Volatile.Write(ref _started, 1);
        List<Action>? afterStarted;
        lock (_gate)
        {
            afterStarted = _afterStarted;
            _afterStarted = null;
        }

        if (afterStarted is { Count: > 0 })
        {
            ThreadPool.UnsafeQueueUserWorkItem(static s => RunAll((List<Action>)s!), afterStarted);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the thread pool once the app has started (at once if it has), after the
    /// actions added before it: work that the first readiness answer should not wait for.
    /// </summary>
    /// <remarks>
    /// ClusterReady's start-up log lines go through here. The first message a process logs is its most expensive one
    /// (the console logger and its formatter are set up on the caller's thread: 15 to 20 ms on a slow two-core machine),
    /// and written on the host's thread before the app started, every start paid it before its pod could turn ready.
    /// An exception from an action (a logging provider that throws) is dropped: there is no caller left to take it, and
    /// on the thread pool it would end the process.
    /// </remarks>
    public void AfterStarted(Action action)
    {
        lock (_gate)
        {
            if (_afterStarted is not null)
            {
                _afterStarted.Add(action);
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(static s => RunAll([(Action)s!]), action);
    }

    /// <summary>Marks the app draining; true only for the call that did it.</summary>
    /// <remarks>
    /// The drain token's callbacks (the warm-up's cancellation) run on the thread pool, not on the caller's: that is
    /// the signal handler or the host's stopping callback, which must not wait for them.
    /// </remarks>
    public bool TryBeginDrain()
    {
        if (Interlocked.Exchange(ref _draining, 1) != 0)
        {
            return false;
        }

        CancellationTokenSource? drain;
        lock (_gate)
        {
            drain = _drain;
        }

        _ = drain?.CancelAsync();
        return true;
    }

    private static void RunAll(List<Action> actions)
    {
        foreach (var action in actions)
        {
            try
            {
                action();
            }
            catch (Exception)
            {
                // See AfterStarted.
            }
        }
    }
}
