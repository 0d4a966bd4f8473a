using Microsoft.Extensions.Hosting;

namespace ClusterReady.Hosting.Health;

/// <summary>Whether the app has started and whether it is draining: the parts of readiness that are not checks.</summary>
internal sealed class HealthState
{
    private int _started;
    private int _draining;

    public HealthState(IHostApplicationLifetime lifetime)
    {
        // Registering on a token that has already fired runs the callback at once, so the order in which the host
        // creates this and starts does not matter.
        lifetime.ApplicationStarted.Register(static s => ((HealthState)s!).MarkStarted(), this);
        lifetime.ApplicationStopping.Register(static s => ((HealthState)s!).TryBeginDrain(), this);
    }

    /// <summary>All hosted services have started.</summary>
    public bool IsStarted => Volatile.Read(ref _started) != 0;

    /// <summary>Shutdown has begun (SIGTERM or StopApplication): readiness fails from now on.</summary>
    public bool IsDraining => Volatile.Read(ref _draining) != 0;

    public void MarkStarted() => Volatile.Write(ref _started, 1);

    /// <summary>Marks the app draining; true only for the call that did it.</summary>
    public bool TryBeginDrain() => Interlocked.Exchange(ref _draining, 1) == 0;
}
