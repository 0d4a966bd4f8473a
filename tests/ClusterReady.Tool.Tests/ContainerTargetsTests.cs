using System.Text.Json;

namespace ClusterReady.Tool.Tests;

/// <summary>
/// What the SDK's container publishing computes for samples/OrdersApi once ClusterReady's targets have given it the
/// model's image (the issue's command: <c>dotnet msbuild samples/OrdersApi -t:ComputeContainerConfig -getProperty:...</c>
/// after a build), and warning CRB0008 where the project's own values contradict the manifests.
/// </summary>
[Trait("Category", "Slow")]
[Collection(SampleBuilds.Name)]
public sealed class ContainerTargetsTests : IDisposable
{
    // A copy: the end-to-end tests publish samples/OrdersApi itself, maybe at the same time.
    private static readonly Lazy<string> Project = new(() => SampleCopies.Create("OrdersApi", "container-targets-test"));
    private static readonly Lazy<string> Built = new(() =>
    {
        ExternalProcess.Dotnet("build", Project.Value, "-c", Repository.Configuration, "-nologo", "-p:TreatWarningsAsErrors=false")
            .EnsureSuccess("dotnet build of the OrdersApi copy");
        return Path.Combine(Path.GetDirectoryName(Project.Value)!, "bin", Repository.Configuration, "net10.0", "deploy");
    });

    private readonly string _temp = Path.Combine(Path.GetTempPath(), $"clusterready-container-{Guid.NewGuid():N}");

