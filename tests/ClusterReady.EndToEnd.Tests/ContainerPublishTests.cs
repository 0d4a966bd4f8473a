using System.Net;
using System.Text.Json;
using ClusterReady.EndToEnd.Tests.Infrastructure;
using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace ClusterReady.EndToEnd.Tests;

/// <summary>
/// Both ways of building the image make the same image. The packaged web app is published with
/// <c>dotnet publish /t:PublishContainer</c> into a real registry on 127.0.0.1 and its generated Dockerfile is built
/// with podman; the two images' user, exposed ports, environment, entry point, working directory and labels are
/// compared. Then the generated Kustomize base, which now runs the pushed image by digest, is rendered with kubectl,
/// played with 'podman kube play' pulling from that registry, and the app answers its probes.
/// </summary>
[Collection(DotnetCollection.Name)]
[Trait("Category", "Slow")]
[Trait("Category", "Podman")]
public sealed class ContainerPublishTests(PackagedApps apps, LocalRegistry registry, ITestOutputHelper output) : IClassFixture<LocalRegistry>
{
    /// <summary>The labels the SDK writes on its own (ContainerGenerateLabels): build times, the SDK, the base image, package metadata.</summary>
    private static readonly string[] SdkLabels =
    [
        "org.opencontainers.image.created", "org.opencontainers.artifact.created", "org.opencontainers.image.base.name",
        "org.opencontainers.image.base.digest", "org.opencontainers.image.authors", "org.opencontainers.image.licenses",
        "org.opencontainers.image.description", "org.opencontainers.artifact.description", "org.opencontainers.image.url",
        "org.opencontainers.image.documentation", "org.opencontainers.image.vendor", "org.opencontainers.image.source",
        "org.opencontainers.image.revision", "net.dot.runtime.majorminor", "net.dot.sdk.version",
    ];

    [SkippableFact]
    public async Task PublishContainer_pushes_the_dockerfiles_image_and_the_manifests_run_it_by_digest()
    {
        registry.Require();
        var project = Path.GetDirectoryName(apps.Publish("web", "ShopApi"))!;
        var publish = Path.Combine(project, "publish-container");

        // The model says 'shop-api' without a registry: the project names the registry to push to (and the base image's
        // copy there, as the SDK pulls its base image from a registry). Nothing else about the image is set.
        var published = ExternalProcess.Run("dotnet",
            ["publish", "-c", "Release", "-o", publish, "-t:PublishContainer", $"-p:ContainerRegistry={registry.Host}",
             $"-p:ContainerBaseImage={registry.Host}/dotnet/aspnet:10.0"],
            project, environment: new Dictionary<string, string> { ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = registry.Host })
            .EnsureSuccess("dotnet publish /t:PublishContainer");
        Assert.DoesNotContain("CRB0008", published.Output, StringComparison.Ordinal);

        // The Kustomize base runs the pushed image by its digest, under the registry it went to.
        var deploy = new DeployFolder(publish, "ShopApi");
        var kustomization = deploy.Read("kubernetes/base/kustomization.yaml");
        var digest = kustomization.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("digest: ", StringComparison.Ordinal))["digest: ".Length..];
        Assert.Matches("^sha256:[0-9a-f]{64}$", digest);
        Assert.Contains($"runs {registry.Host}/shop-api@{digest}", published.Output, StringComparison.Ordinal);
        var (_, kubectl) = ExternalTools.RequireHelmTools();
        var rendered = ExternalProcess.Run(kubectl, ["kustomize", Path.Combine(deploy.Root, "kubernetes", "base")]).EnsureSuccess("kubectl kustomize");
        var deployment = KubernetesYaml.LoadAllFromString(rendered.Output).OfType<V1Deployment>().Single();
        var image = $"{registry.Host}/shop-api@{digest}";
        Assert.Equal(image, deployment.Spec.Template.Spec.Containers.Single().Image);

