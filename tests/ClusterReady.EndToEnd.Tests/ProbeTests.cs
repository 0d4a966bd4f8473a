using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using ClusterReady.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ClusterReady.EndToEnd.Tests;

/// <summary>
/// clusterready-probe, compiled Native AOT as the package ships it, against a loopback server: exit 0 for 200-399 as a
/// Kubernetes HTTP probe counts it, 1 for any other status, a refused connection or no answer in time, 2 for a target
/// that is not 127.0.0.1; and cheap (the Compose healthcheck runs it every readiness period).
/// </summary>
[Collection(DotnetCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ProbeTests(ITestOutputHelper output)
{
    private static readonly Lazy<string> Probe = new(PublishProbe);

    [SkippableFact]
    public async Task The_probe_exit_code_follows_the_status_code()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "the probe is built for Linux containers");
        using var server = new StatusServer();
        var url = $"http://127.0.0.1:{server.Port}";

        Assert.Equal(0, await RunAsync($"{url}/status/200"));
        Assert.Equal(0, await RunAsync($"{url}/status/302"));
        Assert.Equal(1, await RunAsync($"{url}/status/503"));
        Assert.Equal(1, await RunAsync($"{url}/status/404"));
        Assert.Equal(1, await RunAsync($"{url}/silent", "1s"));
        Assert.Equal(1, await RunAsync($"http://127.0.0.1:{FreePort.Next()}/"));
        Assert.Equal(2, await RunAsync("http://10.0.0.1:8080/healthz/ready"));
        Assert.Equal(2, await RunAsync("https://127.0.0.1:8080/healthz/ready"));
        Assert.Equal(["/status/200", "/status/302", "/status/503", "/status/404", "/silent"], server.Paths);
    }

    [SkippableFact]
    public async Task A_check_costs_milliseconds_of_cpu()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "the probe is built for Linux containers");
        using var server = new StatusServer();
        const int Runs = 20;
        // bash's 'times' reports the CPU its children used (their rusage), which ends with them, so it is read there.
        var script = $"for i in $(seq {Runs}); do '{Probe.Value}' http://127.0.0.1:{server.Port}/status/200 || exit 1; done; times";
        var result = await Task.Run(() => ExternalProcess.Run("bash", ["-c", script]).EnsureSuccess("the probe loop"));
        // The second line of 'times': the children's user and system time, e.g. "0m0.052s 0m0.031s".
        var children = result.StandardOutput.Trim().Split('\n')[^1].Split(' ');
        var cpu = ParseTimes(children[0]) + ParseTimes(children[1]);

        var perCheck = cpu / Runs;
        output.WriteLine($"CPU per check: {perCheck.TotalMilliseconds:F1} ms (size {new FileInfo(Probe.Value).Length / 1024} KiB)");
        // Every 5 s, 20 ms would be 0.4 % of one core; the native probe stays far below.
        Assert.True(perCheck < TimeSpan.FromMilliseconds(20), $"{perCheck.TotalMilliseconds} ms of CPU per check");
    }

    private static TimeSpan ParseTimes(string text)
    {
        var minutes = int.Parse(text[..text.IndexOf('m', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        var seconds = double.Parse(text[(text.IndexOf('m', StringComparison.Ordinal) + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds);
    }

    private static async Task<int> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Probe.Value) { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static string PublishProbe()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var folder = Path.Combine(Path.GetTempPath(), $"clusterready-probe-{Guid.NewGuid():N}");
        ExternalProcess.Run("dotnet", ["publish", Repository.Path("src", "ClusterReady.Probe", "ClusterReady.Probe.csproj"), "-c", Repository.Configuration, "-r", rid, "-o", folder])
            .EnsureSuccess("dotnet publish ClusterReady.Probe");
        return Path.Combine(folder, "clusterready-probe");
    }

    /// <summary>Answers /status/NNN with that status; /silent never answers. Records the paths asked for.</summary>
    private sealed class StatusServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<string> _paths = [];

        public StatusServer()
        {
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public IReadOnlyList<string> Paths
        {
            get
            {
                lock (_paths)
                {
                    return [.. _paths];
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        var stream = client.GetStream();
                        var buffer = new byte[4096];
                        var read = await stream.ReadAsync(buffer);
                        var path = Encoding.ASCII.GetString(buffer, 0, read).Split(' ')[1];
                        lock (_paths)
                        {
                            _paths.Add(path);
                        }

                        if (path == "/silent")
                        {
                            await Task.Delay(TimeSpan.FromSeconds(5));
                            return;
                        }

                        var status = path.Split('/')[^1];
                        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                    }
                });
            }
        }
    }
}
