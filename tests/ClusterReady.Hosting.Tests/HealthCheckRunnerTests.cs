using System.Diagnostics;
using ClusterReady.Hosting.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace ClusterReady.Hosting.Tests;

/// <summary>
/// The probes' own check runner against what HealthCheckService does with the same registrations: same statuses,
/// scopes, time limits and failures.
/// </summary>
/// <remarks>
/// Not in parallel with other tests: one of these blocks thread-pool threads on purpose, and on a small machine that
/// delays the timed checks of the tests beside it past their limits.
/// </remarks>
[Collection(ThreadPoolBlockingTests.Name)]
public sealed class HealthCheckRunnerTests : IAsyncLifetime
{
    private readonly ServiceCollection _services = new();
    private readonly RecordingLoggerProvider _logs = new();
    private ServiceProvider? _provider;

    public HealthCheckRunnerTests()
    {
        _services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await (_provider?.DisposeAsync() ?? ValueTask.CompletedTask);

    [Fact]
    public async Task The_worst_status_wins_and_the_details_follow_the_registration_order()
    {
        _services.AddHealthChecks()
            .AddCheck("db", () => HealthCheckResult.Healthy("reachable"))
            .AddCheck("cache", () => HealthCheckResult.Degraded("slow"))
            .AddAsyncCheck("queue", async () =>
            {
                await Task.Yield();
                return HealthCheckResult.Healthy();
            });

        var (result, report) = await RunBothAsync(includeDetails: true);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal(report.Status, result.Status);
        Assert.Equal("db: Healthy - reachable\ncache: Degraded - slow\nqueue: Healthy\n", result.Details);
        Assert.Same(ProbeResult.For(HealthStatus.Degraded), await RunAsync(includeDetails: false));
    }

    [Fact]
    public async Task Without_details_the_answer_is_the_cached_status_only()
    {
        _services.AddHealthChecks().AddCheck("db", () => HealthCheckResult.Unhealthy("down"));

        var result = await RunAsync(includeDetails: false);

        Assert.Same(ProbeResult.Unhealthy, result);
        Assert.Null(result.Details);
    }

    [Fact]
    public async Task An_exception_becomes_the_registrations_failure_status_with_its_message_and_is_logged()
    {
        _services.AddHealthChecks()
            .Add(new HealthCheckRegistration("sync", new ThrowingCheck(), HealthStatus.Degraded, tags: null))
            .AddAsyncCheck("async", async () =>
            {
                await Task.Yield();
                throw new TimeoutException("no answer");
            });

        var (result, report) = await RunBothAsync(includeDetails: true);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal(report.Status, result.Status);
        Assert.Equal(
            "sync: Degraded - no connection (InvalidOperationException: no connection)\n" +
            "async: Unhealthy - no answer (TimeoutException: no answer)\n",
            result.Details);
        Assert.Contains(_logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("Health check sync failed", StringComparison.Ordinal) && l.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task A_check_that_cannot_be_created_is_reported_failed_and_the_others_still_run()
    {
        // HealthCheckService lets this exception escape CheckHealthAsync; a probe must answer all the same.
        _services.AddHealthChecks()
            .AddCheck<ThrowingFactoryCheck>("factory")
            .AddCheck("other", () => HealthCheckResult.Healthy());

        var result = await RunAsync(includeDetails: true);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("factory: Unhealthy - Unable to resolve service for type", result.Details, StringComparison.Ordinal);
        Assert.EndsWith("\nother: Healthy\n", result.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disposed_container_makes_each_check_fail_instead_of_the_run()
    {
        _services.AddHealthChecks().AddCheck("db", () => HealthCheckResult.Healthy());
        var runner = Runner();
        await _provider!.DisposeAsync();

        var result = await runner.RunAsync(includeDetails: true);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("db: Unhealthy - ", result.Details, StringComparison.Ordinal);
        Assert.Contains("(ObjectDisposedException: ", result.Details, StringComparison.Ordinal);
        _provider = null;
    }

    [Fact]
    public async Task A_check_past_its_timeout_is_cancelled_and_reported_as_a_timeout()
    {
        _services.AddHealthChecks().AddAsyncCheck(
            "slow",
            async token =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), token);
                return HealthCheckResult.Healthy();
            },
            timeout: TimeSpan.FromMilliseconds(100));

        var clock = Stopwatch.StartNew();
        var (result, report) = await RunBothAsync(includeDetails: true);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("A timeout occurred while running check.", report.Entries["slow"].Description);
        Assert.StartsWith("slow: Unhealthy - A timeout occurred while running check. (TaskCanceledException: ", result.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checks_that_block_synchronously_run_at_the_same_time()
    {
        // Each check blocks until all three are running: one after the other, the first would wait in vain.
        using var allRunning = new CountdownEvent(3);
        HealthCheckResult Check()
        {
            allRunning.Signal();
            return allRunning.Wait(TimeSpan.FromSeconds(20)) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("ran alone");
        }

        _services.AddHealthChecks().AddCheck("one", Check).AddCheck("two", Check).AddCheck("three", Check);

        var result = await RunAsync(includeDetails: true);

        Assert.Equal("one: Healthy\ntwo: Healthy\nthree: Healthy\n", result.Details);
    }

    [Fact]
    public async Task Each_run_gets_a_scope_of_its_own_that_is_disposed_afterwards()
    {
        _services.AddScoped<ScopedResource>();
        _services.AddHealthChecks().AddCheck<ScopedCheck>("scoped");

        Assert.Equal(HealthStatus.Healthy, (await RunAsync(includeDetails: false)).Status);
        Assert.Equal(HealthStatus.Healthy, (await RunAsync(includeDetails: false)).Status);

        var instances = ScopedResource.Created.Where(r => r.Owner == this).ToList();
        Assert.Equal(2, instances.Count);
        Assert.All(instances, r => Assert.True(r.Disposed));
    }

    [Fact]
    public async Task A_healthy_check_is_logged_at_debug_a_degraded_one_at_warning()
    {
        _services.AddHealthChecks()
            .AddCheck("fine", () => HealthCheckResult.Healthy())
            .AddCheck("meh", () => HealthCheckResult.Degraded("slow"));

        await RunAsync(includeDetails: false);

        Assert.Contains(_logs.Lines, l => l.Level == LogLevel.Debug && l.Message.StartsWith("Health check fine completed with status Healthy", StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, l => l.Level == LogLevel.Warning && l.Message.StartsWith("Health check meh completed with status Degraded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_checks_is_healthy()
    {
        var result = await RunAsync(includeDetails: true);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(string.Empty, result.Details);
    }

    [Fact]
    public async Task A_check_still_running_when_the_runner_returns_is_awaited_not_blocked_on()
    {
        var release = new TaskCompletionSource<HealthCheckResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _services.AddHealthChecks().AddAsyncCheck("pending", () => release.Task).AddAsyncCheck("also pending", () => release.Task);
        try
        {
            // On a thread of its own: a runner that blocked on the pending check would not return at all.
            var run = await Task.Factory.StartNew(() => StartRun(includeDetails: true), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default)
                .WaitAsync(TimeSpan.FromSeconds(20));

            Assert.False(run.IsCompleted);
            release.SetResult(HealthCheckResult.Healthy("released"));
            Assert.Equal("pending: Healthy - released\nalso pending: Healthy - released\n", (await run).Details);
        }
        finally
        {
            release.TrySetResult(HealthCheckResult.Healthy());
        }
    }

    [Fact]
    public async Task A_scope_whose_asynchronous_disposal_fails_makes_its_check_fail()
    {
        _services.AddScoped<FailingAsyncDisposal>();
        _services.AddHealthChecks().AddCheck<DisposalCheck>("disposal");

        var result = await RunAsync(includeDetails: true);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("disposal: Unhealthy - disposal failed (InvalidOperationException: disposal failed)\n", result.Details);
    }

    [Fact]
    public async Task A_scope_that_is_only_disposable_is_disposed()
    {
        _services.AddHealthChecks().AddCheck("plain", () => HealthCheckResult.Healthy());
        PlainScopes? scopes = null;

        var result = await Runner(provider => scopes = new PlainScopes(provider)).RunAsync(includeDetails: false);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(1, scopes!.Disposed);
    }

    [Fact]
    public async Task Each_check_sees_its_own_registration_in_its_context()
    {
        _services.AddHealthChecks().AddCheck<RegistrationEchoCheck>("echo", failureStatus: HealthStatus.Degraded);

        var (result, report) = await RunBothAsync(includeDetails: true);

        Assert.Equal("echo Degraded", report.Entries["echo"].Description);
        Assert.Equal("echo: Healthy - echo Degraded\n", result.Details);
    }

    private async Task<ProbeResult> RunAsync(bool includeDetails) => await StartRun(includeDetails);

    private Task<ProbeResult> StartRun(bool includeDetails) => Runner().RunAsync(includeDetails);

    /// <summary>A runner over the registered checks, with the container's scopes or those <paramref name="scopes"/> makes of it.</summary>
    private HealthCheckRunner Runner(Func<IServiceProvider, IServiceScopeFactory>? scopes = null)
    {
        _services.AddSingleton(this);
        _provider ??= _services.BuildServiceProvider();
        var registrations = _provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        return new HealthCheckRunner(
            registrations, scopes?.Invoke(_provider) ?? _provider.GetRequiredService<IServiceScopeFactory>(), _provider.GetRequiredService<ILogger<HealthCheckRunnerTests>>());
    }

    private async Task<(ProbeResult Result, HealthReport Report)> RunBothAsync(bool includeDetails)
    {
        var result = await RunAsync(includeDetails);
        var report = await _provider!.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return (result, report);
    }

    private sealed class FailingAsyncDisposal : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Task.Yield();
            throw new InvalidOperationException("disposal failed");
        }
    }

    private sealed class DisposalCheck(FailingAsyncDisposal resource) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(resource is null ? HealthCheckResult.Unhealthy() : HealthCheckResult.Healthy());
    }

    /// <summary>Scopes of a container that are <see cref="IDisposable"/> only, not <see cref="IAsyncDisposable"/>.</summary>
    private sealed class PlainScopes(IServiceProvider services) : IServiceScopeFactory
    {
        private int _disposed;

        public int Disposed => Volatile.Read(ref _disposed);

        public IServiceScope CreateScope() => new Scope(this, services);

        private sealed class Scope(PlainScopes owner, IServiceProvider services) : IServiceScope
        {
            public IServiceProvider ServiceProvider => services;

            public void Dispose() => Interlocked.Increment(ref owner._disposed);
        }
    }

    private sealed class RegistrationEchoCheck : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Healthy(context.Registration.Name + " " + context.Registration.FailureStatus));
    }

    private sealed class ThrowingCheck : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("no connection");
    }

    private sealed class ThrowingFactoryCheck : IHealthCheck
    {
        public ThrowingFactoryCheck(MissingDependency dependency) => _ = dependency;

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Healthy());
    }

    private sealed class MissingDependency;

    private sealed class ScopedResource : IAsyncDisposable
    {
        public static readonly System.Collections.Concurrent.ConcurrentBag<ScopedResource> Created = [];

        public ScopedResource(HealthCheckRunnerTests owner)
        {
            Owner = owner;
            Created.Add(this);
        }

        public HealthCheckRunnerTests Owner { get; }

        public bool Disposed { get; private set; }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ScopedCheck(ScopedResource resource) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(resource.Disposed ? HealthCheckResult.Unhealthy("used after disposal") : HealthCheckResult.Healthy());
    }

    private sealed record LogLine(LogLevel Level, string Message, Exception? Exception);

    private sealed class RecordingLoggerProvider : ILoggerProvider, ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<LogLine> _lines = new();

        public IReadOnlyCollection<LogLine> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(new LogLine(logLevel, formatter(state, exception), exception));

        public void Dispose()
        {
        }
    }
}

/// <summary>Tests that block thread-pool threads run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadPoolBlockingTests
{
    public const string Name = "Blocks thread-pool threads";
}