        // The same image from the generated Dockerfile, on the same publish output.
        var dockerfileImage = $"localhost/clusterready-dockerfile-{Guid.NewGuid():N}:1";
        Podman.Run("build", "--pull=never", "-t", dockerfileImage, "-f", Path.Combine(deploy.Root, "Dockerfile"), publish).EnsureSuccess("podman build");
        try
        {
            Podman.Run("pull", "--tls-verify=false", image).EnsureSuccess("podman pull");
            var fromDockerfile = Config(dockerfileImage);
            var fromSdk = Config(image);
            output.WriteLine($"Dockerfile: {fromDockerfile}\nSDK: {fromSdk}");

            Assert.Equal("1654", Text(fromSdk, "User"));
            Assert.Equal(Text(fromDockerfile, "User"), Text(fromSdk, "User"));
            Assert.Equal(["8080/tcp", "8081/tcp"], Names(fromSdk, "ExposedPorts"));
            Assert.Equal(Names(fromDockerfile, "ExposedPorts"), Names(fromSdk, "ExposedPorts"));
            Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", Strings(fromSdk, "Env"));
            Assert.Equal(Strings(fromDockerfile, "Env").Order(), Strings(fromSdk, "Env").Order());
            Assert.Equal(["dotnet", "ShopApi.dll"], Strings(fromSdk, "Entrypoint"));
            Assert.Equal(Strings(fromDockerfile, "Entrypoint"), Strings(fromSdk, "Entrypoint"));
            Assert.Equal(Text(fromDockerfile, "Cmd"), Text(fromSdk, "Cmd"));
            Assert.Equal("/app", Text(fromSdk, "WorkingDir"));
            Assert.Equal(Text(fromDockerfile, "WorkingDir"), Text(fromSdk, "WorkingDir"));

            // Every label of the Dockerfile's image, with its value; the SDK's image adds only the labels the SDK writes.
            var dockerfileLabels = Labels(fromDockerfile);
            var sdkLabels = Labels(fromSdk);
            Assert.Equal("shop-api", dockerfileLabels["org.opencontainers.image.title"]);
            Assert.Equal("1.0.0", dockerfileLabels["org.opencontainers.image.version"]);
            Assert.All(dockerfileLabels, label => Assert.Equal(label.Value, sdkLabels.GetValueOrDefault(label.Key)));
            Assert.All(sdkLabels.Keys.Except(dockerfileLabels.Keys), key => Assert.Contains(key, SdkLabels));

            // The manifests, as kubectl renders them, run under podman: the image comes from the registry by digest.
            Podman.Run("rmi", "-f", image);
            await using var pod = await RunningPod.StartAsync(deployment, output, "Always", "--tls-verify=false");
            var management = pod.Url("management");
            Assert.Equal(HttpStatusCode.OK, (await RunningPod.Http.GetAsync(management + "/healthz/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await RunningPod.Http.GetAsync(management + "/healthz/startup")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await RunningPod.Http.GetAsync(management + "/healthz/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await RunningPod.Http.GetAsync(pod.Url("http") + "/")).StatusCode);
        }
        finally
        {
            // The pod is gone by now: both images go, the registry's copy with the registry.
            Podman.Run("rmi", "-f", dockerfileImage, image);
        }

        // A publish without the container target runs the image by tag again.
        ExternalProcess.Run("dotnet", ["publish", "-c", "Release", "-o", publish], project).EnsureSuccess("dotnet publish");
        var byTag = deploy.Read("kubernetes/base/kustomization.yaml");
        Assert.DoesNotContain("digest", byTag, StringComparison.Ordinal);
        Assert.Contains("newTag: 1.0.0", byTag, StringComparison.Ordinal);
    }

    private static JsonElement Config(string image)
    {
        var inspect = Podman.Run("image", "inspect", "--format", "{{json .Config}}", image).EnsureSuccess("podman image inspect");
        // podman 4.3 may print syslog noise on stderr: the JSON object is stdout's line that starts with '{'.
        var json = inspect.StandardOutput.Split('\n').Single(l => l.StartsWith('{'));
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static string? Text(JsonElement config, string name) =>
        config.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    private static List<string> Strings(JsonElement config, string name) =>
        config.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetString()!).ToList() : [];

    private static List<string> Names(JsonElement config, string name) =>
        config.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList() : [];

    private static Dictionary<string, string> Labels(JsonElement config) =>
        config.TryGetProperty("Labels", out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : [];
}
