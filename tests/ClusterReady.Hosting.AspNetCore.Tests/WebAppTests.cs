using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ClusterReady.Tests.Processes;
using Xunit;

namespace ClusterReady.Hosting.AspNetCore.Tests;

/// <summary>
/// An ASP.NET Core app as a real process. Its embedded model sets the paths (/live, /ready, /started), a management
/// port, a 1 s readiness probe timeout, a 2 s drain delay and a 5 s shutdown timeout; the tests move the ports. The
/// warm-up's tests are in WarmupRequestsTests.cs.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class WebAppTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _scratch = Directory.CreateTempSubdirectory("clusterready-web-").FullName;
    private readonly int _appPort = FreePort.Next();
    private readonly int _managementPort = FreePort.Next();
    private AppProcess? _app;

    public void Dispose()
    {
        _app?.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task Serves_the_model_paths_on_the_management_port_only_and_the_app_on_its_urls()
    {
        await StartAsync();

        foreach (var path in new[] { "/live", "/ready", "/started" })
        {
            using var response = await Net.Client.GetAsync(Net.Url(_managementPort, path));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path} must not be cached");
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal((HttpStatusCode.OK, "pong"), await Net.GetAsync(_appPort, "/ping"));
        // Health endpoints are not on the app port, and the app is not on the management port.
        Assert.Equal(HttpStatusCode.NotFound, (await Net.GetAsync(_appPort, "/ready")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Net.GetAsync(_managementPort, "/ping")).Status);

        using var head = await Net.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Net.Url(_managementPort, "/ready")));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        using var post = await Net.Client.PostAsync(Net.Url(_managementPort, "/ready"), null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task The_app_port_from_ASPNETCORE_HTTP_PORTS_still_applies_next_to_the_management_port()
    {
        _app = AppProcess.Start(
            AppProcess.WebAppPath,
            [$"--ClusterReady:ManagementPort={_managementPort}"],
            new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = _appPort.ToString() });
        await Net.WaitForStatusAsync(_managementPort, "/ready", HttpStatusCode.OK, StartTimeout, _app);

        Assert.Equal((HttpStatusCode.OK, "pong"), await Net.GetAsync(_appPort, "/ping"));
    }

    [Fact]
    public async Task Kestrel_endpoints_from_configuration_still_apply_next_to_the_management_port()
    {
        _app = AppProcess.Start(
            AppProcess.WebAppPath,
            [$"--Kestrel:Endpoints:App:Url=http://127.0.0.1:{_appPort}", $"--ClusterReady:ManagementPort={_managementPort}"]);
        await Net.WaitForStatusAsync(_managementPort, "/ready", HttpStatusCode.OK, StartTimeout, _app);

        Assert.Equal((HttpStatusCode.OK, "pong"), await Net.GetAsync(_appPort, "/ping"));
        Assert.DoesNotContain("not listening on the management port", _app.Output);
    }

    [Fact]
    public async Task A_failing_dependency_fails_readiness_only_without_naming_it_and_recovery_restores_it()
    {
        var downFile = Path.Combine(_scratch, "dependency-down");
        await StartAsync($"--TestApp:DependencyDownFile={downFile}");

        await File.WriteAllTextAsync(downFile, "down");
        await Net.WaitForStatusAsync(_managementPort, "/ready", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15), _app);

        var (status, body) = await Net.GetAsync(_managementPort, "/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await Net.GetAsync(_managementPort, "/live"));

        File.Delete(downFile);
        await Net.WaitForStatusAsync(_managementPort, "/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(15), _app);
    }

    [Fact]
    public async Task Details_appear_only_when_enabled()
    {
        var downFile = Path.Combine(_scratch, "dependency-down");
        await File.WriteAllTextAsync(downFile, "down");
        _app = AppProcess.Start(AppProcess.WebAppPath, [.. Arguments($"--TestApp:DependencyDownFile={downFile}"), "--ClusterReady:IncludeDetails=true"]);
        await Net.WaitForStatusAsync(_managementPort, "/live", HttpStatusCode.OK, StartTimeout, _app);
        await Net.WaitForStatusAsync(_managementPort, "/ready", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15), _app);

        var (_, body) = await Net.GetAsync(_managementPort, "/ready");
        Assert.StartsWith("Unhealthy", body);
        Assert.Contains("dependency: Unhealthy - dependency-down-description", body);
        Assert.Contains("dependency-exception-text", body);
    }

    [Fact]
    public async Task A_hanging_check_is_bounded_by_its_timeout_and_does_not_touch_liveness()
    {
        var hangFile = Path.Combine(_scratch, "hang");
        await File.WriteAllTextAsync(hangFile, "hang");
        _app = AppProcess.Start(AppProcess.WebAppPath, Arguments($"--TestApp:HangFile={hangFile}"));
        await Net.WaitForStatusAsync(_managementPort, "/live", HttpStatusCode.OK, StartTimeout, _app);
        await Net.WaitForStatusAsync(_managementPort, "/started", HttpStatusCode.OK, StartTimeout, _app);

        // Model: readiness timeoutSeconds 1, so checks get 0.8 s. Twenty concurrent probes share one evaluation.
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Net.GetAsync(_managementPort, "/ready")));
        var elapsed = clock.Elapsed;

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), a));
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"readiness took {elapsed} with a hanging check");
        Assert.Equal(HttpStatusCode.OK, (await Net.GetAsync(_managementPort, "/live")).Status);
        await _app.WaitForOutputAsync("did not complete within", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SIGTERM_with_50_slow_requests_in_flight_fails_readiness_first_serves_the_drain_and_exits_0_in_time()
    {
        const int Requests = 50;
        await StartAsync();

        var inFlight = Enumerable.Range(0, Requests).Select(async _ =>
        {
            // 5 s: they end inside the shutdown timeout, after the drain, and well after readiness fails even when
            // the 50 starts spread over a loaded machine's second or two.
            using var response = await Net.Client.GetAsync(Net.Url(_appPort, "/slow?ms=5000"));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), Done: Stopwatch.GetTimestamp());
        }).ToArray();
        var clock = Stopwatch.StartNew();
        while ((await Net.GetAsync(_appPort, "/slow-started")).Body != Requests.ToString())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the slow requests did not all start");
            await Task.Delay(20);
        }

        var sigterm = Stopwatch.GetTimestamp();
        _app!.Signal(Posix.SIGTERM);

        await Net.WaitForStatusAsync(_managementPort, "/ready", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(5), _app);
        var readinessFailed = Stopwatch.GetTimestamp();

        // The drain delay (2 s): new requests are still served and liveness still holds.
        Assert.Equal((HttpStatusCode.OK, "pong"), await Net.GetAsync(_appPort, "/ping"));
        Assert.Equal(HttpStatusCode.OK, (await Net.GetAsync(_managementPort, "/live")).Status);

        var results = await Task.WhenAll(inFlight);
        Assert.All(results, r => Assert.Equal((HttpStatusCode.OK, "done"), (r.StatusCode, r.Body)));
        Assert.True(readinessFailed < results.Min(r => r.Done), "readiness must fail before the in-flight requests finish");

        var exitCode = await _app.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var exitedAfter = Stopwatch.GetElapsedTime(sigterm);
        Assert.Equal(0, exitCode);
        // terminationGracePeriodSeconds = drain 2 + shutdown timeout 5 + margin 5.
        Assert.True(exitedAfter < TimeSpan.FromSeconds(12), $"exited {exitedAfter} after SIGTERM, past the grace period");

        var output = _app.Output;
        var drainStarted = output.IndexOf("SIGTERM received; readiness now failing; draining for 2 s", StringComparison.Ordinal);
        var drainElapsed = output.IndexOf("Drain delay elapsed; stopping", StringComparison.Ordinal);
        Assert.True(drainStarted >= 0 && drainElapsed > drainStarted, output);
    }

    [Fact]
    public async Task SIGINT_stops_without_the_drain_delay()
    {
        // 6 + 1 + the 5 s margin = the grace period of 12 s: an override that fits.
        await StartAsync("--ClusterReady:DrainDelay=00:00:06", "--ClusterReady:ShutdownTimeout=00:00:01");

        var clock = Stopwatch.StartNew();
        _app!.Signal(Posix.SIGINT);
        var exitCode = await _app.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), "SIGINT waited for the drain delay");
        Assert.Contains("SIGINT received; readiness now failing; stopping without drain delay", _app.Output);
    }

    [Fact]
    public async Task A_drain_delay_from_the_environment_past_the_grace_period_refuses_to_start_with_the_numbers()
    {
        // The pod's terminationGracePeriodSeconds is 2 + 5 + 5 = 12 s; a 60 s drain would be SIGKILLed halfway.
        _app = AppProcess.Start(AppProcess.WebAppPath, Arguments(), new Dictionary<string, string> { ["ClusterReady__DrainDelay"] = "00:01:00" });

        var exitCode = await _app.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(
            "ClusterReady:DrainDelay = 00:01:00 plus ClusterReady:ShutdownTimeout = 00:00:05 and the manifest's 5 s margin end 70 s after SIGTERM, "
            + "past terminationGracePeriodSeconds: 12 in the manifest of test-web",
            _app.Output);
    }

    [Fact]
    public async Task A_background_service_that_throws_stops_the_app_with_a_non_zero_exit_code()
    {
        // Not waiting for readiness: the service may fail before the first probe.
        _app = AppProcess.Start(AppProcess.WebAppPath, Arguments("--TestApp:CrashAfterMs=500"));

        var exitCode = await _app!.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("A background service failed; the process exits with code 1", _app.Output);
    }

    [Fact]
    public async Task Work_that_outlives_the_shutdown_timeout_is_logged_by_service_name()
    {
        await StartAsync("--TestApp:IgnoreStop=true", "--ClusterReady:DrainDelay=00:00:00", "--ClusterReady:ShutdownTimeout=00:00:01");

        _app!.Signal(Posix.SIGTERM);
        await _app.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(
            "Background service ClusterReady.Hosting.TestWebApp.StubbornService did not finish within the shutdown timeout of 1 s",
            _app.Output);
    }

    [Fact]
    public async Task A_rotated_secret_reloads_configuration_without_its_value_reaching_the_log()
    {
        var secrets = Directory.CreateDirectory(Path.Combine(_scratch, "secrets")).FullName;
        var first = "first-" + Guid.NewGuid().ToString("N");
        var second = "second-" + Guid.NewGuid().ToString("N");
        KubernetesSecretVolume.Write(secrets, "..2026_01_01_00_00_00.000000001", new() { ["ApiKey"] = first });

        await StartAsync($"--ClusterReady:SecretDirectories:0={secrets}");
        Assert.Equal(Sha256(first), (await Net.GetAsync(_appPort, "/secret-hash")).Body);

        KubernetesSecretVolume.Write(secrets, "..2026_01_02_00_00_00.000000001", new() { ["ApiKey"] = second });

        var clock = Stopwatch.StartNew();
        while ((await Net.GetAsync(_appPort, "/secret-hash")).Body != Sha256(second))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "the rotated secret was not reloaded. Output:\n" + _app!.Output);
            await Task.Delay(100);
        }

        Assert.Equal("Healthy", (await Net.GetAsync(_managementPort, "/ready")).Body);
        _app!.Signal(Posix.SIGTERM);
        await _app.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var output = _app.Output;
        Assert.Contains($"Secret files in {secrets} changed; configuration reloads", output);
        Assert.DoesNotContain(first, output);
        Assert.DoesNotContain(second, output);
    }

    private static string Sha256(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private string[] Arguments(params string[] extra) =>
        [$"--urls=http://127.0.0.1:{_appPort}", $"--ClusterReady:ManagementPort={_managementPort}", .. extra];

    private async Task StartAsync(params string[] extra)
    {
        _app = AppProcess.Start(AppProcess.WebAppPath, Arguments(extra));
        await Net.WaitForStatusAsync(_managementPort, "/ready", HttpStatusCode.OK, StartTimeout, _app);
    }
}
