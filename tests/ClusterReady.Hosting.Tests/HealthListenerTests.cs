using System.Diagnostics;
using System.Net.Sockets;
using ClusterReady.Hosting.Health;
using ClusterReady.Hosting.Listener;
using ClusterReady.Hosting.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace ClusterReady.Hosting.Tests;

/// <summary>The worker's listener and the probe logic in process, on an ephemeral loopback port.</summary>
public sealed class HealthListenerTests : IAsyncLifetime
{
    private readonly ApplicationLifetime _lifetime = new(NullLogger<ApplicationLifetime>.Instance);
    private readonly ServiceCollection _services = new();
    private ServiceProvider? _provider;
    private HealthListener? _listener;
    private int _port;
    private volatile bool _dependencyHealthy = true;
    private int _checkRuns;
    private int _runsBeforeStart;
    private TimeSpan _checkDuration = TimeSpan.Zero;
    private Task _checkGate = Task.CompletedTask;
    private HealthProbes? _probes;

    public HealthListenerTests()
    {
        _services.AddLogging();
        _services.AddHealthChecks().AddAsyncCheck(
            "dependency",
            async () =>
            {
                Interlocked.Increment(ref _checkRuns);
                if (!_lifetime.ApplicationStarted.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _runsBeforeStart);
                }

                // Ignores cancellation, like a client library without timeouts.
                await Task.Delay(_checkDuration);
                await _checkGate;
                return _dependencyHealthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("down", new InvalidOperationException("secret-ish detail"));
            },
            tags: ["ready"]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }

