using System.Diagnostics;
using System.Net;
using ClusterReady.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ClusterReady.EndToEnd.Tests;

/// <summary>
/// The generated Compose file run for real: a sample published as a user publishes it, its deploy/compose.yaml
/// started by docker-compose on a docker engine of the test's own, healthy through the shipped probe (docker runs the
/// healthcheck on its own timer), serving, stopped with SIGTERM and the pod's grace period with no failed request in
/// flight and exit code 0, then removed.
/// </summary>
[Collection(DotnetCollection.Name)]
[Trait("Category", "Slow")]
[Trait("Category", "Docker")]
public sealed class ComposeRunTests(DockerEngine docker, ITestOutputHelper output) : IClassFixture<DockerEngine>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [SkippableFact]
    public async Task Web_sample_comes_up_healthy_serves_and_stops_without_a_failed_request()
    {
        docker.Require();
        using var publish = new TempDirectory("compose-web");
        var deploy = PublishSample("OrdersApi", publish);
        // The local secrets folder as the README says to fill it: one folder per secret, one file per key, readable by
        // the app's user. Test values only.
        WriteLocalFile(deploy, "secrets/orders-signing-key/signing-key", "test-signing-key");
        Directory.CreateDirectory(Path.Combine(deploy, "configmaps", "orders-features"));
        var port = Podman.FreeLoopbackPort();
        var variables = new Dictionary<string, string>
        {
            ["ORDERS_API_HTTP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConnectionStrings__Orders"] = "Host=orders-db;Database=orders",
        };

        await using var project = await ComposeProject.UpAsync(docker, deploy, "orders-api", variables, output);
        var app = $"http://127.0.0.1:{port}";
        var served = 0;
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(app + "/orders")).StatusCode);
            served++;
        }

        // Clients keep sending while the container gets SIGTERM: the app keeps serving for its drain delay (5 s), so
        // every request sent in the first second after the signal, and every one in flight, must succeed.
        using var sending = new CancellationTokenSource();
        var stopRequested = new TaskCompletionSource();
        var failures = 0;
        var duringStop = 0;
        var clients = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!sending.IsCancellationRequested)
            {
                var afterSignal = stopRequested.Task.IsCompleted;
                try
                {
                    var response = await Http.GetAsync(app + "/orders");
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }

                Interlocked.Increment(ref afterSignal ? ref duringStop : ref served);
            }
        })).ToList();
        await Task.Delay(500);
        var stop = project.StopAsync();
        stopRequested.SetResult();
        await Task.Delay(1000);
        await sending.CancelAsync();
        await Task.WhenAll(clients);
        var (exitCode, stopTime) = await stop;

        output.WriteLine($"up -> healthy: {project.TimeToHealthy.TotalSeconds:F1} s; requests served: {served + duringStop} " +
            $"({duringStop} after SIGTERM); failed during stop: {failures}; stop took {stopTime.TotalSeconds:F1} s; exit code {exitCode}");
        Assert.Equal(0, failures);
        Assert.True(duringStop > 0, "no request was sent during the stop");
        Assert.Equal(0, exitCode);
        Assert.True(stopTime < TimeSpan.FromSeconds(30), $"stop took {stopTime} (grace period 30 s)");
    }

    [SkippableFact]
    public async Task Worker_sample_comes_up_healthy_and_stops_with_exit_code_0()
    {
        docker.Require();
        using var publish = new TempDirectory("compose-worker");
        var deploy = PublishSample("InventoryWorker", publish);
        var variables = new Dictionary<string, string> { ["Inventory__QueuePassword"] = "test-only" };

        await using var project = await ComposeProject.UpAsync(docker, deploy, "inventory-worker", variables, output);
        await Task.Delay(1000);
        var (exitCode, stopTime) = await project.StopAsync();

        output.WriteLine($"up -> healthy: {project.TimeToHealthy.TotalSeconds:F1} s; stop took {stopTime.TotalSeconds:F1} s; exit code {exitCode}");
        Assert.Equal(0, exitCode);
        Assert.Contains("Restock worker stopped after", project.Logs(), StringComparison.Ordinal);
    }

    /// <summary>Publishes a sample as the README says; returns its deploy folder.</summary>
    private static string PublishSample(string sample, TempDirectory folder)
    {
        var publish = folder.Path("publish");
        Command.Run("dotnet", ["publish", Repository.Path("samples", sample, $"{sample}.csproj"), "-c", Repository.Configuration, "-o", publish])
            .EnsureSuccess($"dotnet publish {sample}");
        Assert.True(File.Exists(Path.Combine(publish, "clusterready-probe")), "publish did not copy clusterready-probe");
        return Path.Combine(publish, "deploy");
    }

    private static void WriteLocalFile(string deploy, string relativePath, string content)
    {
        var path = Path.Combine(deploy, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    /// <summary>One 'docker-compose up' of a deploy folder, under a project name of its own; 'down' on dispose.</summary>
    private sealed class ComposeProject : IAsyncDisposable
    {
        private readonly DockerEngine _docker;
        private readonly string _deploy;
        private readonly string _name = $"crtest{Guid.NewGuid():N}"[..16];
        private readonly IDictionary<string, string> _variables;
        private string _container = "";

        private ComposeProject(DockerEngine docker, string deploy, IDictionary<string, string> variables)
        {
            _docker = docker;
            _deploy = deploy;
            _variables = variables;
        }

        public TimeSpan TimeToHealthy { get; private set; }

        public static async Task<ComposeProject> UpAsync(DockerEngine docker, string deploy, string service, IDictionary<string, string> variables, ITestOutputHelper output)
        {
            var project = new ComposeProject(docker, deploy, variables);
            // Built first, so the time to healthy is the start of the container, not the image build.
            project.Compose("build").EnsureSuccess("docker-compose build");
            var clock = Stopwatch.StartNew();
            project.Compose("up", "-d").EnsureSuccess("docker-compose up");
            project._container = project.Compose("ps", "-q", service).EnsureSuccess("docker-compose ps").Output.Trim().Split('\n')[^1];
            string status;
            do
            {
                status = docker.Docker("inspect", "--format", "{{.State.Health.Status}}", project._container).Output.Trim();
                if (status == "healthy")
                {
                    break;
                }

                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"not healthy after {clock.Elapsed}: {status}\n{project.Logs()}");
                await Task.Delay(100);
            }
            while (true);

            project.TimeToHealthy = clock.Elapsed;
            output.WriteLine($"{service}: healthy {clock.Elapsed.TotalSeconds:F1} s after 'docker-compose up'");
            return project;
        }

        /// <summary>'docker-compose stop' (SIGTERM, then the stop_grace_period); the exit code and how long it took.</summary>
        public Task<(int ExitCode, TimeSpan Took)> StopAsync() => Task.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            Compose("stop").EnsureSuccess("docker-compose stop");
            var took = clock.Elapsed;
            var exitCode = int.Parse(_docker.Docker("inspect", "--format", "{{.State.ExitCode}}", _container).Output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
            return (exitCode, took);
        });

        public string Logs() => _docker.Docker("logs", _container).Output;

        public ValueTask DisposeAsync()
        {
            Compose("down", "--rmi", "local", "--volumes");
            return ValueTask.CompletedTask;
        }

        private Command.Result Compose(params string[] arguments) =>
            _docker.Compose(_deploy, _variables, ["-p", _name, .. arguments]);
    }
}
