using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ClusterReady.Hosting.Tests.Infrastructure;
using ClusterReady.Tests.Processes;
using Xunit;

namespace ClusterReady.Hosting.Tests;

/// <summary>
/// A worker without ASP.NET Core as a real process: the health endpoints come from ClusterReady's own listener on the
/// management port. Its model: default paths, 2 s drain delay, 5 s shutdown timeout.
/// </summary>
[Trait("Category", "Slow")]
public sealed class WorkerTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _scratch = Directory.CreateTempSubdirectory("clusterready-worker-").FullName;
    private readonly int _port = FreePort.Next();
    private AppProcess? _app;

    public void Dispose()
    {
        _app?.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task Serves_the_probes_and_a_failing_dependency_fails_readiness_only_until_it_recovers()
    {
        var downFile = Path.Combine(_scratch, "dependency-down");
        await StartAsync($"--TestApp:DependencyDownFile={downFile}");

        Assert.Equal((HttpStatusCode.OK, "Healthy"), await Net.GetAsync(_port, "/healthz/live"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await Net.GetAsync(_port, "/healthz/startup"));
        Assert.Equal(HttpStatusCode.NotFound, (await Net.GetAsync(_port, "/")).Status);

        await File.WriteAllTextAsync(downFile, "down");
        await Net.WaitForStatusAsync(_port, "/healthz/ready", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15), _app);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await Net.GetAsync(_port, "/healthz/ready"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await Net.GetAsync(_port, "/healthz/live"));

        File.Delete(downFile);
        await Net.WaitForStatusAsync(_port, "/healthz/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(15), _app);
    }

    [Fact]
    public async Task The_listener_survives_garbage_and_keeps_serving()
    {
        await StartAsync();
        var random = new Random(1234);

        // Random bytes, an oversized head, a request line without a version, a body, a slow half request.
        var attacks = new List<byte[]>();
        for (var i = 0; i < 20; i++)
        {
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            attacks.Add([.. bytes, .. "\r\n\r\n"u8.ToArray()]);
        }

        attacks.Add(Encoding.ASCII.GetBytes("GET /healthz/ready HTTP/1.1\r\nX: " + new string('a', 20_000) + "\r\n\r\n"));
        attacks.Add("GET /healthz/ready\r\n\r\n"u8.ToArray());
        attacks.Add("POST /healthz/ready HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"u8.ToArray());
        attacks.Add("GET /healthz/re"u8.ToArray());

        var garbage = attacks.Select(async attack =>
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, _port);
            try
            {
                await socket.SendAsync(attack);
                var buffer = new byte[1024];
                using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
                await socket.ReceiveAsync(buffer, timeout.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                // Closed on us or left waiting: both are fine, as long as the listener lives on.
            }
        });
        await Task.WhenAll(garbage);

        Assert.Equal((HttpStatusCode.OK, "Healthy"), await Net.GetAsync(_port, "/healthz/ready"));
    }

    [Fact]
    public async Task SIGTERM_fails_readiness_at_once_keeps_liveness_through_the_drain_lets_work_finish_and_exits_0()
    {
        await StartAsync();

        var sigterm = Stopwatch.StartNew();
        _app!.Signal(Posix.SIGTERM);
        await Net.WaitForStatusAsync(_port, "/healthz/ready", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(5), _app);
        var readinessFailedAfter = sigterm.Elapsed;
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await Net.GetAsync(_port, "/healthz/live"));

        var exitCode = await _app.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var exitedAfter = sigterm.Elapsed;

        Assert.Equal(0, exitCode);
        // Drain 2 s, then the processor's 1 s of in-flight work; the grace period is 2 + 5 + 5 s.
        Assert.True(readinessFailedAfter < exitedAfter);
        Assert.True(exitedAfter < TimeSpan.FromSeconds(12), $"exited {exitedAfter} after SIGTERM, past the grace period");
        var output = _app.Output;
        var drainStarted = output.IndexOf("SIGTERM received; readiness now failing; draining for 2 s", StringComparison.Ordinal);
        var drainElapsed = output.IndexOf("Drain delay elapsed; stopping", StringComparison.Ordinal);
        var workFinished = output.IndexOf("Processor finished in-flight work", StringComparison.Ordinal);
        Assert.True(drainStarted >= 0 && drainElapsed > drainStarted && workFinished > drainElapsed, output);
    }

    [Fact]
    public async Task Fifty_keep_alive_clients_across_SIGTERM_get_every_answer_and_never_a_reset()
    {
        await StartAsync();
        const int Clients = 50;
        var answered = 0;
        var refused = 0;
        var resets = new ConcurrentBag<string>();
        var unanswered = new ConcurrentBag<string>();
        var exited = false;

        // Raw HTTP/1.1 clients, not HttpClient: it retries a request whose pooled connection closes under it, and
        // would hide exactly the failures this test is after. Each keeps one connection alive and asks for liveness
        // (200 through the drain) as fast as it is answered; after "Connection: close" it reads to the end and
        // connects again, until the listener refuses new connections or the process is gone.
        async Task ClientAsync()
        {
            while (!Volatile.Read(ref exited))
            {
                RawHttpConnection connection;
                try
                {
                    connection = await RawHttpConnection.OpenAsync(_port);
                }
                catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    // The listener has stopped accepting: what a stopped server does.
                    Interlocked.Increment(ref refused);
                    return;
                }

                using (connection)
                {
                    try
                    {
                        while (true)
                        {
                            await connection.SendAsync("GET /healthz/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                            var response = await connection.ReadResponseAsync();
                            Interlocked.Increment(ref answered);
                            if (response.Status != 200)
                            {
                                unanswered.Add($"status {response.Status}");
                            }

                            if (response.Headers.TryGetValue("Connection", out var value) && value == "close")
                            {
                                Assert.True(await connection.IsClosedByServerAsync(TimeSpan.FromSeconds(10)), "not closed after Connection: close");
                                break;
                            }
                        }
                    }
                    catch (Exception exception) when (SocketErrorOf(exception) == SocketError.ConnectionReset)
                    {
                        resets.Add(exception.ToString());
                    }
                    catch (IOException exception)
                    {
                        // The connection ended with a request sent and no answer.
                        unanswered.Add(exception.Message);
                    }
                }
            }
        }

        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(ClientAsync)).ToArray();
        // Every client connected and answered before the signal (polled: a fixed wait is too short on a loaded machine).
        var warming = Stopwatch.StartNew();
        while (Volatile.Read(ref answered) <= 2 * Clients && warming.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        var answeredBeforeSigterm = Volatile.Read(ref answered);

        _app!.Signal(Posix.SIGTERM);
        var exitCode = await _app.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Volatile.Write(ref exited, true);
        await Task.WhenAll(clients);

        Assert.Equal(0, exitCode);
        Assert.True(answeredBeforeSigterm > Clients, $"only {answeredBeforeSigterm} answers before SIGTERM");
        // The drain keeps liveness answering for 2 s after SIGTERM.
        Assert.True(answered > answeredBeforeSigterm + Clients, $"{answered - answeredBeforeSigterm} answers after SIGTERM");
        Assert.True(resets.IsEmpty, $"{resets.Count} connections reset ({answered} answered, {refused} refused):\n{resets.FirstOrDefault()}");
        Assert.True(unanswered.IsEmpty, $"{unanswered.Count} requests unanswered ({answered} answered, {refused} refused):\n{unanswered.FirstOrDefault()}");
        Assert.DoesNotContain("Accepting a health endpoint connection failed", _app.Output);
    }

    [Fact]
    public async Task SIGTERM_during_the_warm_up_cancels_it_keeps_liveness_through_the_drain_and_exits_0()
    {
        // The gate file is never created: the warm-up would wait until its timeout.
        _app = AppProcess.Start(AppProcess.WorkerPath, [$"--ClusterReady:ManagementPort={_port}", $"--TestApp:WarmupGateFile={Path.Combine(_scratch, "gate")}"]);
        await Net.WaitForStatusAsync(_port, "/healthz/live", HttpStatusCode.OK, StartTimeout, _app);
        await _app.WaitForOutputAsync("Warm-up started: 1 task(s)", TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Net.GetAsync(_port, "/healthz/ready")).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Net.GetAsync(_port, "/healthz/startup")).Status);

        var sigterm = Stopwatch.StartNew();
        _app.Signal(Posix.SIGTERM);
        await _app.WaitForOutputAsync("Warm-up cancelled by shutdown during test-gate", TimeSpan.FromSeconds(5));
        // The drain (2 s) runs as usual: liveness holds, readiness fails.
        Assert.Equal(HttpStatusCode.OK, (await Net.GetAsync(_port, "/healthz/live")).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Net.GetAsync(_port, "/healthz/ready")).Status);
        var exitCode = await _app.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        // Drain 2 s, then the processor's 1 s of in-flight work; the grace period is 2 + 5 + 5 s.
        Assert.True(sigterm.Elapsed < TimeSpan.FromSeconds(12), $"exited {sigterm.Elapsed} after SIGTERM, past the grace period");
        Assert.DoesNotContain("did not finish within the warm-up timeout", _app.Output);
        Assert.Contains("Drain delay elapsed; stopping", _app.Output);
    }

    private static SocketError? SocketErrorOf(Exception exception)
    {
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socketException)
            {
                return socketException.SocketErrorCode;
            }
        }

        return null;
    }

    [Fact]
    public async Task A_background_service_that_throws_stops_the_worker_with_a_non_zero_exit_code()
    {
        // Not waiting for readiness: the service may fail before the first probe.
        _app = AppProcess.Start(AppProcess.WorkerPath, [$"--ClusterReady:ManagementPort={_port}", "--TestApp:CrashAfterMs=500"]);

        var exitCode = await _app!.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("A background service failed; the process exits with code 1", _app.Output);
    }

    private async Task StartAsync(params string[] extra)
    {
        _app = AppProcess.Start(AppProcess.WorkerPath, [$"--ClusterReady:ManagementPort={_port}", .. extra]);
        await Net.WaitForStatusAsync(_port, "/healthz/ready", HttpStatusCode.OK, StartTimeout, _app);
    }
}
