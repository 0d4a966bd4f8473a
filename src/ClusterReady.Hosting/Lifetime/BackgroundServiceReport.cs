using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClusterReady.Hosting.Lifetime;

/// <summary>
/// What the host leaves unsaid once it has stopped: which background services were abandoned, and whether one failed.
/// </summary>
/// <remarks>
/// On .NET 10 the host stops waiting for a <see cref="BackgroundService"/> when the shutdown timeout passes and says
/// nothing, and a background service that threw (which stops the host) still leaves exit code 0, so Kubernetes would
/// not see a crash. Both are checked here, after the host has stopped them all.
/// </remarks>
internal static partial class BackgroundServiceReport
{
    /// <summary>The process exit code when a background service failed.</summary>
    public const int FailedExitCode = 1;

    public static void Write(IEnumerable<IHostedService> services, TimeSpan shutdownTimeout, ILogger logger)
    {
        var failed = false;
        foreach (var service in services)
        {
            // Not a pattern with a variable: Stryker.NET 5.1 cannot compile its mutants of this loop then (docs/mutation.md).
            var work = (service as BackgroundService)?.ExecuteTask;
            if (work is null)
            {
                continue;
            }

            if (!work.IsCompleted)
            {
                // BackgroundService.StopAsync waits for ExecuteTask unless the shutdown timeout cancelled the wait.
                Log.Abandoned(logger, service.GetType().FullName ?? service.GetType().Name, shutdownTimeout.TotalSeconds);
            }
            else if (work.IsFaulted)
            {
                failed = true;
            }
        }

        if (failed && Environment.ExitCode == 0)
        {
            Environment.ExitCode = FailedExitCode;
            Log.ExitCodeSet(logger, FailedExitCode);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Error, "Background service {Service} did not finish within the shutdown timeout of {ShutdownTimeoutSeconds} s; its work was cancelled and is abandoned")]
        public static partial void Abandoned(ILogger logger, string service, double shutdownTimeoutSeconds);

        [LoggerMessage(21, LogLevel.Error, "A background service failed; the process exits with code {ExitCode}")]
        public static partial void ExitCodeSet(ILogger logger, int exitCode);
    }
}
