namespace ClusterReady.EndToEnd.Tests.Infrastructure;

/// <summary>
/// podman on this machine (see eng/podman/README.md for the behaviours of podman 4.3 these tests work around).
/// Without podman the tests skip with the reason; with CLUSTERREADY_REQUIRE_PODMAN=1 (CI) a missing podman fails.
/// </summary>
internal static class Podman
{
    private static readonly Lazy<string?> Unavailable = new(FindProblem);

    public static void Require()
    {
        if (Unavailable.Value is { } problem)
        {
            Assert.False(Environment.GetEnvironmentVariable("CLUSTERREADY_REQUIRE_PODMAN") == "1",
                $"podman is required (CLUSTERREADY_REQUIRE_PODMAN=1): {problem}");
            Skip.If(true, problem + " (install: bash eng/podman/install.sh)");
        }
    }

    public static ProcessResult Run(params string[] arguments) => ExternalProcess.Run("podman", arguments, timeout: TimeSpan.FromMinutes(5));

    private static string? FindProblem()
    {
        if (ExternalTools.FindOnPath("podman") is null)
        {
            return "podman is not installed";
        }

        var info = ExternalProcess.Run("podman", ["info", "--format", "{{.Host.OCIRuntime.Name}}"]);
        if (info.ExitCode != 0)
        {
            return "podman does not work here: " + info.Output.Trim();
        }

        // Local base images: no registry is reachable. Cached; about 0.1 s when they exist.
        var images = ExternalProcess.Run("bash", [Repository.Path("eng", "podman", "base-images.sh")], timeout: TimeSpan.FromMinutes(15));
        return images.ExitCode == 0 ? null : "building the local .NET base images failed: " + images.Output;
    }
}
