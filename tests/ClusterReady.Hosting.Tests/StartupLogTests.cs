using System.Net;
using ClusterReady.Hosting.Tests.Infrastructure;
using ClusterReady.Tests.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClusterReady.Hosting.Tests;

/// <summary>
/// ClusterReady's start-up log lines are written once readiness can pass, not on the way to it: a real worker host in
/// this process, with a logging provider that holds every ClusterReady line until the test lets it go.
/// </summary>
/// <remarks>The held provider blocks a thread-pool thread until readiness is seen: alone, as the runner's blocking tests.</remarks>
[Collection(ThreadPoolBlockingTests.Name)]
public sealed class StartupLogTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    // Longer than the test waits for readiness, so that a host that waits for its lines fails the test.
    private static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(60);
    private readonly HeldLines _lines = new();
    private readonly int _port = FreePort.Next();
    private readonly IHost _host;
    private readonly Task _starting;

    public StartupLogTests()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(_lines);
        builder.Services.AddHealthChecks().AddCheck("dependency", () => HealthCheckResult.Healthy(), tags: ["ready"]);
        builder.AddClusterReady(options => options.ManagementPort = _port);
        _host = builder.Build();
        // Not awaited here: before ClusterReady wrote its lines after the start, the host's start itself waited for them.
        _starting = _host.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _lines.Release();
        await _starting;
        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task Readiness_passes_while_the_start_up_lines_are_still_being_written()
    {
        await Net.WaitForStatusAsync(_port, "/healthz/ready", HttpStatusCode.OK, Timeout);

        Assert.True(_lines.Held.Wait(Timeout), "No ClusterReady line was written after the start.");
        Assert.Empty(_lines.Written);

        _lines.Release();
        await _starting.WaitAsync(Timeout);
        var written = await _lines.WaitForAsync(count: 2, Timeout);
        Assert.Equal(
            ["Health endpoints listening on port " + _port, "Application started; hosting environment: Production; content root: " + _host.Services.GetRequiredService<IHostEnvironment>().ContentRootPath],
            written.Take(2));
    }

    /// <summary>Holds the first ClusterReady line, and every one after it, until released.</summary>
    private sealed class HeldLines : ILoggerProvider, ILogger
    {
        private readonly ManualResetEventSlim _released = new();
        private readonly List<string> _written = [];

        /// <summary>Set when a ClusterReady line is waiting to be written.</summary>
        public ManualResetEventSlim Held { get; } = new();

        public IReadOnlyList<string> Written
        {
            get
            {
                lock (_written)
                {
                    return [.. _written];
                }
            }
        }

        public void Release() => _released.Set();

        public async Task<IReadOnlyList<string>> WaitForAsync(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (Written.Count < count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            return Written;
        }

        public ILogger CreateLogger(string categoryName) => categoryName.StartsWith("ClusterReady.", StringComparison.Ordinal) ? this : NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Held.Set();
            // Bounded, so that a regression fails the test instead of hanging the run.
            _released.Wait(HoldLimit);
            lock (_written)
            {
                _written.Add(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
