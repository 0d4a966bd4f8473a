using Microsoft.Extensions.Hosting;

namespace ClusterReady.Hosting.Health;

/// <summary>Whether the app has started and whether it is draining: the parts of readiness that are not checks.</summary>
internal sealed class HealthState
{
    private readonly Lock _gate = new();
    private List<Action>? _afterStarted = [];
    private int _started;
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
    public bool TryBeginDrain() => Interlocked.Exchange(ref _draining, 1) == 0;

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