        await (_provider?.DisposeAsync() ?? ValueTask.CompletedTask);
    }

    [Fact]
    public async Task Readiness_follows_startup_checks_and_draining_while_liveness_holds()
    {
        await StartAsync(started: false);
        using var connection = await RawHttpConnection.OpenAsync(_port);

        Assert.Equal(503, (await GetAsync(connection, "/healthz/ready")).Status);
        Assert.Equal(503, (await GetAsync(connection, "/healthz/startup")).Status);
        Assert.Equal(200, (await GetAsync(connection, "/healthz/live")).Status);

        _lifetime.NotifyStarted();
        Assert.Equal(200, (await GetAsync(connection, "/healthz/startup")).Status);
        var ready = await GetAsync(connection, "/healthz/ready");
        Assert.Equal((200, "Healthy"), (ready.Status, ready.Body));

        _lifetime.StopApplication();
        var draining = await GetAsync(connection, "/healthz/ready");
        Assert.Equal((503, "Unhealthy"), (draining.Status, draining.Body));
        Assert.Equal(200, (await GetAsync(connection, "/healthz/live")).Status);
    }

    [Fact]
    public async Task Sigterm_while_a_readiness_check_runs_turns_its_healthy_result_into_503()
    {
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _checkGate = first.Task;
        await StartAsync(configure: o => (o.HealthCheckTimeout, o.HealthCheckCacheDuration, o.IncludeDetails) = (TimeSpan.FromSeconds(30), TimeSpan.Zero, true));
        await WaitForCheckRunsAsync(1);

        // Without SIGTERM the probe that waited for the held check answers its healthy result.
        var before = _probes!.CheckAsync(ProbeKind.Readiness);
        Assert.False(before.IsCompleted, "the probe answered before its check finished");
        first.SetResult();
        Assert.Equal(HealthStatus.Healthy, (await before).Status);

        // The same check, held again; SIGTERM arrives while the probe waits for it.
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _checkGate = second.Task;
        var during = _probes.CheckAsync(ProbeKind.Readiness);
        Assert.False(during.IsCompleted, "the probe answered before its check finished");
        _lifetime.StopApplication();
        second.SetResult();

        Assert.Equal(new ProbeResult(HealthStatus.Unhealthy, "Shutting down."), await during);
        Assert.Equal(2, _checkRuns);
    }

    [Fact]
    public async Task An_unhealthy_check_answers_503_with_the_status_only()
    {
        _dependencyHealthy = false;
        await StartAsync();
        using var connection = await RawHttpConnection.OpenAsync(_port);

        var response = await GetAsync(connection, "/healthz/ready");

        Assert.Equal(503, response.Status);
        Assert.Equal("Unhealthy", response.Body);
        Assert.Equal("no-store", response.Headers["Cache-Control"]);
        Assert.Equal("text/plain; charset=utf-8", response.Headers["Content-Type"]);
    }

    [Fact]
    public async Task Concurrent_probes_share_one_check_run_and_the_result_is_cached()
    {
        _checkDuration = TimeSpan.FromMilliseconds(300);
        // Sharing is the subject here, not the time limit: a limit well above the check's 300 ms keeps a loaded
        // machine (test projects run side by side) from turning the one shared run into a timeout.
        await StartAsync(configure: o =>
        {
            o.HealthCheckCacheDuration = TimeSpan.FromSeconds(30);
            o.HealthCheckTimeout = TimeSpan.FromSeconds(10);
        });

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var connection = await RawHttpConnection.OpenAsync(_port);
            return await GetAsync(connection, "/healthz/ready");
        }));

        Assert.All(responses, r => Assert.Equal(200, r.Status));
        Assert.Equal(1, _checkRuns);

        // Once the run has ended, its result serves every probe for the cache duration: these run nothing.
        using var later = await RawHttpConnection.OpenAsync(_port);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await GetAsync(later, "/healthz/ready")).Status);
        }

        Assert.Equal(1, _checkRuns);
    }

    [Fact]
    public async Task Without_a_cache_each_probe_runs_the_checks()
    {
        await StartAsync(configure: o => o.HealthCheckCacheDuration = TimeSpan.Zero);
        await WaitForCheckRunsAsync(1); // the run that starting the app began
        using var connection = await RawHttpConnection.OpenAsync(_port);
        // A first probe may share that run if it is still going (however slow the machine); after it none is.
        Assert.Equal(200, (await GetAsync(connection, "/healthz/ready")).Status);
        var before = _checkRuns;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await GetAsync(connection, "/healthz/ready")).Status);
        }

        Assert.Equal(before + 3, _checkRuns);
    }

    [Fact]
    public async Task The_readiness_checks_run_once_the_app_has_started_before_any_probe()
    {
        // When the run starts is the subject here, not the time limit: with the default limit (0.8 s, plus 0.1 s) a
        // loaded machine once stretched the check's 300 ms past it, and the probe answered the timeout's 503.
        _checkDuration = TimeSpan.FromMilliseconds(300);
        await StartAsync(started: false, configure: o =>
        {
            o.HealthCheckCacheDuration = TimeSpan.FromSeconds(30);
            o.HealthCheckTimeout = TimeSpan.FromSeconds(10);
        });
        using var connection = await RawHttpConnection.OpenAsync(_port);
        Assert.Equal(503, (await GetAsync(connection, "/healthz/ready")).Status);

        _lifetime.NotifyStarted();
        await WaitForCheckRunsAsync(1);
        var ready = await GetAsync(connection, "/healthz/ready");

        // Each run records whether the app had started when it began: none before (the probe before the start did
        // not run the checks either). The probe got the result of the run that starting the app began (shared while
        // it ran, cached after), without a run of its own.
        Assert.Equal(0, _runsBeforeStart);
        Assert.Equal(200, ready.Status);
        Assert.Equal(1, _checkRuns);
    }

    private async Task WaitForCheckRunsAsync(int runs)
    {
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref _checkRuns) < runs)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), $"the checks ran {_checkRuns} times, not {runs}");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task A_check_that_ignores_cancellation_is_cut_off_and_not_started_again_while_it_hangs()
    {
        _checkDuration = TimeSpan.FromSeconds(30);
        await StartAsync(configure: o =>
        {
            o.HealthCheckTimeout = TimeSpan.FromMilliseconds(200);
            o.HealthCheckCacheDuration = TimeSpan.Zero;
        });
        using var connection = await RawHttpConnection.OpenAsync(_port);

        // Each probe is timed on its own, against a bound well below the 10 s a response read waits before it fails
        // (and the 30 s the check hangs): the 200 ms limit plus room for a busy machine.
        var clock = Stopwatch.StartNew();
        var first = await GetAsync(connection, "/healthz/ready");
        var firstTook = clock.Elapsed;
        clock.Restart();
        var second = await GetAsync(connection, "/healthz/ready");
        var secondTook = clock.Elapsed;

        Assert.Equal((503, 503), (first.Status, second.Status));
        Assert.True(firstTook < TimeSpan.FromSeconds(4), $"the first probe took {firstTook}");
        Assert.True(secondTook < TimeSpan.FromSeconds(4), $"the second probe took {secondTook}");
        Assert.Equal(1, _checkRuns);
    }

    [Fact]
    public async Task Details_list_the_checks_only_when_enabled()
    {
        _dependencyHealthy = false;
        await StartAsync(configure: o => o.IncludeDetails = true);
        using var connection = await RawHttpConnection.OpenAsync(_port);

        var response = await GetAsync(connection, "/healthz/ready");

        Assert.Equal(503, response.Status);
        Assert.Equal("Unhealthy\ndependency: Unhealthy - down (InvalidOperationException: secret-ish detail)\n", response.Body);
    }

    [Fact]
    public async Task Keeps_connections_alive_answers_pipelined_requests_in_order_and_HEAD_without_body()
    {
        await StartAsync();
        using var connection = await RawHttpConnection.OpenAsync(_port);

        await connection.SendAsync(
            "GET /healthz/live HTTP/1.1\r\nHost: x\r\n\r\n" +
            "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n" +
            "HEAD /HEALTHZ/READY?x=1 HTTP/1.1\r\nHost: x\r\n\r\n");

        var live = await connection.ReadResponseAsync();
        var missing = await connection.ReadResponseAsync();
        var head = await connection.ReadResponseAsync(head: true);
        Assert.Equal((200, "Healthy"), (live.Status, live.Body));
        Assert.Equal(404, missing.Status);
        Assert.Equal((200, "7"), (head.Status, head.Headers["Content-Length"]));

        // Still open: one more on the same connection.
        Assert.Equal(200, (await GetAsync(connection, "/healthz/startup")).Status);
    }

    [Theory]
    [InlineData("GET /healthz/live HTTP/1.1\r\nConnection: close\r\n\r\n", 200)]
    [InlineData("GET /healthz/live HTTP/1.0\r\n\r\n", 200)]
    [InlineData("POST /healthz/live HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 405)]
    [InlineData("GET /healthz/live HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", 400)]
    [InlineData("GET /healthz/live HTTP/2.0\r\n\r\n", 505)]
    [InlineData("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003\r\n\r\n", 400)]
    public async Task Answers_then_closes(string request, int status)
    {
        await StartAsync();
        using var connection = await RawHttpConnection.OpenAsync(_port);

        await connection.SendAsync(System.Text.Encoding.Latin1.GetBytes(request));
        var response = await connection.ReadResponseAsync();

        Assert.Equal(status, response.Status);
        Assert.Equal("close", response.Headers["Connection"]);
        Assert.True(await connection.IsClosedByServerAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task An_oversized_head_gets_431_and_the_connection_is_closed()
    {
        await StartAsync();
        using var connection = await RawHttpConnection.OpenAsync(_port);

        await connection.SendAsync("GET /healthz/live HTTP/1.1\r\nX-Filler: " + new string('a', HealthListener.MaxRequestHeadBytes) + "\r\n\r\n");
        var response = await connection.ReadResponseAsync();

        Assert.Equal(431, response.Status);
        Assert.True(await connection.IsClosedByServerAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_head_that_trickles_in_is_cut_off_at_its_deadline_and_others_are_still_served()
    {
        await StartAsync(requestHeadTimeout: TimeSpan.FromSeconds(1));
        using var slow = await RawHttpConnection.OpenAsync(_port);

        // A byte every 300 ms for 6 s, sent beside the wait for the close: a per-read timeout (reset by each byte)
        // would keep the connection open to the end of the trickle and close it about 7 s in; the deadline, counted
        // from the first byte, closes it about 1 s in. The bound (5 s) is well below the wait's own (30 s).
        var clock = Stopwatch.StartNew();
        await slow.SendAsync("GET /healthz/li");
        using var stopTrickling = new CancellationTokenSource();
        var trickle = Task.Run(async () =>
        {
            for (var i = 0; i < 20 && !stopTrickling.IsCancellationRequested; i++)
            {
                await Task.Delay(300);
                try
                {
                    await slow.SendAsync("v");
                }
                catch (SocketException)
                {
                    return; // closed, as it should be
                }
            }
        });

        Assert.True(await slow.IsClosedByServerAsync(TimeSpan.FromSeconds(30)));
        var closedAfter = clock.Elapsed;
        stopTrickling.Cancel();
        await trickle;
        Assert.True(closedAfter < TimeSpan.FromSeconds(5), $"closed after {closedAfter}");
        using var other = await RawHttpConnection.OpenAsync(_port);
        Assert.Equal(200, (await GetAsync(other, "/healthz/live")).Status);
    }

    private static async Task<RawResponse> GetAsync(RawHttpConnection connection, string path)
    {
        await connection.SendAsync($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        return await connection.ReadResponseAsync();
    }

    private async Task StartAsync(bool started = true, Action<ClusterReadyOptions>? configure = null, TimeSpan? requestHeadTimeout = null)
    {
        var options = new ClusterReadyOptions();
        configure?.Invoke(options);
        var settings = ClusterReadySettings.From(options, model: null, servesHttp: true);
        _provider = _services.BuildServiceProvider();
        var state = new HealthState(_lifetime);
        var probes = _probes = new HealthProbes(
            state,
            settings,
            _provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>(),
            _provider.GetRequiredService<IServiceScopeFactory>(),
            _lifetime,
            NullLogger<HealthProbes>.Instance);

        // The registrations get the settings' check timeout, as AddClusterReady arranges.
        foreach (var registration in _provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations)
        {
            registration.Timeout = settings.HealthCheckTimeout;
        }

        _listener = new HealthListener([0], settings, probes, state, NullLogger.Instance)
        {
            RequestHeadTimeout = requestHeadTimeout ?? TimeSpan.FromSeconds(10),
        };
        await _listener.StartingAsync(CancellationToken.None);
        _port = _listener.BoundPorts[0];
        if (started)
        {
            _lifetime.NotifyStarted();
        }
    }
}
