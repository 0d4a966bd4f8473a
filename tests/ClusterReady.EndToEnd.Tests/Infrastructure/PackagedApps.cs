using System.IO.Compression;

namespace ClusterReady.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Packs ClusterReady into a local feed and creates brand-new apps from the SDK's own templates that reference it by
/// PackageReference, annotated the way the README shows. Shared by the package and podman tests (built once).
/// </summary>
public sealed class PackagedApps : IDisposable
{
    private readonly TempDirectory _temp = new("packaged");
    private readonly Lazy<string> _package;
    private readonly Dictionary<string, string> _published = new(StringComparer.Ordinal);

    public PackagedApps()
    {
        // A version of its own each run: NuGet caches a package version forever, so a fixed one would test stale bits.
        Version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}";
        _package = new Lazy<string>(Pack);
    }

    public string Version { get; }

    public string Feed => _temp.Path("feed");

    public string PackagePath => _package.Value;

    /// <summary>Creates, annotates and publishes the app once; returns its publish directory.</summary>
    public string Publish(string template, string name)
    {
        lock (_published)
        {
            if (_published.TryGetValue(name, out var existing))
            {
                return existing;
            }

            _ = PackagePath;
            var project = _temp.Path("apps", name);
            ExternalProcess.Dotnet("new", template, "-n", name, "-o", project, "--framework", "net10.0").EnsureSuccess($"dotnet new {template}");
            File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="clusterready-local" value="{Feed}" />
                  </packageSources>
                </configuration>
                """);
            ExternalProcess.Run("dotnet", ["add", "package", "ClusterReady", "--version", Version], project).EnsureSuccess("dotnet add package");
            Annotate(template, name, project);

            var publish = Path.Combine(project, "publish");
            ExternalProcess.Run("dotnet", ["publish", "-c", "Release", "-o", publish], project).EnsureSuccess($"publish {name}");
            _published[name] = publish;
            return publish;
        }
    }

    /// <summary>
    /// Publishes an app made by <see cref="Publish"/> again, with MSBuild properties, to a folder of its own; returns
    /// the publish directory and the build's normal-verbosity output.
    /// </summary>
    public (string Directory, string Output) PublishAgain(string template, string name, string variant, params string[] properties)
    {
        var project = Path.GetDirectoryName(Publish(template, name))!;
        var publish = Path.Combine(project, $"publish-{variant}");
        var result = ExternalProcess.Run("dotnet", ["publish", "-c", "Release", "-o", publish, "-v:n", .. properties.Select(p => $"-p:{p}")], project)
            .EnsureSuccess($"publish {name} ({variant})");
        return (publish, result.Output);
    }

    public void Dispose()
    {
        _temp.Dispose();

        // Restoring the apps extracted this run's version into NuGet's global packages folder, where no later run asks
        // for it again: removed, as benchmarks/run.sh removes its own, so that test runs do not fill the disk.
        if (_package.IsValueCreated)
        {
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var extracted = Path.Combine(packages, "clusterready", Version);
            if (Directory.Exists(extracted))
            {
                Directory.Delete(extracted, recursive: true);
            }
        }
    }

    private string Pack()
    {
        // Native AOT compiles of the tool and the probe: over 10 minutes when other builds load the 2 cores.
        // PackageVersion, not Version: a global Version would rebuild every project under src/ in place with new
        // assembly versions, while other test assemblies' sample builds use the same bin/ and obj/ folders.
        ExternalProcess.Run("dotnet", ["pack", Repository.Path("src", "ClusterReady", "ClusterReady.csproj"), "-c", Repository.Configuration,
            "-o", Feed, $"-p:PackageVersion={Version}"], timeout: TimeSpan.FromMinutes(25)).EnsureSuccess("dotnet pack");
        var path = Path.Combine(Feed, $"ClusterReady.{Version}.nupkg");
        Assert.True(File.Exists(path), $"dotnet pack did not produce {path}");
        return path;
    }

    /// <summary>What the README's quickstart tells a user to write: one class of attributes and one builder call.</summary>
    private static void Annotate(string template, string name, string project)
    {
        var web = template == "web";
        var service = web ? "shop-api" : "shop-worker";
        File.WriteAllText(Path.Combine(project, "Deployment.cs"), web
            ? $$"""
              using ClusterReady;

              [KubernetesService("{{service}}", Replicas = 2, HighlyAvailable = true)]
              [ContainerPort(8080)]
              [ContainerPort(8081, Management = true)]
              [Resources(CpuLimit = "1", MemoryLimit = "256Mi")]
              [LatencyProfile]
              [GracefulShutdown(DrainDelaySeconds = 2, ShutdownTimeoutSeconds = 10)]
              public sealed class Deployment;
              """
            : $$"""
              using ClusterReady;

              [KubernetesService("{{service}}")]
              [ContainerPort(8081, Management = true)]
              [Resources(CpuRequest = "50m", CpuLimit = "500m", MemoryRequest = "64Mi", MemoryLimit = "128Mi")]
              [GracefulShutdown(DrainDelaySeconds = 1, ShutdownTimeoutSeconds = 10)]
              public sealed class Deployment;
              """);

        var program = Path.Combine(project, "Program.cs");
        var text = File.ReadAllText(program);
        var anchor = web ? "var builder = WebApplication.CreateBuilder(args);" : "var builder = Host.CreateApplicationBuilder(args);";
        Assert.Contains(anchor, text);
        text = text.Replace(anchor, anchor + "\nbuilder.AddClusterReady();" + (web ? "\nbuilder.Services.AddWarmupRequests(\"/\");" : ""));
        if (web)
        {
            // A request that takes a while, to see in-flight work finish during shutdown.
            // What the runtime made of the latency profile's settings: processor count, GC mode, GC heap limit.
            text = text.Replace("app.Run();", "app.MapGet(\"/slow\", async () => { await Task.Delay(1500); return \"done\"; });\n"
                + "app.MapGet(\"/runtime\", () => $\"{Environment.ProcessorCount} {System.Runtime.GCSettings.IsServerGC} {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes} {Environment.GetEnvironmentVariable(\"DOTNET_GCHeapHardLimit\")}\");\n"
                + "app.Run();");
        }

        File.WriteAllText(program, text);
    }

    public static IReadOnlyList<string> Entries(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName).ToList();
    }
}
