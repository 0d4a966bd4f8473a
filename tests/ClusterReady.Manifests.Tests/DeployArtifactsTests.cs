using System.Security.Cryptography;
using System.Text;
using ClusterReady.Manifests;
using ClusterReady.Model;
using k8s.Models;

namespace ClusterReady.Manifests.Tests;

/// <summary>
/// The deploy folder DeployArtifacts.Create puts together: which files a model gets (the Kustomize base's objects, each
/// environment's overlay, the Helm chart and the Compose files, each only when asked for), how an overlay lists its own
/// objects and patches, the appsettings hash that rolls an environment's pods, and the Compose copy of an appsettings
/// file. What the objects say is in ContentTests, writing the folder in WriteToTests, refused requests in ValidationTests.
/// </summary>
public sealed class DeployArtifactsTests
{
    private static readonly string[] WorkerBase = ["deployment.yaml", "kustomization.yaml", "serviceaccount.yaml"];

    public static TheoryData<string, Func<DeploymentModel, DeploymentModel>, string[]> BaseObjects => new()
    {
        { "nothing declared", m => m, WorkerBase },
        { "a port", m => m with { Ports = [new PortModel { Name = "http", Port = 8080 }] }, [.. WorkerBase, "service.yaml"] },
        { "only a management port", m => m with { Ports = [new PortModel { Name = "mgmt", Port = 8081, Management = true }] }, WorkerBase },
        { "two replicas", m => m with { Replicas = 2 }, [.. WorkerBase, "poddisruptionbudget.yaml"] },
        { "autoscaling", m => m with { Autoscaling = new AutoscalingModel { CpuUtilization = 70 } }, [.. WorkerBase, "horizontalpodautoscaler.yaml", "poddisruptionbudget.yaml"] },
        { "a network policy", m => m with { NetworkPolicy = new NetworkPolicyModel() }, [.. WorkerBase, "networkpolicy.yaml"] },
        {
            "an ingress and a route",
            m => m with
            {
                Ports = [new PortModel { Name = "http", Port = 8080 }],
                Ingress = new IngressModel("orders.example.com"),
                HttpRoute = new HttpRouteModel("orders.example.com", "public"),
            },
            [.. WorkerBase, "httproute.yaml", "ingress.yaml", "service.yaml"]
        },
    };

