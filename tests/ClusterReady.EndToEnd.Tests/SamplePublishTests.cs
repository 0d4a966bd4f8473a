using ClusterReady.EndToEnd.Tests.Infrastructure;
using k8s.Models;

namespace ClusterReady.EndToEnd.Tests;

/// <summary>Publishes the samples for real, as a user would, and checks what lands in deploy/.</summary>
[Collection(DotnetCollection.Name)]
[Trait("Category", "Slow")]
public sealed class SamplePublishTests
{
    public static TheoryData<string, string, bool> Samples => new()
    {
        { "OrdersApi", "orders-api", true },
        { "InventoryWorker", "inventory-worker", false },
    };

    [SkippableTheory]
    [MemberData(nameof(Samples))]
    public void Publish_writes_a_deploy_folder_that_matches_the_app(string sample, string name, bool web)
    {
        using var temp = new TempDirectory("publish");
        var deploy = Publish(sample, temp.FullPath);
        var model = deploy.Model;

        // Dockerfile: the right official base image, non-root, the declared ports, the app's entry point, no shell form.
        var dockerfile = deploy.Read("Dockerfile");
        Assert.Contains($"FROM mcr.microsoft.com/dotnet/{(web ? "aspnet" : "runtime")}:10.0", dockerfile);
        Assert.Contains("USER $APP_UID", dockerfile);
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{sample}.dll\"]", dockerfile);
        Assert.True(File.Exists(Path.Combine(temp.FullPath, sample + ".dll")));
        foreach (var port in model.Ports)
        {
            Assert.Contains($"EXPOSE {port.Port}", dockerfile);
        }

        // The build context is the publish folder, so the ignore file sits next to the Dockerfile under the name
        // Docker and Buildah look for there; it keeps deploy/ itself out of the image.
        Assert.Contains("deploy", deploy.Read("Dockerfile.dockerignore"));

        // Deployment: names, probes, ports and grace period come from the same model the runtime reads.
        var deployment = deploy.Deployment;
        Assert.Equal(name, deployment.Metadata.Name);
        var pod = deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        Assert.Equal(model.Shutdown.DrainDelaySeconds + model.Shutdown.ShutdownTimeoutSeconds + model.Shutdown.MarginSeconds,
            pod.TerminationGracePeriodSeconds);
        Assert.Equal(model.Ports.Select(p => (p.Name, p.Port)), container.Ports.Select(p => (p.Name, p.ContainerPort)));
        AssertProbe(model.Liveness!, container.LivenessProbe, container);
        AssertProbe(model.Readiness!, container.ReadinessProbe, container);
        AssertProbe(model.Startup!, container.StartupProbe, container);

        // Secure by default.
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Contains("ALL", container.SecurityContext.Capabilities.Drop);

        // Service: only app ports, each one a port the container declares.
        if (model.Ports.Any(p => !p.Management))
        {
            var service = deploy.Service;
            Assert.All(service.Spec.Ports, p => Assert.Contains(container.Ports, c => c.Name == p.TargetPort.Value));
            Assert.DoesNotContain(service.Spec.Ports, p => model.Ports.Single(m => m.Name == p.TargetPort.Value).Management);
        }

        // Secrets only by reference.
        foreach (var secret in model.SecretEnvironment)
        {
            var env = container.Env.Single(e => e.Name == secret.Name);
            Assert.Null(env.Value);
            Assert.Equal((secret.SecretName, secret.Key), (env.ValueFrom.SecretKeyRef.Name, env.ValueFrom.SecretKeyRef.Key));
        }

        Assert.DoesNotContain(Directory.EnumerateFiles(deploy.Root, "*.yaml", SearchOption.AllDirectories),
            f => File.ReadAllText(f).Contains("kind: Secret\n", StringComparison.Ordinal));

