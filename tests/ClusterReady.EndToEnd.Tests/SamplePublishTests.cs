using System.Runtime.Versioning;
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
        Assert.Contains($"USER {model.Security.RunAsUser}", dockerfile);
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{sample}.dll\"]", dockerfile);
        Assert.True(File.Exists(Path.Combine(temp.FullPath, sample + ".dll")));

        // The image gets what a packaged app's publish holds: the build tool the samples are wired to from source stays
        // out of it (no apphost, no runtimeconfig), as the package's tools/ does.
        Assert.Empty(Directory.GetFiles(temp.FullPath, "ClusterReady.Tool*"));
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
        // Not the grace formula again: the runtime's own check of the timeline (drain, host shutdown, margin) against
        // the grace period the manifest gives the pod, which must fit with nothing to spare.
        var shutdown = model.Shutdown;
        Assert.Equal(0, ClusterReady.Model.Rules.ShutdownBudget.Overrun(
            shutdown.DrainDelaySeconds, shutdown.ShutdownTimeoutSeconds, shutdown.MarginSeconds, pod.TerminationGracePeriodSeconds!.Value));
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

        var again = RunPublish("InventoryWorker", first.FullPath, "-v:n").EnsureSuccess("second publish");

        Assert.Contains("Skipping target \"ClusterReadyStartArtifacts\" because all output files are up-to-date", again.Output);
        Assert.DoesNotContain("ClusterReady.Tool.dll\" --output", again.Output, StringComparison.Ordinal);
        Assert.Equal(before, File.GetLastWriteTimeUtc(stamp));
        Assert.All(filesBefore, f => Assert.Equal(f.Value, File.GetLastWriteTimeUtc(f.Key)));
    }

    [Fact]
    public void Build_writes_the_same_artifacts_next_to_the_build_output_and_the_step_can_be_moved_or_turned_off()
    {
        using var temp = new TempDirectory("build");
        var buildDeploy = temp.Path("build-deploy") + "/";
        ExternalProcess.Dotnet("build", SampleProject("InventoryWorker"), "-c", Repository.Configuration,
            $"-p:ClusterReadyBuildDeployDir={buildDeploy}").EnsureSuccess("build");
        Assert.True(File.Exists(Path.Combine(buildDeploy, "kubernetes", "base", "deployment.yaml")));

        var published = Publish("InventoryWorker", temp.Path("publish"));
        Assert.Equal(File.ReadAllText(Path.Combine(buildDeploy, "kubernetes", "base", "deployment.yaml")),
            published.Read("kubernetes/base/deployment.yaml"));

        var moved = temp.Path("elsewhere") + "/";
        RunPublish("InventoryWorker", temp.Path("moved"), $"-p:ClusterReadyDeployDir={moved}").EnsureSuccess("publish with ClusterReadyDeployDir");
        Assert.True(File.Exists(Path.Combine(moved, "Dockerfile")));
        Assert.False(Directory.Exists(temp.Path("moved", "deploy")));

        RunPublish("InventoryWorker", temp.Path("off"), "-p:ClusterReadyDeploy=false").EnsureSuccess("publish with ClusterReadyDeploy=false");
        Assert.True(File.Exists(temp.Path("off", "InventoryWorker.dll")));
        Assert.False(Directory.Exists(temp.Path("off", "deploy")));
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public void The_build_step_runs_beside_the_build_and_the_publish_waits_for_it()
    {
        Skip.If(OperatingSystem.IsWindows(), "the build step runs in place on Windows");
        using var temp = new TempDirectory("slow-tool");

        // A tool that takes longer than everything after compilation: the publish must end only with its files.
        var slow = temp.Path("slow-dotnet");
        WriteScript(slow, "sleep 3\nexec dotnet \"$@\"\n");
        var result = RunPublish("InventoryWorker", temp.Path("slow"), $"-p:ClusterReadyDotnetHost={slow}", "-v:n")
            .EnsureSuccess("publish with a slow build tool");

        // Started after compilation, waited for after Publish.
        var started = result.Output.IndexOf("ClusterReadyStartArtifacts:", StringComparison.Ordinal);
        var published = result.Output.IndexOf("InventoryWorker -> " + temp.Path("slow") + "/", StringComparison.Ordinal);
        var awaited = result.Output.IndexOf("_ClusterReadyAwaitArtifacts:", StringComparison.Ordinal);
        Assert.True(started >= 0 && published > started && awaited > published, $"start {started}, publish {published}, wait {awaited}");
        Assert.Contains("ClusterReady: InventoryWorker -> " + temp.Path("slow", "deploy") + "/", result.Output, StringComparison.Ordinal);

        var expected = Publish("InventoryWorker", temp.Path("plain"));
        Assert.Equal(expected.Snapshot(), new DeployFolder(temp.Path("slow"), "InventoryWorker").Snapshot());
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public void Errors_and_warnings_of_the_build_step_fail_the_publish_with_the_tools_own_messages()
    {
        Skip.If(OperatingSystem.IsWindows(), "the scripts are POSIX shell");
        using var temp = new TempDirectory("failing-tool");
        var failing = temp.Path("failing-dotnet");
        WriteScript(failing, "echo 'ClusterReady: warning CRB0999: a warning of the tool'\n" +
            "echo 'ClusterReady: error CRB0100: [Resources.CpuRequest] an error of the tool' >&2\nexit 1\n");

        var result = RunPublish("InventoryWorker", temp.Path("out"), $"-p:ClusterReadyDotnetHost={failing}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("warning CRB0999: a warning of the tool", result.Output, StringComparison.Ordinal);
        Assert.Contains("error CRB0100: [Resources.CpuRequest] an error of the tool", result.Output, StringComparison.Ordinal);
        // Then one line that says what happened, not MSBuild's "the command exited with code 1".
        Assert.Contains("error CRB0007: ClusterReady: the build step refused the service for the errors above", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MSB3073", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Path("out", "deploy", ".clusterready-files")));

        // The same publish with a working tool is not held up by the failed one.
        Publish("InventoryWorker", temp.Path("out"));
        Assert.True(File.Exists(temp.Path("out", "deploy", ".clusterready-files")));
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public void A_build_step_that_fails_without_an_error_line_fails_the_publish_with_its_exit_code()
    {
        Skip.If(OperatingSystem.IsWindows(), "the scripts are POSIX shell");
        using var temp = new TempDirectory("crashing-tool");
        var crashing = temp.Path("crashing-dotnet");
        WriteScript(crashing, "echo 'Segmentation fault (core dumped)' >&2\nexit 139\n");

        var result = RunPublish("InventoryWorker", temp.Path("out"), $"-p:ClusterReadyDotnetHost={crashing}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Segmentation fault (core dumped)", result.Output, StringComparison.Ordinal);
        Assert.Contains("error CRB0007: ClusterReady: the build tool failed (exit code 139) without naming an error", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MSB3073", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Path("out", "deploy", ".clusterready-files")));
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public void A_build_step_that_dies_without_a_result_fails_the_publish_instead_of_hanging()
    {
        Skip.If(OperatingSystem.IsWindows(), "the scripts are POSIX shell");
        using var temp = new TempDirectory("killed-tool");

        // Kills the background shell that would record the exit code (its process id is in the job's pid file), then
        // itself, as an out-of-memory kill might.
        var job = Repository.Path("samples", "InventoryWorker", "obj", Repository.Configuration, "net10.0", "clusterready-deploy.pid");
        var killed = temp.Path("killed-dotnet");
        WriteScript(killed, $"sleep 1\nkill -9 $(cat '{job}')\nkill -9 $$\n");

        var result = RunPublish("InventoryWorker", temp.Path("out"), $"-p:ClusterReadyDotnetHost={killed}", "-p:ClusterReadyUseNativeTool=false");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error CRB0005: the build tool", result.Output, StringComparison.Ordinal);
    }

    [UnsupportedOSPlatform("windows")]
    private static void WriteScript(string path, string body)
    {
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    internal static string SampleProject(string sample) => Repository.Path("samples", sample, sample + ".csproj");

    internal static DeployFolder Publish(string sample, string output)
    {
        RunPublish(sample, output).EnsureSuccess($"publish {sample}");
        return new DeployFolder(output, sample);
    }

    private static ProcessResult RunPublish(string sample, string output, params string[] arguments) =>
        ExternalProcess.Dotnet(["publish", SampleProject(sample), "-c", Repository.Configuration, "-o", output, .. arguments]);

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
