using System.Diagnostics;
using System.Net;
using ClusterReady.Tests.Processes;
using Xunit;

namespace ClusterReady.Hosting.AspNetCore.Tests;

/// <summary>
/// Warm-up before ready in the web app: AddWarmupRequests sends real HTTP requests to the app's own endpoint (which
/// counts them), and a second task waits for a file the test creates, so the test sees the probes while the warm-up
/// runs. The model has the default startup probe (60 s budget, 3 s period), so a 57 s warm-up timeout.
/// </summary>
public sealed partial class WebAppTests
{
    private string GateFile => Path.Combine(_scratch, "gate");

    [Fact]
    public async Task Warm_up_requests_reach_the_apps_endpoint_over_loopback_before_readiness_and_startup_turn_200()
    {
        Start("--TestApp:WarmupPaths=/warm", "--TestApp:WarmupRepetitions=25", $"--TestApp:WarmupGateFile={GateFile}");
        await Net.WaitForStatusAsync(_managementPort, "/live", HttpStatusCode.OK, StartTimeout, _app);

        // The requests come first; the gate holds the warm-up open after them.
        await WaitForAsync(async () => (await Net.GetAsync(_appPort, "/warm-count")).Body == "25 25", "the 25 warm-up requests");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await Net.GetAsync(_managementPort, "/ready"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await Net.GetAsync(_managementPort, "/started"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await Net.GetAsync(_managementPort, "/live"));

        await File.WriteAllTextAsync(GateFile, "open");
        await Net.WaitForStatusAsync(_managementPort, "/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(15), _app);
        Assert.Equal(HttpStatusCode.OK, (await Net.GetAsync(_managementPort, "/started")).Status);

        // Every request was a warm-up request (loopback, its user agent), and none came after.
        Assert.Equal("25 25", (await Net.GetAsync(_appPort, "/warm-count")).Body);
        await _app!.WaitForOutputAsync("Warm-up finished: 2 task(s) in", TimeSpan.FromSeconds(5));
        Assert.Contains("Warm-up started: 2 task(s), timeout 57 s", _app.Output);
        Assert.DoesNotContain("Warm-up request GET", _app.Output);
    }

    [Fact]
    public async Task A_warm_up_request_path_that_does_not_answer_2xx_is_reported_once_and_the_app_still_turns_ready()
    {
        Start("--TestApp:WarmupPaths=/warm,/missing", "--TestApp:WarmupRepetitions=5");
        await Net.WaitForStatusAsync(_managementPort, "/ready", HttpStatusCode.OK, StartTimeout, _app);

        Assert.Equal("5 5", (await Net.GetAsync(_appPort, "/warm-count")).Body);
        await _app!.WaitForOutputAsync("Warm-up finished: 1 task(s)", TimeSpan.FromSeconds(5));
        var output = _app.Output;
        var warning = "Warm-up request GET /missing answered 404; it warms up the error path, not the endpoint";
        Assert.Contains(warning, output);
        Assert.Equal(output.IndexOf(warning, StringComparison.Ordinal), output.LastIndexOf(warning, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Warm_up_requests_go_to_the_app_port_when_Kestrel_lists_the_management_port_first()
    {
        // Configuration sorts the endpoints by name: ClusterReady's management endpoint comes before "Web".
        _app = AppProcess.Start(
            AppProcess.WebAppPath,
            [$"--Kestrel:Endpoints:Web:Url=http://127.0.0.1:{_appPort}", $"--ClusterReady:ManagementPort={_managementPort}", "--TestApp:WarmupPaths=/warm", "--TestApp:WarmupRepetitions=5"]);
        await Net.WaitForStatusAsync(_managementPort, "/ready", HttpStatusCode.OK, StartTimeout, _app);

        Assert.Equal("5 5", (await Net.GetAsync(_appPort, "/warm-count")).Body);
        Assert.DoesNotContain("Warm-up request GET", _app.Output);
    }

    [Fact]
    public async Task With_ClusterReady__WarmupEnabled_false_no_warm_up_request_is_sent_and_the_app_turns_ready_at_once()
    {
        // The gate is never opened: only skipping the warm-up lets readiness pass.
        Start(
            new Dictionary<string, string> { ["ClusterReady__WarmupEnabled"] = "false" },
            "--TestApp:WarmupPaths=/warm",
            $"--TestApp:WarmupGateFile={GateFile}");
        await Net.WaitForStatusAsync(_managementPort, "/ready", HttpStatusCode.OK, StartTimeout, _app);

        Assert.Equal(HttpStatusCode.OK, (await Net.GetAsync(_managementPort, "/started")).Status);
        Assert.Equal("0 0", (await Net.GetAsync(_appPort, "/warm-count")).Body);
        await _app!.WaitForOutputAsync("Warm-up disabled (ClusterReady:WarmupEnabled = false)", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_warm_up_that_outlasts_its_timeout_is_cut_off_with_a_warning_and_the_app_turns_ready()
    {
        Start("--ClusterReady:WarmupTimeout=00:00:02", $"--TestApp:WarmupGateFile={GateFile}");
        await Net.WaitForStatusAsync(_managementPort, "/live", HttpStatusCode.OK, StartTimeout, _app);
        var clock = Stopwatch.StartNew();
        await Net.WaitForStatusAsync(_managementPort, "/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(15), _app);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"ready {clock.Elapsed} after liveness with a 2 s warm-up timeout");
        Assert.Contains("Warm-up task test-gate did not finish within the warm-up timeout of 2 s (ClusterReady:WarmupTimeout); cancelled after", _app!.Output);
    }

    [Fact]
    public async Task SIGTERM_during_the_warm_up_cancels_it_and_the_app_drains_and_exits_0()
    {
        Start("--TestApp:WarmupPaths=/warm", $"--TestApp:WarmupGateFile={GateFile}");
        await Net.WaitForStatusAsync(_managementPort, "/live", HttpStatusCode.OK, StartTimeout, _app);
        // The requests are done; the gate task runs.
        await WaitForAsync(async () => (await Net.GetAsync(_appPort, "/warm-count")).Body == "10 10", "the 10 warm-up requests");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Net.GetAsync(_managementPort, "/ready")).Status);

        var sigterm = Stopwatch.StartNew();
        _app!.Signal(Posix.SIGTERM);
        await _app.WaitForOutputAsync("Warm-up cancelled by shutdown during test-gate", TimeSpan.FromSeconds(5));
        // The drain delay (2 s) as without warm-up: the app still serves, readiness fails.
        Assert.Equal((HttpStatusCode.OK, "pong"), await Net.GetAsync(_appPort, "/ping"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Net.GetAsync(_managementPort, "/ready")).Status);
        var exitCode = await _app.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.True(sigterm.Elapsed < TimeSpan.FromSeconds(12), $"exited {sigterm.Elapsed} after SIGTERM, past the grace period of 12 s");
        Assert.Contains("Drain delay elapsed; stopping", _app.Output);
    }

    [Fact]
    public async Task A_warm_up_timeout_longer_than_the_startup_probe_allows_refuses_to_start_with_the_numbers()
    {
        Start(new Dictionary<string, string> { ["ClusterReady__WarmupTimeout"] = "00:02:00" }, "--TestApp:WarmupPaths=/warm");

        var exitCode = await _app!.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(
            "ClusterReady:WarmupTimeout = 00:02:00 is longer than the startup probe allows: StartupBudgetSeconds 60 s in the manifest of test-web "
            + "less one period of 3 s, so the kubelet would restart the app while it warms up, before readiness turns 200. Lower it to at most 57 s, "
            + "or raise [StartupProbe] FailureThreshold and publish again.",
            _app.Output);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{what} did not happen within 30 s");
            await Task.Delay(50);
        }
    }

    private void Start(params string[] extra) => Start(null, extra);

    private void Start(IReadOnlyDictionary<string, string>? environment, params string[] extra) =>
        _app = AppProcess.Start(AppProcess.WebAppPath, Arguments(extra), environment);
}
