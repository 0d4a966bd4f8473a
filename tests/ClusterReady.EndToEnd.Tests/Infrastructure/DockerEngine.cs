using System.Diagnostics;

namespace ClusterReady.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A docker engine of the tests' own: dockerd started with its data, exec root, pid file and socket in a temporary
/// folder (so it never meets another daemon on the machine) and stopped by its own pid; the .NET base images are
/// loaded into it by <c>eng/docker/base-images.sh</c>. Compose runs as <c>docker-compose</c> (the Debian package,
/// 1.29) with DOCKER_HOST pointing at the socket. Without dockerd or docker-compose the tests skip; under CI=true (or
/// CLUSTERREADY_REQUIRE_DOCKER=1) they fail.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    private readonly Lazy<string?> _problem;
    private TempDirectory? _root;
    private Process? _daemon;

    public DockerEngine() => _problem = new Lazy<string?>(Start);

    /// <summary>The environment that points docker and docker-compose at this engine.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public void Require()
    {
        if (_problem.Value is { } problem)
        {
            var required = ExternalTools.IsCi || System.Environment.GetEnvironmentVariable("CLUSTERREADY_REQUIRE_DOCKER") == "1";
            Assert.False(required, $"docker is required under CI: {problem}");
            Skip.If(true, problem + " (install: apt-get install docker.io docker-compose)");
        }
    }

    internal ProcessResult Docker(params string[] arguments) =>
        ExternalProcess.Run("docker", arguments, timeout: TimeSpan.FromMinutes(5), environment: Environment);

    internal ProcessResult Compose(string workingDirectory, IDictionary<string, string> variables, params string[] arguments) =>
        ExternalProcess.Run("docker-compose", arguments, workingDirectory, TimeSpan.FromMinutes(10),
            new Dictionary<string, string>(Environment.Concat(variables), StringComparer.Ordinal));

    public void Dispose()
    {
        if (_daemon is { HasExited: false } daemon)
        {
            // SIGTERM to this daemon's pid only: it stops its containers and its containerd, and unmounts.
            ExternalProcess.Run("kill", ["-TERM", daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (!daemon.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                daemon.Kill();
            }
        }

        _daemon?.Dispose();
        try
        {
            _root?.Dispose();
        }
        catch (IOException)
        {
            // A mount the daemon left behind: the temporary folder stays.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string? Start()
    {
        foreach (var tool in new[] { "dockerd", "docker", "docker-compose" })
        {
            if (ExternalTools.FindOnPath(tool) is null)
            {
                return $"{tool} is not installed";
            }
        }

        if (!string.Equals(System.Environment.UserName, "root", StringComparison.Ordinal))
        {
            return "dockerd needs root here";
        }

        // Short: a unix socket path has at most 107 bytes.
        _root = new TempDirectory("dkr");
        var socket = $"unix://{_root.Path("docker.sock")}";
        var start = new ProcessStartInfo("dockerd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--data-root", _root.Path("data"), "--exec-root", _root.Path("exec"), "--pidfile", _root.Path("dockerd.pid"),
            "-H", socket, "--bridge=none", "--iptables=false",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _daemon = Process.Start(start)!;
        _daemon.OutputDataReceived += (_, _) => { };
        _daemon.ErrorDataReceived += (_, _) => { };
        _daemon.BeginOutputReadLine();
        _daemon.BeginErrorReadLine();
        Environment["DOCKER_HOST"] = socket;

        var ready = Stopwatch.StartNew();
        while (Docker("version", "--format", "{{.Server.Version}}").ExitCode != 0)
        {
            if (_daemon.HasExited || ready.Elapsed > TimeSpan.FromSeconds(60))
            {
                return "dockerd did not start";
            }

            Thread.Sleep(250);
        }

        var images = ExternalProcess.Run("bash", [Repository.Path("eng", "docker", "base-images.sh")], timeout: TimeSpan.FromMinutes(10), environment: Environment);
        return images.ExitCode == 0 ? null : $"eng/docker/base-images.sh failed:\n{images.Output}";
    }
}
