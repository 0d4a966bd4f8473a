using System.Net;
using ClusterReady.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ClusterReady.EndToEnd.Tests;

/// <summary>
/// The whole path for real: the packaged app's generated Dockerfile built by podman, its generated Deployment run by
/// 'podman kube play', probed and used over loopback, then stopped with SIGTERM and the grace period the manifest
/// computed. podman 4.3 neither runs probes nor honours the grace period on 'kube down' (eng/podman/README.md), so
/// the test polls the probe endpoints itself and stops the app container with 'podman stop -t grace' before 'kube down'.
/// </summary>
[Collection(DotnetCollection.Name)]
[Trait("Category", "Podman")]
public sealed class PodmanTests(PackagedApps apps, ITestOutputHelper output)
{
    private static HttpClient Http => RunningPod.Http;

    [SkippableFact]
    public async Task Web_app_runs_in_a_pod_serves_requests_and_shuts_down_without_dropping_one()
    {
        Podman.Require();
        var publish = apps.Publish("web", "ShopApi");
        await using var pod = await RunningPod.BuildAndStartAsync(new DeployFolder(publish, "ShopApi"), output);

        var app = pod.Url("http");
        var management = pod.Url("management");
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(management + "/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(management + "/healthz/startup")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(app + "/healthz/ready")).StatusCode);

        // [LatencyProfile] with CpuLimit "1" and MemoryLimit "256Mi": the runtime in the pod runs on one processor, with
        // workstation GC and a heap limit of 75% of the memory limit, as the manifest's environment says.
        Assert.Equal($"1 False {256L * 1024 * 1024 * 3 / 4} c000000", await Http.GetStringAsync(app + "/runtime"));

        var served = 0;
        for (var i = 0; i < 100; i++)
        {
            var response = await Http.GetAsync(app + "/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            served++;
        }

        // SIGTERM with slow requests in flight: readiness fails first, the app keeps serving through the drain, the
        // in-flight requests finish, and the process exits 0 within the grace period.
        var inFlight = Enumerable.Range(0, 20).Select(_ => Http.GetAsync(app + "/slow")).ToList();
        await Task.Delay(200);
        var stop = pod.StopAsync();
        var readinessFailedAt = await RunningPod.WaitForStatusAsync(management + "/healthz/ready", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(management + "/healthz/live")).StatusCode);
        var duringDrain = await Http.GetAsync(app + "/");
        Assert.Equal(HttpStatusCode.OK, duringDrain.StatusCode);

        var results = await Task.WhenAll(inFlight);
        var failed = results.Count(r => r.StatusCode != HttpStatusCode.OK);
        var (exitCode, logs, stopTime) = await stop;

        output.WriteLine($"requests served: {served + results.Length + 1}; failed during stop: {failed}; " +
            $"SIGTERM -> readiness 503: {readinessFailedAt.TotalMilliseconds:F0} ms; stop took {stopTime.TotalSeconds:F1} s");
        Assert.Equal(0, failed);
        Assert.Equal(0, exitCode);
        Assert.True(stopTime < TimeSpan.FromSeconds(pod.GracePeriodSeconds), $"stop took {stopTime} (grace {pod.GracePeriodSeconds} s)");
        // The warm-up the app registers (AddWarmupRequests("/")) ran in the pod before readiness passed.
        AssertInOrder(logs, "Warm-up started: 1 task(s)", "Warm-up finished: 1 task(s)", "SIGTERM received; readiness now failing", "Drain delay elapsed; stopping");
    }

    [SkippableFact]
    public async Task Worker_runs_in_a_pod_and_stops_gracefully_on_sigterm()
    {
        Podman.Require();
        var publish = apps.Publish("worker", "ShopWorker");
        await using var pod = await RunningPod.BuildAndStartAsync(new DeployFolder(publish, "ShopWorker"), output);

        var management = pod.Url("management");
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(management + "/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(management + "/healthz/startup")).StatusCode);

        // The template's worker logs from ExecuteAsync, which the host runs on the thread pool: readiness can answer
        // 200 before that first line, so the signal waits for it (the worker is to be stopped while it works).
        await pod.WaitForLogAsync("Worker running at", TimeSpan.FromSeconds(10));
        var stop = pod.StopAsync();
        var readinessFailedAt = await RunningPod.WaitForStatusAsync(management + "/healthz/ready", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10));
        var (exitCode, logs, stopTime) = await stop;

        output.WriteLine($"SIGTERM -> readiness 503: {readinessFailedAt.TotalMilliseconds:F0} ms; stop took {stopTime.TotalSeconds:F1} s");
        Assert.Equal(0, exitCode);
        Assert.True(stopTime < TimeSpan.FromSeconds(pod.GracePeriodSeconds), $"stop took {stopTime} (grace {pod.GracePeriodSeconds} s)");
        AssertInOrder(logs, "Worker running at", "SIGTERM received; readiness now failing", "Drain delay elapsed; stopping");
    }

    private static void AssertInOrder(string logs, params string[] lines)
    {
        var at = -1;
        foreach (var line in lines)
        {
            var next = logs.IndexOf(line, at + 1, StringComparison.Ordinal);
            Assert.True(next > at, $"expected '{line}' after the previous lines in the logs:\n{logs}");
            at = next;
        }
    }
}
