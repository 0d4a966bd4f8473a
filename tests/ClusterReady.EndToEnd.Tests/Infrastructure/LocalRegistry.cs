using System.Diagnostics;
using System.Net;

namespace ClusterReady.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A container registry of the tests' own on 127.0.0.1: Debian's <c>docker-registry</c> (CNCF distribution) started
/// with the repository's minimal config (<c>eng/registry/config.yml</c>: plain HTTP, no authentication) on a free port,
/// its blobs in a temporary folder, and stopped by its own pid. The local .NET base images are pushed to it first
/// (<c>eng/registry/push-base-images.sh</c>), since the SDK's container publishing pulls its base image from a registry.
/// Without docker-registry or podman the tests skip; under CI=true (or CLUSTERREADY_REQUIRE_PODMAN=1) they fail.
/// </summary>
public sealed class LocalRegistry : IDisposable
{
    private readonly Lazy<string?> _problem;
    private TempDirectory? _root;
    private Process? _process;

    public LocalRegistry() => _problem = new Lazy<string?>(Start);

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Host { get; private set; } = "";

    public void Require()
    {
        Podman.Require();
        if (_problem.Value is { } problem)
        {
            var required = ExternalTools.IsCi || Environment.GetEnvironmentVariable("CLUSTERREADY_REQUIRE_PODMAN") == "1";
            Assert.False(required, $"a local registry is required under CI: {problem}");
            Skip.If(true, problem + " (install: apt-get install docker-registry)");
        }
    }

    public void Dispose()
    {
        if (_process is { HasExited: false } process)
        {
            ExternalProcess.Run("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
            }
        }

        _process?.Dispose();
        _root?.Dispose();
    }

    private string? Start()
    {
        var registry = ExternalTools.FindOnPath("docker-registry");
        if (registry is null)
        {
            return "docker-registry is not installed";
        }

        _root = new TempDirectory("registry");
        Host = $"127.0.0.1:{FreePort.Next()}";
        var start = new ProcessStartInfo(registry)
        {
            ArgumentList = { "serve", Repository.Path("eng", "registry", "config.yml") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY"] = _root.Path("data"),
                ["REGISTRY_HTTP_ADDR"] = Host,
            },
        };
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var ready = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (http.GetAsync($"http://{Host}/v2/").GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (_process.HasExited || ready.Elapsed > TimeSpan.FromSeconds(30))
            {
                return "docker-registry did not start";
            }

            Thread.Sleep(100);
        }

        var push = ExternalProcess.Run("bash", [Repository.Path("eng", "registry", "push-base-images.sh"), Host], timeout: TimeSpan.FromMinutes(15));
        return push.ExitCode == 0 ? null : $"eng/registry/push-base-images.sh failed:\n{push.Output}";
    }
}