    [Theory]
    [MemberData(nameof(BaseObjects))]
    public void The_base_holds_an_object_for_each_thing_the_model_declares_and_its_kustomization_lists_them(string description, Func<DeploymentModel, DeploymentModel> change, string[] expected)
    {
        var files = TestCases.CreateFiles(TestCases.MinimalWorker with { Model = change(TestCases.MinimalWorker.Model) }, description);

        var inBase = files.Select(f => f.RelativePath).Where(path => path.StartsWith("kubernetes/base/", StringComparison.Ordinal)).Select(path => path["kubernetes/base/".Length..]).ToArray();
        Assert.Equal(expected.Order(StringComparer.Ordinal), inBase);
        var resources = string.Concat(expected.Order(StringComparer.Ordinal).Where(name => name != "kustomization.yaml").Select(name => $"- {name}\n"));
        Assert.Contains($"\nresources:\n{resources}labels:\n", ManifestFiles.Text(files, "kubernetes/base/kustomization.yaml"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void The_Helm_chart_and_the_Compose_files_are_written_only_when_asked_for(bool helmChart, bool compose)
    {
        var files = TestCases.CreateFiles(TestCases.WebApi with { HelmChart = helmChart, Compose = compose });
        var paths = files.Select(f => f.RelativePath).ToList();

        Assert.Equal(helmChart, paths.Contains("helm/Chart.yaml"));
        // Chart.yaml, values.yaml, values.schema.json, two environments' values and nine templates.
        Assert.Equal(helmChart ? 14 : 0, paths.Count(path => path.StartsWith("helm/", StringComparison.Ordinal)));
        string[] composeFiles = ["compose.yaml", "compose.staging.yaml", "compose.production.yaml", "compose/appsettings.Staging.json", "compose/appsettings.Production.json", "secrets/.gitignore"];
        Assert.All(composeFiles, path => Assert.Equal(compose, paths.Contains(path)));
        Assert.Equal(compose ? composeFiles.Length : 0, paths.Count(path => path.StartsWith("compose", StringComparison.Ordinal) || path.StartsWith("secrets/", StringComparison.Ordinal)));
        Assert.Contains("Dockerfile", paths);
        Assert.Contains("kubernetes/overlays/production/kustomization.yaml", paths);
    }

    [Fact]
    public void Compose_ignores_the_secrets_folder_only_when_there_are_secret_volumes()
    {
        var api = TestCases.WebApi;

        var files = TestCases.CreateFiles(api with { Model = api.Model with { SecretVolumes = [] } });

        Assert.False(ManifestFiles.Has(files, "secrets/.gitignore"));
        Assert.True(ManifestFiles.Has(files, "compose.yaml"));
    }

    [Fact]
    public void An_overlay_lists_the_base_first_then_its_own_objects_by_name_then_its_patches_and_its_image_tag()
    {
        var worker = TestCases.MinimalWorker;
        var files = TestCases.CreateFiles(worker with
        {
            Model = worker.Model with
            {
                Autoscaling = new AutoscalingModel { MinReplicas = 1, CpuUtilization = 70 },
                Overlays = [new EnvironmentOverlayModel("qa") { MinReplicas = 2, ImageTag = "2.0.0-qa" }],
            },
            AppSettingsByEnvironment = new Dictionary<string, string> { ["Qa"] = "{ \"A\": 1 }" },
        });

        Assert.Equal(
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n" +
            "resources:\n- ../../base\n- configmap-qa.yaml\n- poddisruptionbudget.yaml\n" +
            "labels:\n- pairs:\n    app.kubernetes.io/managed-by: clusterready\n    app.kubernetes.io/name: inventory-worker\n    app.kubernetes.io/version: 2.0.0\n" +
            "  includeSelectors: false\n  includeTemplates: true\n" +
            "images:\n- name: inventory-worker\n  newTag: 2.0.0-qa\n" +
            "patches:\n- path: deployment-patch.yaml\n- path: horizontalpodautoscaler-patch.yaml\n",
            ManifestFiles.Text(files, "kubernetes/overlays/qa/kustomization.yaml"));
        Assert.Equal(
            ["configmap-qa.yaml", "deployment-patch.yaml", "horizontalpodautoscaler-patch.yaml", "kustomization.yaml", "poddisruptionbudget.yaml"],
            files.Select(f => f.RelativePath).Where(path => path.StartsWith("kubernetes/overlays/qa/", StringComparison.Ordinal)).Select(path => path["kubernetes/overlays/qa/".Length..]));
    }

    [Fact]
    public void An_overlay_s_autoscaling_counts_patch_no_autoscaler_when_the_base_has_none()
    {
        var worker = TestCases.MinimalWorker;
        var files = TestCases.CreateFiles(worker with { Model = worker.Model with { Overlays = [new EnvironmentOverlayModel("qa") { MinReplicas = 2, MaxReplicas = 4 }] } });

        Assert.DoesNotContain("horizontalpodautoscaler", ManifestFiles.Text(files, "kubernetes/overlays/qa/kustomization.yaml"), StringComparison.Ordinal);
        Assert.DoesNotContain(files, f => f.RelativePath.Contains("horizontalpodautoscaler", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ \"A\": 1 }")]
    [InlineData("{\r\n  \"A\": 1\r\n}\r\n")]
    public void An_environment_s_pods_roll_when_its_appsettings_change_by_the_SHA_256_of_the_file_s_text(string json)
    {
        var request = TestCases.WebDefaults with { AppSettingsByEnvironment = new Dictionary<string, string> { ["Staging"] = json } };
        var text = json.ReplaceLineEndings("\n");

        var files = TestCases.CreateFiles(request);

        var template = ManifestFiles.Get<V1Deployment>(files, "kubernetes/overlays/staging/deployment-patch.yaml").Spec.Template.Metadata;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), template.Annotations[KubernetesObjects.AppSettingsHashAnnotation]);
        Assert.Equal(text, ManifestFiles.Get<V1ConfigMap>(files, "kubernetes/overlays/staging/configmap-staging.yaml").Data["appsettings.Staging.json"]);
        // The chart hashes the same text (sha256sum of appSettings.json), so both roll the pods on the same change.
        Assert.Contains(
            "appSettings:\n  fileName: appsettings.Staging.json\n  json: " + (text.Contains('\n', StringComparison.Ordinal) ? "|\n    {\n      \"A\": 1\n    }\n" : "'{ \"A\": 1 }'\n"),
            ManifestFiles.Text(files, "helm/values-staging.yaml"),
            StringComparison.Ordinal);
        Assert.Null(ManifestFiles.Get<V1Deployment>(files, "kubernetes/overlays/production/deployment-patch.yaml").Spec.Template?.Metadata?.Annotations);
    }

    [Theory]
    [InlineData("{ \"A\": 1 }", "{ \"A\": 1 }\n")]
    [InlineData("{ \"A\": 1 }\n", "{ \"A\": 1 }\n")]
    [InlineData("{\r\n  \"A\": 1\r\n}", "{\n  \"A\": 1\n}\n")]
    public void Compose_s_copy_of_an_appsettings_file_has_Unix_newlines_and_ends_in_one(string json, string expected)
    {
        var files = TestCases.CreateFiles(TestCases.WebDefaults with { AppSettingsByEnvironment = new Dictionary<string, string> { ["Staging"] = json } });

        Assert.Equal(expected, ManifestFiles.Text(files, "compose/appsettings.Staging.json"));
        Assert.False(ManifestFiles.Has(files, "compose/appsettings.Production.json"));
    }

    [Fact]
    public void A_created_folder_comes_with_the_container_settings_and_a_refused_one_with_neither_files_nor_settings()
    {
        var created = DeployArtifacts.Create(TestCases.WebDefaults);
        var refused = DeployArtifacts.Create(TestCases.WebDefaults with { TargetFramework = "net6.0" });

        Assert.NotEqual("", created.ContainerSettings);
        Assert.Empty(refused.Files);
        Assert.Equal("", refused.ContainerSettings);
    }
}
