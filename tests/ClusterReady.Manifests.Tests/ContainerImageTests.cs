using ClusterReady.Manifests;
using ClusterReady.Model;
using k8s.Models;

namespace ClusterReady.Manifests.Tests;

/// <summary>
/// The image's values both ways of building it read (<see cref="ContainerImage"/>): the Dockerfile, and the settings
/// the build targets give the SDK's container publishing; and the Kustomize base pinned by digest after it.
/// </summary>
public sealed class ContainerImageTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void The_settings_of_the_web_api_are_the_values_its_dockerfile_and_manifests_use()
    {
        var result = DeployArtifacts.Create(TestCases.WebApi);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(
            """
            ContainerBaseImage|mcr.microsoft.com/dotnet/aspnet:10.0|
            ContainerRegistry|registry.example.com|
            ContainerRepository|shop/orders-api|
            ContainerImageTag|1.4.2|
            ContainerUser|1654|
            ContainerWorkingDirectory|/app|
            ContainerTitle|orders-api|
            ContainerVersion|1.4.2|
            ContainerPort|8080|tcp
            ContainerPort|8081|tcp
            ContainerEnvironmentVariable|ASPNETCORE_HTTP_PORTS|8080
            ContainerAppCommand|dotnet|
            ContainerAppCommand|Orders.Api.dll|

            """.ReplaceLineEndings("\n"),
            result.ContainerSettings);
    }

    [Theory]
    [MemberData(nameof(TestCases.Names), MemberType = typeof(TestCases))]
    public void Every_value_of_the_settings_is_in_the_dockerfile_or_the_deployment(string name)
    {
        var request = TestCases.All[name];
        var result = DeployArtifacts.Create(request);
        var dockerfile = result.Files.Single(f => f.RelativePath == "Dockerfile").Content;
        var lines = dockerfile.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();
        var container = KubernetesYaml(result.Files, "kubernetes/base/deployment.yaml").Spec.Template.Spec.Containers.Single();
        var settings = Settings(result.ContainerSettings);

        Assert.Equal($"FROM {settings["ContainerBaseImage"].Single()}", lines[0]);
        Assert.Contains($"WORKDIR {settings["ContainerWorkingDirectory"].Single()}", lines);
        Assert.Contains($"USER {settings["ContainerUser"].Single()}", lines);
        Assert.Equal(container.SecurityContext?.RunAsUser ?? request.Model.Security.RunAsUser, long.Parse(settings["ContainerUser"].Single(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(lines.Where(l => l.StartsWith("EXPOSE ", StringComparison.Ordinal)).Select(l => l["EXPOSE ".Length..]),
            settings.GetValueOrDefault("ContainerPort", []));
        Assert.Equal((container.Ports ?? []).Select(p => $"{p.ContainerPort}/{(p.Protocol ?? "TCP").ToLowerInvariant()}"),
            settings.GetValueOrDefault("ContainerPort", []));
        Assert.Equal(lines.Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)).Select(l => l["ENV ".Length..]),
            settings.GetValueOrDefault("ContainerEnvironmentVariable", []));
        Assert.Equal($"ENTRYPOINT [{string.Join(", ", settings["ContainerAppCommand"].Select(a => $"\"{a}\""))}]", lines[^1]);
        Assert.Contains($"LABEL org.opencontainers.image.title=\"{settings["ContainerTitle"].Single()}\"", lines);
        Assert.Contains($"LABEL org.opencontainers.image.version=\"{settings["ContainerVersion"].Single()}\"", lines);

        // The repository and tag the settings publish are the image the Deployment runs.
        var registry = settings["ContainerRegistry"].Single();
        Assert.Equal(container.Image,
            $"{(registry.Length > 0 ? registry + "/" : "")}{settings["ContainerRepository"].Single()}:{settings["ContainerImageTag"].Single()}");
    }

    [Theory]
    [InlineData("registry.example.com/shop/orders-api", "registry.example.com", "shop/orders-api")]
    [InlineData("127.0.0.1:5000/shop-api", "127.0.0.1:5000", "shop-api")]
    [InlineData("localhost/shop-api", "localhost", "shop-api")]
    [InlineData("shop/orders-api", null, "shop/orders-api")]
    [InlineData("orders-api", null, "orders-api")]
    public void The_registry_is_the_first_component_when_it_names_a_host(string repository, string? registry, string rest) =>
        Assert.Equal((registry, rest), ContainerImage.SplitRegistry(repository));

    [Theory]
    // Kestrel's ports are set only where Kestrel listens: a web project with a TCP app port.
    [InlineData(true, "TCP", true)]
    [InlineData(false, "TCP", false)]
    [InlineData(true, "UDP", false)]
    public void Kestrels_ports_are_set_for_a_web_project_with_a_tcp_app_port(bool isWeb, string protocol, bool set)
    {
        var model = TestCases.MinimalWorker.Model with
        {
            Ports = [new PortModel { Name = "app", Port = 8080, Protocol = protocol }, new PortModel { Name = "management", Port = 8081, Management = true }],
        };
        var result = DeployArtifacts.Create(TestCases.MinimalWorker with { IsWebProject = isWeb, Model = model });

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var dockerfile = result.Files.Single(f => f.RelativePath == "Dockerfile").Content;
        Assert.Equal(set, dockerfile.Contains("ENV ASPNETCORE_HTTP_PORTS=8080\n", StringComparison.Ordinal));
        Assert.Equal(set, dockerfile.Contains("ASPNETCORE_HTTP_PORTS", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_digest_the_base_runs_the_image_by_tag()
    {
        var kustomization = File(DeployArtifacts.Create(TestCases.WebApi), "kubernetes/base/kustomization.yaml");

        Assert.Contains("images:\n- name: registry.example.com/shop/orders-api\n  newTag: 1.4.2\n", kustomization, StringComparison.Ordinal);
        Assert.DoesNotContain("digest", kustomization, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_digest_kustomize_runs_the_image_by_digest_under_the_repository_it_was_pushed_to()
    {
        Kustomize.RequireKubectl();
        var pushed = DeployArtifacts.Create(TestCases.WebDefaults with { ImageDigest = Digest, PublishedRepository = "127.0.0.1:5000/catalog-api" });
        var same = DeployArtifacts.Create(TestCases.WebDefaults with { ImageDigest = Digest, PublishedRepository = "catalog-api" });
        Assert.True(pushed.Succeeded && same.Succeeded, string.Join("\n", pushed.Errors.Concat(same.Errors)));

        Assert.Contains($"images:\n- name: catalog-api\n  newName: 127.0.0.1:5000/catalog-api\n  digest: {Digest}\n",
            File(pushed, "kubernetes/base/kustomization.yaml"), StringComparison.Ordinal);
        Assert.DoesNotContain("newName", File(same, "kubernetes/base/kustomization.yaml"), StringComparison.Ordinal);
        using var folder = new TemporaryDeployFolder(pushed.Files);
        foreach (var directory in Kustomize.Directories(pushed.Files))
        {
            var deployment = Kustomize.Render(folder, directory).Single<V1Deployment>();
            Assert.Equal($"127.0.0.1:5000/catalog-api@{Digest}", deployment.Spec.Template.Spec.Containers.Single().Image);
        }
    }

    [Theory]
    [InlineData("sha256:abc", null, nameof(ArtifactRequest.ImageDigest))]
    [InlineData("latest", null, nameof(ArtifactRequest.ImageDigest))]
    [InlineData(Digest, "Not A/Repository", nameof(ArtifactRequest.PublishedRepository))]
    public void A_digest_or_repository_that_is_not_one_is_an_error(string digest, string? repository, string property)
    {
        var result = DeployArtifacts.Create(TestCases.WebDefaults with { ImageDigest = digest, PublishedRepository = repository });

        Assert.Equal(property, Assert.Single(result.Errors).Property);
        Assert.Equal("", result.ContainerSettings);
    }

    private static string File(ArtifactResult result, string path) => result.Files.Single(f => f.RelativePath == path).Content;

    private static V1Deployment KubernetesYaml(IReadOnlyList<ArtifactFile> files, string path) =>
        k8s.KubernetesYaml.Deserialize<V1Deployment>(files.Single(f => f.RelativePath == path).Content);

    /// <summary>The settings file's lines by name: a property's value, or an item's include with its metadata as 'include/metadata' (a port) or 'include=metadata' (a variable).</summary>
    private static Dictionary<string, List<string>> Settings(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|'))
            .GroupBy(parts => parts[0], parts => parts[2].Length == 0 ? parts[1] : parts[0] == "ContainerPort" ? $"{parts[1]}/{parts[2]}" : $"{parts[1]}={parts[2]}")
            .ToDictionary(g => g.Key, g => g.ToList());
}
