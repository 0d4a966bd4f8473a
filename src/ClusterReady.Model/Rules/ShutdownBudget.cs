namespace ClusterReady.Model.Rules;

/// <summary>
/// The one rule of the shutdown timeline, used by the manifest (the grace period it writes), the analyzer of code that
/// sets the host's shutdown timeout (CR4005) and the runtime's check of its options at start: after SIGTERM the app
/// drains, then the host stops within its shutdown timeout, then the process needs the margin to exit and flush its
/// logs, and all of it must end inside the pod's <c>terminationGracePeriodSeconds</c>, or the kubelet SIGKILLs it.
/// </summary>
public static class ShutdownBudget
{
    /// <summary>The pod's terminationGracePeriodSeconds for a timeline: drain + shutdown timeout + margin.</summary>
    public static long GracePeriodSeconds(long drainDelaySeconds, long shutdownTimeoutSeconds, long marginSeconds) =>
        drainDelaySeconds + shutdownTimeoutSeconds + marginSeconds;

    /// <summary>
    /// Seconds by which a drain of <paramref name="drainDelaySeconds"/> and a host shutdown timeout of
    /// <paramref name="hostShutdownSeconds"/>, plus the margin, run past the grace period; zero or less: it fits.
    /// </summary>
    public static double Overrun(double drainDelaySeconds, double hostShutdownSeconds, double marginSeconds, double gracePeriodSeconds) =>
        drainDelaySeconds + hostShutdownSeconds + marginSeconds - gracePeriodSeconds;
}
