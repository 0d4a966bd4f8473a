using System.Runtime.InteropServices;
using ClusterReady.Hosting.Health;
using ClusterReady.Hosting.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClusterReady.Hosting.Lifetime;

/// <summary>
/// Replaces the console lifetime: on SIGTERM the app fails readiness at once, keeps serving for the drain delay and only
/// then stops, because Kubernetes removes a terminating pod from its Services at the same time as it signals it, and
/// load balancers learn of that later. There is no preStop hook (images have no shell): the delay happens in here.
/// </summary>
/// <remarks>
/// SIGINT (Ctrl+C) and SIGQUIT stop the app at once, without the drain delay: they come from a person or a tool at a
/// terminal, never from the kubelet, and a developer pressing Ctrl+C wants the app gone now. A second SIGTERM while
/// draining also stops it at once.
/// </remarks>
internal sealed partial class ClusterReadyLifetime : IHostLifetime, IDisposable
{
    private readonly IHostApplicationLifetime _applicationLifetime;
    private readonly IHostEnvironment _environment;
    private readonly ClusterReadySettings _settings;
    private readonly HealthState _state;
    private readonly SecretDirectories _secrets;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _drainCancelled = new();
    private readonly List<PosixSignalRegistration> _signals = [];
    private int _terminateCount;
    private int _signalled;

    public ClusterReadyLifetime(
        IHostApplicationLifetime applicationLifetime,
        IHostEnvironment environment,
        ClusterReadySettings settings,
        HealthState state,
        SecretDirectories secrets,
        IServiceProvider services,
        ILoggerFactory loggerFactory)
    {
        _applicationLifetime = applicationLifetime;
        _environment = environment;
        _settings = settings;
        _state = state;
        _secrets = secrets;
        _services = services;
        // The category ILogger<ClusterReadyLifetime> would have; see OnStarted for why not that type.
        _logger = loggerFactory.CreateLogger(typeof(ClusterReadyLifetime).FullName!);
    }

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _applicationLifetime.ApplicationStarted.Register(static s => ((ClusterReadyLifetime)s!).OnStarted(), this);
        _applicationLifetime.ApplicationStopping.Register(static s => ((ClusterReadyLifetime)s!).OnStopping(), this);

        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminate));
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnInterrupt));
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnInterrupt));
        _secrets.StartLogging(_logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // The host calls this after every hosted service's StopAsync has returned or the shutdown timeout has passed.
        BackgroundServiceReport.Write(_services.GetServices<IHostedService>(), _settings.ShutdownTimeout, _logger);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        _drainCancelled.Dispose();
    }

    // The lines logged at start go through the logger's own message formatting and the same overloads and logger type
    // (a category logger from the factory, not ILogger<T>) as the Generic Host's console lifetime uses for its start-up
    // lines, not LoggerMessage.Define: Microsoft.Extensions.Logging ships as IL, and each Define'd message shape, each
    // further overload and Logger<T>'s forwarding cost the JIT methods of their own. Once per process, and written
    // once readiness can pass (HealthState.AfterStarted), so that the first probe does not wait for them.
    private void OnStarted() => _state.AfterStarted(WriteStartedLines);

    private void WriteStartedLines()
    {
        _logger.Log(LogLevel.Information, new EventId(1, "Started"), null, "Application started; hosting environment: {EnvironmentName}; content root: {ContentRoot}", _environment.EnvironmentName, _environment.ContentRootPath);
        foreach (var directory in _secrets.Missing)
        {
            _logger.Log(LogLevel.Information, new EventId(7, "SecretDirectoryMissing"), null, "Secret directory {Directory} does not exist; its keys are not in configuration", directory);
        }
    }

    private void OnStopping()
    {
        // Stops that no signal caused (StopApplication, a failed background service) fail readiness too: HealthState's
        // own ApplicationStopping callback sees to that.
        if (Volatile.Read(ref _signalled) == 0)
        {
            Log.StoppingWithoutSignal(_logger);
        }
    }

    private void OnTerminate(PosixSignalContext context)
    {
        // Cancel the default (exit now): the host decides when to return from Main.
        context.Cancel = true;
        Volatile.Write(ref _signalled, 1);
        if (Interlocked.Increment(ref _terminateCount) > 1)
        {
            Log.SecondTerminate(_logger);
            StopNow();
            return;
        }

        if (!_state.TryBeginDrain())
        {
            // Already stopping for another reason: the shutdown timeout is running, nothing to delay.
            Log.TerminateWhileStopping(_logger, _settings.ShutdownTimeout.TotalSeconds);
            return;
        }

        Log.DrainStarted(_logger, _settings.DrainDelay.TotalSeconds);
        _ = DrainThenStopAsync();
    }

    private void OnInterrupt(PosixSignalContext context)
    {
        context.Cancel = true;
        Volatile.Write(ref _signalled, 1);
        Log.InterruptReceived(_logger, context.Signal.ToString());
        StopNow();
    }

    private void StopNow()
    {
        _state.TryBeginDrain();
        _drainCancelled.Cancel();
        _applicationLifetime.StopApplication();
    }

    private async Task DrainThenStopAsync()
    {
        try
        {
            await Task.Delay(_settings.DrainDelay, _drainCancelled.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Log.DrainElapsed(_logger, _settings.ShutdownTimeout.TotalSeconds);
        _applicationLifetime.StopApplication();
    }

    private static partial class Log
    {
        [LoggerMessage(2, LogLevel.Information, "SIGTERM received; readiness now failing; draining for {DrainDelaySeconds} s")]
        public static partial void DrainStarted(ILogger logger, double drainDelaySeconds);

        [LoggerMessage(3, LogLevel.Information, "Drain delay elapsed; stopping (shutdown timeout {ShutdownTimeoutSeconds} s)")]
        public static partial void DrainElapsed(ILogger logger, double shutdownTimeoutSeconds);

        [LoggerMessage(4, LogLevel.Information, "{Signal} received; readiness now failing; stopping without drain delay")]
        public static partial void InterruptReceived(ILogger logger, string signal);

        [LoggerMessage(5, LogLevel.Information, "SIGTERM received again; stopping now")]
        public static partial void SecondTerminate(ILogger logger);

        [LoggerMessage(6, LogLevel.Information, "Application stopping; readiness now failing")]
        public static partial void StoppingWithoutSignal(ILogger logger);

        [LoggerMessage(8, LogLevel.Information, "SIGTERM received while already stopping; no drain delay, the shutdown timeout of {ShutdownTimeoutSeconds} s is running")]
        public static partial void TerminateWhileStopping(ILogger logger, double shutdownTimeoutSeconds);
    }
}
