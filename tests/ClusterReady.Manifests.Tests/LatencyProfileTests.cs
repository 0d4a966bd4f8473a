using ClusterReady.Manifests;
using ClusterReady.Model;
using ClusterReady.Model.Resolution;
using k8s.Models;

namespace ClusterReady.Manifests.Tests;

/// <summary>
/// [LatencyProfile] as the renderers write it: the same runtime settings in the Deployment, the image, Compose and the
/// Helm values, the environment's own where its resources differ, and the Service's same-zone traffic.
/// </summary>
public sealed class LatencyProfileTests
{
    private const string Base = "kubernetes/base";

    private static IReadOnlyList<ArtifactFile> Create(ArtifactRequest request)
    {
        var result = DeployArtifacts.Create(request);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Files;
    }

    private static string Text(IReadOnlyList<ArtifactFile> files, string path) => files.Single(f => f.RelativePath == path).Content;

    [Fact]
    public void Every_place_the_app_runs_gets_the_settings_of_its_resources()
    {
        var request = TestCases.LatencyProfile;
        var files = Create(request);
        var expected = LatencyProfile.RuntimeSettings(request.Model.Resources);
        Assert.Equal(["DOTNET_PROCESSOR_COUNT", "DOTNET_gcServer", "DOTNET_GCDynamicAdaptationMode", "DOTNET_GCHeapHardLimit"], expected.Select(e => e.Name));

        var container = ManifestFiles.Get<V1Deployment>(files, $"{Base}/deployment.yaml").Spec.Template.Spec.Containers[0];
        var compose = Text(files, "compose.yaml");
        var dockerfile = Text(files, "Dockerfile");
        var helmValues = Text(files, "helm/values.yaml");
        foreach (var setting in expected)
        {
            Assert.Equal(setting.Value, Assert.Single(container.Env, e => e.Name == setting.Name).Value);
            Assert.Contains($"\nENV {setting.Name}={setting.Value}\n", dockerfile, StringComparison.Ordinal);
            Assert.Contains($"      {setting.Name}: \"{setting.Value}\"\n", compose, StringComparison.Ordinal);
            Assert.Contains($"  {setting.Name}: \"{setting.Value}\"\n", helmValues, StringComparison.Ordinal);
        }

        // 1 GiB: a heap limit of 768 MiB.
        Assert.Equal("30000000", expected.Single(e => e.Name == "DOTNET_GCHeapHardLimit").Value);
    }

    [Fact]
    public void An_environment_with_other_resources_writes_only_the_settings_that_change()
    {
        var files = Create(TestCases.LatencyProfile);

        var production = ManifestFiles.Get<V1Deployment>(files, "kubernetes/overlays/production/deployment-patch.yaml").Spec.Template.Spec.Containers[0];
        Assert.Equal("60000000", Assert.Single(production.Env, e => e.Name == "DOTNET_GCHeapHardLimit").Value);
        Assert.DoesNotContain(production.Env, e => e.Name == "DOTNET_PROCESSOR_COUNT");
        Assert.Contains("      DOTNET_GCHeapHardLimit: \"60000000\"\n", Text(files, "compose.production.yaml"), StringComparison.Ordinal);
        Assert.Contains("DOTNET_GCHeapHardLimit: \"60000000\"\n", Text(files, "helm/values-production.yaml"), StringComparison.Ordinal);

        var staging = ManifestFiles.Get<V1Deployment>(files, "kubernetes/overlays/staging/deployment-patch.yaml").Spec.Template.Spec.Containers[0];
        Assert.DoesNotContain(staging.Env, e => e.Name.StartsWith("DOTNET_G", StringComparison.Ordinal) || e.Name == "DOTNET_PROCESSOR_COUNT");
    }

    [Fact]
    public void The_service_prefers_the_callers_zone_only_with_the_profile()
    {
        Assert.Equal("PreferSameZone", ManifestFiles.Get<V1Service>(Create(TestCases.LatencyProfile), $"{Base}/service.yaml").Spec.TrafficDistribution);

        var without = Create(TestCases.LatencyProfile with { Model = TestCases.LatencyProfile.Model with { LatencyProfile = null } });
        Assert.Null(ManifestFiles.Get<V1Service>(without, $"{Base}/service.yaml").Spec.TrafficDistribution);
        var text = string.Concat(without.Select(f => f.Content));
        Assert.DoesNotContain("DOTNET_PROCESSOR_COUNT", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DOTNET_GCHeapHardLimit", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_variable_the_service_declares_itself_wins_and_is_written_once()
    {
        var model = TestCases.LatencyProfile.Model;
        var files = Create(TestCases.LatencyProfile with
        {
            Model = model with { Environment = [.. model.Environment, new EnvironmentVariableModel("DOTNET_gcServer", "0")] },
        });

        var container = ManifestFiles.Get<V1Deployment>(files, $"{Base}/deployment.yaml").Spec.Template.Spec.Containers[0];
        Assert.Equal("0", Assert.Single(container.Env, e => e.Name == "DOTNET_gcServer").Value);
        Assert.DoesNotContain("ENV DOTNET_gcServer", Text(files, "Dockerfile"), StringComparison.Ordinal);
        Assert.Equal("2", Assert.Single(container.Env, e => e.Name == "DOTNET_PROCESSOR_COUNT").Value);
    }
}
