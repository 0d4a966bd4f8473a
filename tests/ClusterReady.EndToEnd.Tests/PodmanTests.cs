using System.Diagnostics;
using System.Net;
using ClusterReady.EndToEnd.Tests.Infrastructure;
using k8s;
using k8s.Models;
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
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [SkippableFact]
    public async Task Web_app_runs_in_a_pod_serves_requests_and_shuts_down_without_dropping_one()
    {
        Podman.Require();
        var publish = apps.Publish("web", "ShopApi");
        await using var pod = await RunningPod.StartAsync(new DeployFolder(publish, "ShopApi"), output);

        var app = pod.Url("http");
        var management = pod.Url("management");
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(management + "/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(management + "/healthz/startup")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(app + "/healthz/ready")).StatusCode);

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
        var readinessFailedAt = await WaitForStatusAsync(management + "/healthz/ready", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10));
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
        AssertInOrder(logs, "SIGTERM received; readiness now failing", "Drain delay elapsed; stopping");
    }

    [SkippableFact]
    public async Task Worker_runs_in_a_pod_and_stops_gracefully_on_sigterm()
    {
        Podman.Require();
        var publish = apps.Publish("worker", "ShopWorker");
        await using var pod = await RunningPod.StartAsync(new DeployFolder(publish, "ShopWorker"), output);

        var management = pod.Url("management");
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(management + "/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(management + "/healthz/startup")).StatusCode);

        // The template's worker logs from ExecuteAsync, which the host runs on the thread pool: readiness can answer
        // 200 before that first line, so the signal waits for it (the worker is to be stopped while it works).
        await pod.WaitForLogAsync("Worker running at", TimeSpan.FromSeconds(10));
        var stop = pod.StopAsync();
        var readinessFailedAt = await WaitForStatusAsync(management + "/healthz/ready", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10));
        var (exitCode, logs, stopTime) = await stop;

        output.WriteLine($"SIGTERM -> readiness 503: {readinessFailedAt.TotalMilliseconds:F0} ms; stop took {stopTime.TotalSeconds:F1} s");
        Assert.Equal(0, exitCode);
        Assert.True(stopTime < TimeSpan.FromSeconds(pod.GracePeriodSeconds), $"stop took {stopTime} (grace {pod.GracePeriodSeconds} s)");
        AssertInOrder(logs, "Worker running at", "SIGTERM received; readiness now failing", "Drain delay elapsed; stopping");
    }

    private static async Task<TimeSpan> WaitForStatusAsync(string url, HttpStatusCode status, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            try
            {
                if ((await Http.GetAsync(url)).StatusCode == status)
                {
                    return watch.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{url} did not answer {(int)status} within {timeout}");
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

    /// <summary>One replica of the generated Deployment under 'podman kube play', reachable on loopback.</summary>
    private sealed class RunningPod : IAsyncDisposable
    {
        private readonly string _yaml;
        private readonly string _podName;
        private readonly string _containerName;
        private readonly Dictionary<string, int> _hostPorts;
        private readonly TempDirectory _temp;

        private RunningPod(TempDirectory temp, string yaml, V1Deployment deployment, Dictionary<string, int> hostPorts)
        {
            _temp = temp;
            _yaml = yaml;
            _hostPorts = hostPorts;
            _podName = deployment.Metadata.Name + "-pod-0";
            _containerName = _podName + "-" + deployment.Spec.Template.Spec.Containers[0].Name;
            GracePeriodSeconds = (int)deployment.Spec.Template.Spec.TerminationGracePeriodSeconds!;
        }

        public int GracePeriodSeconds { get; }

        public string Url(string portName) => $"http://127.0.0.1:{_hostPorts[portName]}";

        public static async Task<RunningPod> StartAsync(DeployFolder deploy, ITestOutputHelper output)
        {
            var deployment = deploy.Deployment;
            var container = deployment.Spec.Template.Spec.Containers.Single();

            // The generated Dockerfile, built as a user would, under the image name the manifest deploys.
            Podman.Run("build", "--pull=never", "-t", container.Image, "-f", Path.Combine(deploy.Root, "Dockerfile"), deploy.PublishDirectory)
                .EnsureSuccess("podman build");

            // The generated Deployment, with only what a local run needs changed: one replica, the local image, and
            // each container port on a free loopback host port (podman publishes container ports on the host).
            deployment.Spec.Replicas = 1;
            container.ImagePullPolicy = "Never";
            var hostPorts = new Dictionary<string, int>();
            foreach (var port in container.Ports)
            {
                port.HostPort = Podman.FreeLoopbackPort();
                port.HostIP = "127.0.0.1";
                hostPorts[port.Name] = port.HostPort.Value;
            }

            var temp = new TempDirectory("podman");
            var yaml = temp.Path("deployment.yaml");
            await File.WriteAllTextAsync(yaml, KubernetesYaml.Serialize(deployment));
            var pod = new RunningPod(temp, yaml, deployment, hostPorts);
            Podman.Run("pod", "rm", "-f", pod._podName);

            var watch = Stopwatch.StartNew();
            Podman.Run("kube", "play", yaml).EnsureSuccess("podman kube play");

            // podman 4.3 does not run readiness probes: poll the path the manifest probes, on the port it names.
            var readiness = container.ReadinessProbe.HttpGet;
            var ready = await WaitForStatusAsync($"{pod.Url(readiness.Port.Value)}{readiness.Path}", HttpStatusCode.OK, TimeSpan.FromSeconds(60));
            output.WriteLine($"{deployment.Metadata.Name}: kube play -> ready in {watch.Elapsed.TotalMilliseconds:F0} ms (ready poll {ready.TotalMilliseconds:F0} ms)");
            return pod;
        }

        /// <summary>Waits until the app container's log contains <paramref name="text"/>.</summary>
        public async Task WaitForLogAsync(string text, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            while (!Podman.Run("logs", _containerName).Output.Contains(text, StringComparison.Ordinal))
            {
                if (watch.Elapsed > timeout)
                {
                    throw new TimeoutException($"'{text}' did not appear in the logs of {_containerName} within {timeout}");
                }

                await Task.Delay(50);
            }
        }

        /// <summary>SIGTERM, waiting up to the manifest's grace period; returns exit code, logs and how long it took.</summary>
        public Task<(int ExitCode, string Logs, TimeSpan Took)> StopAsync() => Task.Run(() =>
        {
            var watch = Stopwatch.StartNew();
            // The app container, not the pod: 'pod stop' stops the infra container at once, which takes the pod's
            // port forwarding down while the app is still draining. The kubelet keeps the pause container until the
            // app containers have exited; stopping the container is the same.
            Podman.Run("stop", "-t", GracePeriodSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), _containerName)
                .EnsureSuccess("podman stop");
            var took = watch.Elapsed;
            var exit = Podman.Run("inspect", _containerName, "--format", "{{.State.ExitCode}}").EnsureSuccess("podman inspect");
            var logs = Podman.Run("logs", _containerName).Output;
            // stderr of podman 4.3 carries syslog noise: the exit code is the one all-digits line.
            var code = exit.Output.Split('\n').Select(l => l.Trim()).Last(l => l.Length > 0 && l.All(char.IsAsciiDigit));
            return (int.Parse(code, System.Globalization.CultureInfo.InvariantCulture), logs, took);
        });

        public ValueTask DisposeAsync()
        {
            Podman.Run("kube", "down", _yaml);
            _temp.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