        SchemaValidator.AssertValid(Path.Combine(deploy.Root, "kubernetes"));
    }

    [Fact]
    public void Publish_is_deterministic_and_an_unchanged_publish_does_no_artifact_work()
    {
        using var first = new TempDirectory("publish-a");
        using var second = new TempDirectory("publish-b");

        var a = Publish("InventoryWorker", first.FullPath);
        var b = Publish("InventoryWorker", second.FullPath);
        Assert.Equal(a.Snapshot(), b.Snapshot());

        var stamp = Path.Combine(a.Root, ".clusterready-files");
        var before = File.GetLastWriteTimeUtc(stamp);
        var filesBefore = Directory.EnumerateFiles(a.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var again = Command.Dotnet("publish", SampleProject("InventoryWorker"), "-c", Repository.Configuration, "-o", first.FullPath, "-v:n")
            .EnsureSuccess("second publish");

        Assert.Contains("Skipping target \"ClusterReadyWritePublishArtifacts\"", again.Output);
        Assert.Equal(before, File.GetLastWriteTimeUtc(stamp));
        Assert.All(filesBefore, f => Assert.Equal(f.Value, File.GetLastWriteTimeUtc(f.Key)));
    }

    [Fact]
    public void Build_writes_the_same_artifacts_next_to_the_build_output_and_the_step_can_be_moved_or_turned_off()
    {
        using var temp = new TempDirectory("build");
        var buildDeploy = temp.Path("build-deploy") + "/";
        Command.Dotnet("build", SampleProject("InventoryWorker"), "-c", Repository.Configuration,
            $"-p:ClusterReadyBuildDeployDir={buildDeploy}").EnsureSuccess("build");
        Assert.True(File.Exists(Path.Combine(buildDeploy, "kubernetes", "base", "deployment.yaml")));

        var published = Publish("InventoryWorker", temp.Path("publish"));
        Assert.Equal(File.ReadAllText(Path.Combine(buildDeploy, "kubernetes", "base", "deployment.yaml")),
            published.Read("kubernetes/base/deployment.yaml"));

        var moved = temp.Path("elsewhere") + "/";
        Command.Dotnet("publish", SampleProject("InventoryWorker"), "-c", Repository.Configuration, "-o", temp.Path("moved"),
            $"-p:ClusterReadyDeployDir={moved}").EnsureSuccess("publish with ClusterReadyDeployDir");
        Assert.True(File.Exists(Path.Combine(moved, "Dockerfile")));
        Assert.False(Directory.Exists(temp.Path("moved", "deploy")));

        Command.Dotnet("publish", SampleProject("InventoryWorker"), "-c", Repository.Configuration, "-o", temp.Path("off"),
            "-p:ClusterReadyDeploy=false").EnsureSuccess("publish with ClusterReadyDeploy=false");
        Assert.True(File.Exists(temp.Path("off", "InventoryWorker.dll")));
        Assert.False(Directory.Exists(temp.Path("off", "deploy")));
    }

    internal static string SampleProject(string sample) => Repository.Path("samples", sample, sample + ".csproj");

    internal static DeployFolder Publish(string sample, string output)
    {
        Command.Dotnet("publish", SampleProject(sample), "-c", Repository.Configuration, "-o", output).EnsureSuccess($"publish {sample}");
        return new DeployFolder(output, sample);
    }

    private static void AssertProbe(ClusterReady.Model.ProbeModel expected, V1Probe actual, V1Container container)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Path, actual.HttpGet.Path);
        Assert.Equal(expected.Port, actual.HttpGet.Port.Value);
        Assert.Contains(container.Ports, p => p.Name == expected.Port);
        Assert.Equal(
            (expected.PeriodSeconds, expected.TimeoutSeconds, expected.FailureThreshold),
            (actual.PeriodSeconds, actual.TimeoutSeconds, actual.FailureThreshold));
    }
}

[CollectionDefinition(Name)]
public sealed class DotnetCollection : ICollectionFixture<PackagedApps>
{
    // Tests that run dotnet build/publish/pack on the repository's projects share obj/ folders: one at a time.
    public const string Name = "dotnet";
}