    public ContainerTargetsTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void The_sdk_publishes_the_repository_tag_ports_user_environment_and_entry_point_of_the_manifests_and_dockerfile()
    {
        var deploy = Built.Value;
        var (config, output) = ComputeContainerConfig();

        Assert.DoesNotContain("CRB0008", output, StringComparison.Ordinal);
        Assert.Equal("registry.example.com", config.Property("ContainerRegistry"));
        Assert.Equal("shop/orders-api", config.Property("ContainerRepository"));
        Assert.Equal("1.4.2", config.Property("ContainerImageTag"));
        Assert.Equal(["8080/tcp", "8081/tcp"], config.Items("ContainerPort", "Type").Select(p => $"{p.Identity}/{p.Metadata}"));
        Assert.Equal("1654", config.Property("ContainerUser"));

        // The same lines the generated Dockerfile holds.
        var dockerfile = File.ReadAllLines(Path.Combine(deploy, "Dockerfile")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Contains($"FROM {config.Property("ContainerBaseImage")}", dockerfile);
        Assert.Contains($"WORKDIR {config.Property("ContainerWorkingDirectory")}", dockerfile);
        Assert.Contains($"USER {config.Property("ContainerUser")}", dockerfile);
        Assert.Equal(dockerfile.Where(l => l.StartsWith("EXPOSE ", StringComparison.Ordinal)),
            config.Items("ContainerPort", "Type").Select(p => $"EXPOSE {p.Identity}/{p.Metadata}"));
        Assert.Equal(dockerfile.Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)),
            config.Items("ContainerEnvironmentVariables", "Value").Select(v => $"ENV {v.Identity}={v.Metadata}"));
        Assert.Equal(dockerfile[^1], $"ENTRYPOINT [{string.Join(", ", config.Items("ContainerAppCommand").Select(a => $"\"{a.Identity}\""))}]");
        var labels = config.Items("ContainerLabel", "Value").ToDictionary(l => l.Identity, l => l.Metadata);
        Assert.All(dockerfile.Where(l => l.StartsWith("LABEL ", StringComparison.Ordinal)).Select(l => l["LABEL ".Length..].Split('=', 2)),
            label => Assert.Equal(label[1].Trim('"'), labels[label[0]]));

        // The manifests run the same image.
        Assert.Contains(" image: registry.example.com/shop/orders-api:1.4.2\n",
            File.ReadAllText(Path.Combine(deploy, "kubernetes", "base", "deployment.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_projects_own_values_win_and_each_contradiction_is_warning_CRB0008_with_both_values()
    {
        _ = Built.Value;
        var extra = Path.Combine(_temp, "project-values.targets");
        File.WriteAllText(extra, """
            <Project>
              <ItemGroup>
                <ContainerPort Include="9090" Type="tcp" />
                <ContainerEnvironmentVariable Include="ASPNETCORE_HTTP_PORTS" Value="9090" />
                <ContainerEnvironmentVariable Include="EXTRA" Value="kept" />
              </ItemGroup>
            </Project>
            """);

        var (config, output) = ComputeContainerConfig("-p:ContainerImageTag=2.0.0", "-p:ContainerUser=0", "-p:ContainerRepository=shop/other",
            $"-p:CustomAfterMicrosoftCommonTargets={extra}");

        Assert.Equal("2.0.0", config.Property("ContainerImageTag"));
        Assert.Equal("0", config.Property("ContainerUser"));
        Assert.Equal("shop/other", config.Property("ContainerRepository"));
        Assert.Equal(["9090"], config.Items("ContainerPort").Select(p => p.Identity));
        // The project's variables stay; the model's that the project does not set (the latency profile's, from the
        // sample's CpuLimit "1" and MemoryLimit "512Mi") are added.
        (string, string)[] expected =
            [("ASPNETCORE_HTTP_PORTS", "9090"), ("DOTNET_GCHeapHardLimit", "18000000"), ("DOTNET_PROCESSOR_COUNT", "1"), ("DOTNET_gcServer", "0"), ("EXTRA", "kept")];
        Assert.Equal(expected.Order(), config.Items("ContainerEnvironmentVariables", "Value").Select(v => (v.Identity, v.Metadata)).Order());
        var warnings = output.Split('\n').Where(l => l.Contains("warning CRB0008", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Contains(warnings, w => w.Contains("ContainerImageTag to '2.0.0'", StringComparison.Ordinal) && w.Contains("with '1.4.2'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("ContainerUser to '0'", StringComparison.Ordinal) && w.Contains("with '1654'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("ContainerRepository to 'shop/other'", StringComparison.Ordinal) && w.Contains("with 'shop/orders-api'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("ContainerPort to '9090/tcp'", StringComparison.Ordinal) && w.Contains("with '8080/tcp 8081/tcp'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("ContainerEnvironmentVariable ASPNETCORE_HTTP_PORTS to '9090'", StringComparison.Ordinal) && w.Contains("with '8080'", StringComparison.Ordinal));
        Assert.Equal(5, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("docs/rules/CRB0008.md", w, StringComparison.Ordinal));
        Assert.StartsWith("# CRB0008: ", File.ReadAllText(Repository.Path("docs", "rules", "CRB0008.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterReadyContainer_false_leaves_the_sdk_to_its_own_defaults()
    {
        _ = Built.Value;
        var (config, output) = ComputeContainerConfig("-p:ClusterReadyContainer=false");

        Assert.DoesNotContain("CRB0008", output, StringComparison.Ordinal);
        Assert.Equal("ordersapi", config.Property("ContainerRepository"));
        Assert.Equal("latest", config.Property("ContainerImageTag"));
        Assert.Empty(config.Items("ContainerPort"));
    }

    private static (ContainerConfig Config, string Output) ComputeContainerConfig(params string[] arguments)
    {
        var result = ExternalProcess.Dotnet([
            "msbuild", Project.Value, "-t:ComputeContainerConfig", $"-p:Configuration={Repository.Configuration}", "-nologo", "-p:TreatWarningsAsErrors=false",
            "-getProperty:ContainerBaseImage", "-getProperty:ContainerRegistry", "-getProperty:ContainerRepository", "-getProperty:ContainerImageTag",
            "-getProperty:ContainerUser", "-getProperty:ContainerWorkingDirectory", "-getItem:ContainerPort", "-getItem:ContainerEnvironmentVariables",
            "-getItem:ContainerAppCommand", "-getItem:ContainerLabel", .. arguments]).EnsureSuccess("dotnet msbuild -t:ComputeContainerConfig");
        // The warnings may come first; the JSON document is the rest of the standard output.
        var stdout = "\n" + result.StandardOutput;
        var json = stdout[stdout.IndexOf("\n{", StringComparison.Ordinal)..];
        return (new ContainerConfig(JsonDocument.Parse(json).RootElement.Clone()), result.Output);
    }

    private sealed record ContainerConfig(JsonElement Root)
    {
        public string Property(string name) => Root.GetProperty("Properties").GetProperty(name).GetString()!;

        public IEnumerable<(string Identity, string Metadata)> Items(string name, string? metadata = null) =>
            Root.GetProperty("Items").TryGetProperty(name, out var items)
                ? items.EnumerateArray().Select(i => (i.GetProperty("Identity").GetString()!, metadata is null ? "" : i.GetProperty(metadata).GetString()!)).ToList()
                : [];
    }
}
