namespace ClusterReady.Tool.Tests;

/// <summary>
/// <c>--container-settings</c> writes the image's values for the SDK's container publishing on every run (the targets'
/// up-to-date check reads the file's time), empty without a service; <c>--image-digest</c> pins the Kustomize base.
/// </summary>
public sealed class ContainerSettingsOptionTests : IDisposable
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private const string Source = """
        [ClusterReady.KubernetesService("orders-api")]
        [ClusterReady.ContainerImage("127.0.0.1:5000/orders-api")]
        [ClusterReady.ContainerPort(8081, Name = "management", Management = true)]
        public sealed class Deployment;
        """;

    private readonly BuildStep _step = new();

    public void Dispose() => _step.Dispose();

    private string SettingsPath => Path.Combine(_step.DeployFolder, "..", "clusterready-container.txt");

    [Fact]
    public void The_settings_are_written_on_every_run()
    {
        var (exitCode, _, errors) = _step.Run(Source, "--container-settings", SettingsPath);
        Assert.True(exitCode == 0, errors);
        var settings = File.ReadAllText(SettingsPath);
        Assert.Contains("ContainerRegistry|127.0.0.1:5000|\nContainerRepository|orders-api|\nContainerImageTag|1.0.0|\n", settings, StringComparison.Ordinal);
        Assert.Contains("ContainerPort|8081|tcp\n", settings, StringComparison.Ordinal);

        File.SetLastWriteTimeUtc(SettingsPath, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(0, _step.Run(Source, "--container-settings", SettingsPath).ExitCode);
        Assert.True(File.GetLastWriteTimeUtc(SettingsPath) > new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(settings, File.ReadAllText(SettingsPath));
    }

    [Fact]
    public void Without_a_service_the_settings_are_empty()
    {
        File.WriteAllText(SettingsPath, "ContainerRepository|stale|\n");

        var (exitCode, _, errors) = _step.Run("public sealed class NoService;", "--container-settings", SettingsPath);

        Assert.True(exitCode == 0, errors);
        Assert.Equal("", File.ReadAllText(SettingsPath));
    }

    [Fact]
    public void An_image_digest_pins_the_kustomize_base_under_the_repository_it_was_pushed_to()
    {
        var (exitCode, _, errors) = _step.Run(Source, "--image-digest", Digest, "--published-repository", "127.0.0.1:5001/mirror/orders-api");

        Assert.True(exitCode == 0, errors);
        var kustomization = File.ReadAllText(Path.Combine(_step.DeployFolder, "kubernetes", "base", "kustomization.yaml"));
        Assert.Contains($"- name: 127.0.0.1:5000/orders-api\n  newName: 127.0.0.1:5001/mirror/orders-api\n  digest: {Digest}\n", kustomization, StringComparison.Ordinal);
        Assert.DoesNotContain("newTag", kustomization, StringComparison.Ordinal);
    }
}
