using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace ClusterReady.EndToEnd.Tests.Infrastructure;

/// <summary>One replica of the generated Deployment under 'podman kube play', reachable on loopback.</summary>
internal sealed class RunningPod : IAsyncDisposable
{
    public static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

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

    /// <summary>The generated Dockerfile, built as a user would under the image name the manifest deploys, then <see cref="StartAsync"/>.</summary>
    public static Task<RunningPod> BuildAndStartAsync(DeployFolder deploy, ITestOutputHelper output)
    {
        var deployment = deploy.Deployment;
        Podman.Run("build", "--pull=never", "-t", deployment.Spec.Template.Spec.Containers.Single().Image, "-f", Path.Combine(deploy.Root, "Dockerfile"), deploy.PublishDirectory)
            .EnsureSuccess("podman build");
        return StartAsync(deployment, output, "Never");
    }

    /// <summary>
    /// Plays <paramref name="deployment"/> with only what a local run needs changed: one replica, the image pull policy,
    /// and each container port on a free loopback host port (podman publishes container ports on the host); returns
    /// once the readiness probe's path answers 200.
    /// </summary>
    public static async Task<RunningPod> StartAsync(V1Deployment deployment, ITestOutputHelper output, string imagePullPolicy, params string[] playArguments)
    {
        var container = deployment.Spec.Template.Spec.Containers.Single();
        deployment.Spec.Replicas = 1;
        container.ImagePullPolicy = imagePullPolicy;
        var hostPorts = new Dictionary<string, int>();
        foreach (var port in container.Ports)
        {
            port.HostPort = FreePort.Next();
            port.HostIP = "127.0.0.1";
            hostPorts[port.Name] = port.HostPort.Value;
        }

        var temp = new TempDirectory("podman");
        var yaml = temp.Path("deployment.yaml");
        await File.WriteAllTextAsync(yaml, KubernetesYaml.Serialize(deployment));
        var pod = new RunningPod(temp, yaml, deployment, hostPorts);
        Podman.Run("pod", "rm", "-f", pod._podName);

        var watch = Stopwatch.StartNew();
        Podman.Run(["kube", "play", .. playArguments, yaml]).EnsureSuccess("podman kube play");

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
        // stderr of podman 4.3 carries syslog noise: the exit code is stdout's one all-digits line.
        var code = exit.StandardOutput.Split('\n').Select(l => l.Trim()).Last(l => l.Length > 0 && l.All(char.IsAsciiDigit));
        return (int.Parse(code, System.Globalization.CultureInfo.InvariantCulture), logs, took);
    });

    public ValueTask DisposeAsync()
    {
        Podman.Run("kube", "down", _yaml);
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Polls <paramref name="url"/> until it answers <paramref name="status"/>; returns how long that took.</summary>
    public static async Task<TimeSpan> WaitForStatusAsync(string url, HttpStatusCode status, TimeSpan timeout)
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
}
