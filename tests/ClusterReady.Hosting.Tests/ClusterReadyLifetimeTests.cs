using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using ClusterReady.Hosting.Tests.Infrastructure;
using ClusterReady.Tests.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ClusterReady.Hosting.Tests;

/// <summary>
/// The shutdown sequence (ClusterReadyLifetime) in a worker host inside the test process, driven by real signals sent
/// to the test process itself: SIGTERM fails readiness at once and stops after the drain delay; a second SIGTERM, SIGINT
/// and SIGQUIT stop at once; a stop without a signal fails readiness and says so; once stopped, a background service
/// that outlived the shutdown timeout is named and a failed one sets exit code 1. WorkerTests and the web app's tests
/// cover the same in a real app process; these reach the same code in the assembly the mutation run mutates.
/// </summary>
[Collection(SignalTests.Name)]
public sealed class ClusterReadyLifetimeTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly CapturedLog _log = new();
    private readonly int _port = FreePort.Next();
    private readonly int _exitCodeBefore = Environment.ExitCode;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _clock = new();
    private IHost? _host;
    private Task _shutdown = Task.CompletedTask;
    private int _startLines;

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        if (_host is not null)
        {
            await _host.StopAsync();
            await _shutdown;
            _host.Dispose();
        }

        // The exit code is the process's: the report under test sets it, and the test host must not exit with it.
        Environment.ExitCode = _exitCodeBefore;
    }

    [Fact]
    public async Task Sigterm_fails_readiness_at_once_keeps_serving_for_the_drain_delay_then_stops()
    {
        // Long enough that the checks after the 503 land inside the drain on a loaded machine too.
        var drain = TimeSpan.FromSeconds(6);
        var lifetime = await StartAsync(drain);
        var stopping = When(lifetime.ApplicationStopping);

        Signal(Posix.SIGTERM);

        await Net.WaitForStatusAsync(_port, "/healthz/ready", HttpStatusCode.ServiceUnavailable, Timeout);
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "The host began stopping before the drain delay had passed.");
        Assert.Equal(HttpStatusCode.OK, (await Net.GetAsync(_port, "/healthz/live")).Status);

        await _shutdown.WaitAsync(Timeout);
        var stoppedAfter = await stopping;
        // A timer may fire a clock tick early.
        Assert.True(stoppedAfter >= drain - TimeSpan.FromMilliseconds(50), $"Stopped {stoppedAfter.TotalMilliseconds} ms after SIGTERM, before the {drain.TotalSeconds} s drain delay.");
        Assert.Equal(
            ["SIGTERM received; readiness now failing; draining for 6 s", "Drain delay elapsed; stopping (shutdown timeout 5 s)"],
            LinesSinceStart());
    }

    [Fact]
    public async Task A_second_sigterm_during_the_drain_stops_at_once_and_the_drain_never_ends_in_a_second_stop()
    {
        var drain = TimeSpan.FromSeconds(5);
        var lifetime = await StartAsync(drain);
        var stopping = When(lifetime.ApplicationStopping);

        Signal(Posix.SIGTERM);
        await _log.WaitForAsync("draining for 5 s", Timeout);
        Signal(Posix.SIGTERM);

        await _shutdown.WaitAsync(Timeout);
        var stoppedAfter = await stopping;
        Assert.True(stoppedAfter < drain, $"Stopped {stoppedAfter.TotalMilliseconds} ms after the first SIGTERM: the second did not cut the {drain.TotalSeconds} s drain short.");

        // Past the moment the cancelled drain would have ended: it must not log its end (or stop the host again).
        var untilPast = drain - _clock.Elapsed + TimeSpan.FromMilliseconds(500);
        if (untilPast > TimeSpan.Zero)
        {
            await Task.Delay(untilPast);
        }
        Assert.Equal(["SIGTERM received; readiness now failing; draining for 5 s", "SIGTERM received again; stopping now"], LinesSinceStart());
    }

    [Theory]
    [InlineData(Posix.SIGINT, "SIGINT")]
    [InlineData(Posix.SIGQUIT, "SIGQUIT")]
    public async Task Sigint_and_sigquit_stop_at_once_without_the_drain_delay(int signal, string name)
    {
        var drain = TimeSpan.FromSeconds(10);
        var observer = new ReadinessWhenStopping();
        var lifetime = await StartAsync(drain, after: services => services.AddSingleton<IHostedService>(sp => observer.With(sp)));
        var stopping = When(lifetime.ApplicationStopping);

        Signal(signal);

        await _shutdown.WaitAsync(Timeout);
        var stoppedAfter = await stopping;
        Assert.True(stoppedAfter < drain, $"Stopped {stoppedAfter.TotalMilliseconds} ms after {name}: it waited for the {drain.TotalSeconds} s drain delay.");
        Assert.Equal([$"{name} received; readiness now failing; stopping without drain delay"], LinesSinceStart());
        // The app's own ApplicationStopping callbacks run before ClusterReady's: readiness has failed already.
        Assert.True(observer.Draining, "Readiness still passed while the app's ApplicationStopping callbacks ran.");
    }

    [Fact]
    public async Task A_stop_without_a_signal_fails_readiness_and_a_sigterm_then_adds_no_drain_delay()
    {
        var stopBegun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Registered after ClusterReady's services, so the host stops it first (reverse order) while the probes still answer.
        var lifetime = await StartAsync(TimeSpan.FromSeconds(10), after: services => services.AddSingleton<IHostedService>(new StopsWhenReleased(stopBegun, _release.Task)));

        lifetime.StopApplication();
        await stopBegun.Task.WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Net.GetAsync(_port, "/healthz/ready")).Status);

        Signal(Posix.SIGTERM);
        await _log.WaitForAsync("SIGTERM received while already stopping", Timeout);
        _release.SetResult();

        await _shutdown.WaitAsync(Timeout);
        Assert.Equal(
            ["Application stopping; readiness now failing", "SIGTERM received while already stopping; no drain delay, the shutdown timeout of 5 s is running"],
            LinesSinceStart());
    }

    [Fact]
    public async Task A_disposed_host_no_longer_answers_sigterm()
    {
        // Registered before the host's: the process calls a signal's handlers in reverse order of registration on one
        // thread, so when this one runs, a handler the host left registered has run already.
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            seen.TrySetResult();
        });
        var lifetime = await StartAsync(TimeSpan.FromSeconds(10));
        lifetime.StopApplication();
        await _shutdown.WaitAsync(Timeout);
        _host!.Dispose();
        _host = null;
        var lines = LinesSinceStart();

        Signal(Posix.SIGTERM);
        await seen.Task.WaitAsync(Timeout);

        // A lifetime still registered would have logged "SIGTERM received while already stopping".
        Assert.Equal(lines, LinesSinceStart());
    }

    [Fact]
    public async Task The_start_up_lines_name_the_environment_and_each_secret_directory_that_does_not_exist()
    {
        var missing = Path.Combine(Path.GetTempPath(), "clusterready-" + Guid.NewGuid().ToString("N"));
        await StartAsync(TimeSpan.Zero, configure: options => options.SecretDirectories.Add(missing));

        var secret = await _log.WaitForAsync("Secret directory", Timeout);
        var started = _log.Lines.Single(l => l.Message.StartsWith("Application started", StringComparison.Ordinal));
        var environment = _host!.Services.GetRequiredService<IHostEnvironment>();
        Assert.Equal($"Application started; hosting environment: {environment.EnvironmentName}; content root: {environment.ContentRootPath}", started.Message);
        Assert.Equal((1, "Started"), (started.Event.Id, started.Event.Name));
        Assert.Equal($"Secret directory {missing} does not exist; its keys are not in configuration", secret.Message);
        Assert.Equal((7, "SecretDirectoryMissing"), (secret.Event.Id, secret.Event.Name));
    }

    [Fact]
    public async Task A_failed_background_service_stops_the_host_and_the_process_exits_with_code_1()
    {
        Environment.ExitCode = 0;
        var fail = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A hosted service that is not a BackgroundService first: the report passes over it to the one that failed.
        await StartAsync(TimeSpan.Zero, before: services => services
            .AddSingleton<IHostedService>(new StopsWhenReleased(new TaskCompletionSource(), Task.CompletedTask))
            .AddSingleton<IHostedService>(new FailsWhenTold(fail.Task)));

        fail.SetResult();

        await _shutdown.WaitAsync(Timeout);
        Assert.Equal(1, Environment.ExitCode);
        var lines = LinesSinceStart();
        Assert.Equal(["Application stopping; readiness now failing", "A background service failed; the process exits with code 1"], lines);
        Assert.Equal(LogLevel.Error, _log.Lines[^1].Level);
    }

    [Fact]
    public async Task A_failed_background_service_leaves_an_exit_code_the_app_has_set()
    {
        Environment.ExitCode = 3;
        var fail = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await StartAsync(TimeSpan.Zero, before: services => services.AddSingleton<IHostedService>(new FailsWhenTold(fail.Task)));

        fail.SetResult();

        await _shutdown.WaitAsync(Timeout);
        Assert.Equal(3, Environment.ExitCode);
        Assert.Equal(["Application stopping; readiness now failing"], LinesSinceStart());
    }

    [Fact]
    public async Task A_background_service_past_the_shutdown_timeout_is_named_and_one_that_finished_is_not()
    {
        Environment.ExitCode = 0;
        var shutdownTimeout = TimeSpan.FromSeconds(1);
        var lifetime = await StartAsync(TimeSpan.Zero, shutdownTimeout, before: services => services
            .AddSingleton<IHostedService>(new IgnoresCancellation(_release.Task))
            .AddSingleton<IHostedService>(new FinishesWhenCancelled()));

        lifetime.StopApplication();

        await _shutdown.WaitAsync(Timeout);
        Assert.Equal(0, Environment.ExitCode);
        Assert.Equal(
            ["Application stopping; readiness now failing", $"Background service {typeof(IgnoresCancellation).FullName} did not finish within the shutdown timeout of 1 s; its work was cancelled and is abandoned"],
            LinesSinceStart());
    }

    private static void Signal(int signal) => Assert.Equal(0, Posix.Kill(Environment.ProcessId, signal));

    /// <summary>A worker host with ClusterReady, started and ready, its shutdown awaited in the background.</summary>
    private async Task<IHostApplicationLifetime> StartAsync(
        TimeSpan drainDelay,
        TimeSpan? shutdownTimeout = null,
        Action<IServiceCollection>? before = null,
        Action<IServiceCollection>? after = null,
        Action<ClusterReadyOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(_log);
        before?.Invoke(builder.Services);
        builder.AddClusterReady(options =>
        {
            options.ManagementPort = _port;
            options.DrainDelay = drainDelay;
            options.ShutdownTimeout = shutdownTimeout ?? ShutdownTimeout;
            configure?.Invoke(options);
        });
        after?.Invoke(builder.Services);
        _host = builder.Build();
        await _host.StartAsync();
        _shutdown = _host.WaitForShutdownAsync();
        await Net.WaitForStatusAsync(_port, "/healthz/ready", HttpStatusCode.OK, Timeout);
        await _log.WaitForAsync("Application started", Timeout);
        _startLines = _log.Lines.Count;
        _clock.Start();
        return _host.Services.GetRequiredService<IHostApplicationLifetime>();
    }

    /// <summary>The time on the test's clock when <paramref name="token"/> is cancelled.</summary>
    private Task<TimeSpan> When(CancellationToken token)
    {
        var when = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => when.TrySetResult(_clock.Elapsed));
        return when.Task;
    }

    private List<string> LinesSinceStart() => _log.Lines.Skip(_startLines).Select(l => l.Message).ToList();

    private sealed class StopsWhenReleased(TaskCompletionSource stopBegun, Task release) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            stopBegun.TrySetResult();
            return release;
        }
    }

    /// <summary>Whether readiness had failed when the app's own ApplicationStopping callback (registered at its start) ran.</summary>
    private sealed class ReadinessWhenStopping : IHostedService
    {
        private IHostApplicationLifetime? _lifetime;
        private Health.HealthState? _state;

        public bool Draining { get; private set; }

        public ReadinessWhenStopping With(IServiceProvider services)
        {
            _lifetime = services.GetRequiredService<IHostApplicationLifetime>();
            _state = services.GetRequiredService<Health.HealthState>();
            return this;
        }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _lifetime!.ApplicationStopping.Register(() => Draining = _state!.IsDraining);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class FailsWhenTold(Task fail) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await fail;
            throw new InvalidOperationException("The background service failed.");
        }
    }

    private sealed class IgnoresCancellation(Task release) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => release;
    }

    private sealed class FinishesWhenCancelled : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Delay(System.Threading.Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}

/// <summary>Tests that send signals to the test process run alone, after the parallel ones: every host in it would receive them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SignalTests
{
    public const string Name = "Signals to this process";
}
