namespace ClusterReady.Tool.Tests;

/// <summary>The build step writes the Compose files unless <c>--compose false</c> (MSBuild: <c>ClusterReadyCompose=false</c>).</summary>
public sealed class ComposeOptionTests : IDisposable
{
    private const string Source = """
        [ClusterReady.KubernetesService("orders-api")]
        [ClusterReady.ContainerPort(8081, Name = "management", Management = true)]
        public sealed class Deployment;
        """;

    private readonly BuildStep _step = new();

    public void Dispose() => _step.Dispose();

    [Fact]
    public void The_build_step_writes_the_compose_files_by_default()
    {
        var (exitCode, _, errors) = _step.Run(Source);

        Assert.True(exitCode == 0, errors);
        var compose = File.ReadAllText(Path.Combine(_step.DeployFolder, "compose.yaml"));
        Assert.Contains("- http://127.0.0.1:8081/healthz/ready\n", compose, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_step.DeployFolder, "compose.production.yaml")));
    }

    [Fact]
    public void Compose_false_writes_no_compose_file()
    {
        var (exitCode, _, errors) = _step.Run(Source, "--compose", "false");

        Assert.True(exitCode == 0, errors);
        Assert.True(File.Exists(Path.Combine(_step.DeployFolder, "Dockerfile")));
        Assert.Empty(Directory.EnumerateFiles(_step.DeployFolder, "compose*"));
    }
}
