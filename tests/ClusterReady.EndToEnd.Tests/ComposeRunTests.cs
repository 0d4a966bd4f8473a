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
        var (port, variables) = PrepareOrdersApi(deploy);

        await using var project = await ComposeProject.UpAsync(docker, deploy, ["orders-api"], variables, output);
        await ServeThroughStopAsync(project, $"http://127.0.0.1:{port}", "orders-api");
    }

    [SkippableFact]
    public async Task Worker_sample_comes_up_healthy_and_stops_with_exit_code_0()
    {
        docker.Require();
        using var publish = new TempDirectory("compose-worker");
        var deploy = PublishSample("InventoryWorker", publish);
        var variables = new Dictionary<string, string> { ["Inventory__QueuePassword"] = "test-only" };

        await using var project = await ComposeProject.UpAsync(docker, deploy, ["inventory-worker"], variables, output);
        await Task.Delay(1000);
        var (exitCodes, stopTime) = await project.StopAsync();

        output.WriteLine($"up -> healthy: {project.TimeToHealthy.TotalSeconds:F1} s; stop took {stopTime.TotalSeconds:F1} s; exit code {exitCodes["inventory-worker"]}");
        Assert.Equal(0, exitCodes["inventory-worker"]);
        Assert.Contains("Restock worker stopped after", project.Logs("inventory-worker"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Composition_starts_both_samples_with_one_command_the_web_app_after_the_worker_is_healthy()
    {
        docker.Require();
        using var publish = new TempDirectory("compose-shop");
        // The composition as the README says: one publish, one folder, one compose.yaml for both services.
        var shop = publish.Path("Shop");
        ExternalProcess.Run("dotnet", ["publish", Repository.Path("samples", "Shop", "Shop.csproj"), "-c", Repository.Configuration, "-o", shop])
            .EnsureSuccess("dotnet publish Shop");
        Assert.True(File.Exists(Path.Combine(shop, "InventoryWorker", "clusterready-probe")), "the worker's publish folder has no clusterready-probe");
        var (port, variables) = PrepareOrdersApi(shop);
        variables["Inventory__QueuePassword"] = "test-only";

        await using var project = await ComposeProject.UpAsync(docker, shop, ["inventory-worker", "orders-api"], variables, output);

        // Compose started orders-api only once inventory-worker's healthcheck had passed ('up -d' waits for it).
        var workerHealthy = project.FirstHealthyCheckEnd("inventory-worker");
        var ordersStarted = project.StartedAt("orders-api");
        output.WriteLine($"after 'docker-compose up -d': inventory-worker healthy {(workerHealthy - project.UpAt).TotalSeconds:F1} s, " +
            $"orders-api started {(ordersStarted - project.UpAt).TotalSeconds:F1} s, healthy {(project.FirstHealthyCheckEnd("orders-api") - project.UpAt).TotalSeconds:F1} s " +
            $"(both seen healthy {project.TimeToHealthy.TotalSeconds:F1} s)");
        Assert.True(ordersStarted >= workerHealthy, $"orders-api started at {ordersStarted:O}, before inventory-worker was healthy at {workerHealthy:O}");

        await ServeThroughStopAsync(project, $"http://127.0.0.1:{port}", "orders-api");
        Assert.Contains("Restock worker stopped after", project.Logs("inventory-worker"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Requests to <paramref name="app"/>'s /orders, then clients sending while the project stops: every request sent in
    /// the first second after SIGTERM, and every one in flight, must succeed; <paramref name="service"/> exits with 0
    /// within its grace period. The project's other services (stopped after it) exit with 0 too.
    /// </summary>
    private async Task ServeThroughStopAsync(ComposeProject project, string app, string service)
    {
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
        var (exitCodes, stopTime) = await stop;

        output.WriteLine($"up -> healthy: {project.TimeToHealthy.TotalSeconds:F1} s; requests served: {served + duringStop} " +
            $"({duringStop} after SIGTERM); failed during stop: {failures}; stop took {stopTime.TotalSeconds:F1} s; " +
            $"exit codes {string.Join(", ", exitCodes.Select(e => $"{e.Key} {e.Value}"))}");
        Assert.Equal(0, failures);
        Assert.True(duringStop > 0, "no request was sent during the stop");
        Assert.Equal(0, exitCodes[service]);
        Assert.All(exitCodes, e => Assert.True(e.Value == 0, $"{e.Key} exited with {e.Value}"));
        Assert.True(stopTime < TimeSpan.FromSeconds(30 * exitCodes.Count), $"stop took {stopTime} (grace period 30 s a service)");
    }

    /// <summary>Publishes a sample as the README says; returns its deploy folder.</summary>
    private static string PublishSample(string sample, TempDirectory folder)
    {
        var publish = folder.Path("publish");
        ExternalProcess.Run("dotnet", ["publish", Repository.Path("samples", sample, $"{sample}.csproj"), "-c", Repository.Configuration, "-o", publish])
            .EnsureSuccess($"dotnet publish {sample}");
        Assert.True(File.Exists(Path.Combine(publish, "clusterready-probe")), "publish did not copy clusterready-probe");
        return Path.Combine(publish, "deploy");
    }

    /// <summary>
    /// What orders-api needs from the folder of its Compose file and from the shell, as the README says: the local
    /// secrets folder (one folder per secret, one file per key, readable by the app's user), the ConfigMap's folder,
    /// its secret variable and a free host port. Test values only.
    /// </summary>
    private static (int Port, Dictionary<string, string> Variables) PrepareOrdersApi(string folder)
    {
        WriteLocalFile(folder, "secrets/orders-signing-key/signing-key", "test-signing-key");
        Directory.CreateDirectory(Path.Combine(folder, "configmaps", "orders-features"));
        var port = FreePort.Next();
        return (port, new Dictionary<string, string>
        {
            ["ORDERS_API_HTTP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConnectionStrings__Orders"] = "Host=orders-db;Database=orders",
        });
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

    /// <summary>One 'docker-compose up' of a folder's compose.yaml, under a project name of its own; 'down' on dispose.</summary>
    private sealed class ComposeProject : IAsyncDisposable
    {
        private readonly DockerEngine _docker;
        private readonly string _folder;
        private readonly string _name = $"crtest{Guid.NewGuid():N}"[..16];
        private readonly IDictionary<string, string> _variables;
        private readonly Dictionary<string, string> _containers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DateTimeOffset> _firstHealthy = new(StringComparer.Ordinal);

        private ComposeProject(DockerEngine docker, string folder, IDictionary<string, string> variables)
        {
            _docker = docker;
            _folder = folder;
            _variables = variables;
        }

        /// <summary>When 'docker-compose up -d' was run.</summary>
        public DateTimeOffset UpAt { get; private set; }

        /// <summary>From 'docker-compose up -d' to the last of the services seen healthy.</summary>
        public TimeSpan TimeToHealthy { get; private set; }

        public static async Task<ComposeProject> UpAsync(
            DockerEngine docker, string folder, IReadOnlyList<string> services, IDictionary<string, string> variables, ITestOutputHelper output)
        {
            var project = new ComposeProject(docker, folder, variables);
            // Built first, so the time to healthy is the start of the containers, not the image build.
            project.Compose("build").EnsureSuccess("docker-compose build");
            var clock = Stopwatch.StartNew();
            project.UpAt = DateTimeOffset.UtcNow;
            project.Compose("up", "-d").EnsureSuccess("docker-compose up");
            foreach (var service in services)
            {
                var id = project.Compose("ps", "-q", service).EnsureSuccess("docker-compose ps").StandardOutput.Trim();
                Assert.True(System.Text.RegularExpressions.Regex.IsMatch(id, "^[0-9a-f]{12,64}$"), $"'docker-compose ps -q {service}' named no one container: '{id}'");
                project._containers[service] = id;
            }

            var waiting = new List<string>(services);
            while (waiting.Count > 0)
            {
                foreach (var service in waiting.ToList())
                {
                    if (project.Inspect(service, "{{.State.Health.Status}}") == "healthy")
                    {
                        // Read now: docker keeps a container's last five checks, and the first pass must be among them.
                        project._firstHealthy[service] = project.ReadFirstHealthyCheckEnd(service);
                        waiting.Remove(service);
                        output.WriteLine($"{service}: seen healthy {clock.Elapsed.TotalSeconds:F1} s after 'docker-compose up'");
                    }
                }

                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(180), $"not healthy after {clock.Elapsed}: {string.Join(", ", waiting)}\n{string.Concat(waiting.Select(project.Logs))}");
                if (waiting.Count > 0)
                {
                    await Task.Delay(100);
                }
            }

            project.TimeToHealthy = clock.Elapsed;
            return project;
        }

        /// <summary>'docker-compose stop' (SIGTERM, then the stop_grace_period): each service's exit code, and how long it took.</summary>
        public Task<(IReadOnlyDictionary<string, int> ExitCodes, TimeSpan Took)> StopAsync() => Task.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            Compose("stop").EnsureSuccess("docker-compose stop");
            var took = clock.Elapsed;
            IReadOnlyDictionary<string, int> exitCodes = _containers.ToDictionary(
                c => c.Key,
                c => int.Parse(Inspect(c.Key, "{{.State.ExitCode}}"), System.Globalization.CultureInfo.InvariantCulture),
                StringComparer.Ordinal);
            return (exitCodes, took);
        });

        public string Logs(string service) => _docker.Docker("logs", _containers[service]).Output;

        public DateTimeOffset StartedAt(string service) => Time(Inspect(service, "{{.State.StartedAt}}"));

        /// <summary>When the first passing healthcheck of <paramref name="service"/> ended, as read when it was first seen healthy.</summary>
        public DateTimeOffset FirstHealthyCheckEnd(string service) => _firstHealthy[service];

        /// <summary>The earliest passing healthcheck's end in docker's log of <paramref name="service"/> (it keeps the last five).</summary>
        private DateTimeOffset ReadFirstHealthyCheckEnd(string service) =>
            Inspect(service, "{{range .State.Health.Log}}{{.ExitCode}} {{.End.Format \"2006-01-02T15:04:05.999999999Z07:00\"}}\n{{end}}")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(line => line.StartsWith("0 ", StringComparison.Ordinal))
                .Select(line => Time(line[2..]))
                .Min();

        /// <summary>docker's RFC 3339 time with nanoseconds, to the 100 ns .NET keeps.</summary>
        private static DateTimeOffset Time(string rfc3339) => DateTimeOffset.Parse(
            System.Text.RegularExpressions.Regex.Replace(rfc3339.Trim(), @"(\.\d{7})\d+", "$1"), System.Globalization.CultureInfo.InvariantCulture);

        public ValueTask DisposeAsync()
        {
            Compose("down", "--rmi", "local", "--volumes");
            return ValueTask.CompletedTask;
        }

        private string Inspect(string service, string format) => _docker.Docker("inspect", "--format", format, _containers[service]).StandardOutput.Trim();

        private ProcessResult Compose(params string[] arguments) =>
            _docker.Compose(_folder, _variables, ["-p", _name, .. arguments]);
    }
}
