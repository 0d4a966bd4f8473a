using ClusterReady.Manifests;
using k8s;
using k8s.Models;

namespace ClusterReady.Manifests.Tests;

/// <summary>The base and every overlay render with <c>kubectl kustomize</c>, into what the model says.</summary>
[Trait("Category", "Slow")]
public sealed class KustomizeTests
{
    [SkippableTheory]
    [MemberData(nameof(TestCases.Names), MemberType = typeof(TestCases))]
    public void BaseAndEveryOverlayRender(string caseName)
    {
        Kustomize.RequireKubectl();
        var request = TestCases.All[caseName];
        var files = TestCases.CreateFiles(caseName);
        using var folder = new TemporaryDeployFolder(files);

        var directories = Kustomize.Directories(files);
        Assert.Equal(1 + Math.Max(request.Model.Overlays.Count, 2), directories.Count);
        var rendered = directories.Select(d => Kustomize.Render(folder, d)).ToList();
        var baseDeployment = rendered[0].Single<V1Deployment>();

        foreach (var output in rendered)
        {
            var deployment = output.Single<V1Deployment>();
            var name = deployment.Metadata.Name;
            Assert.All(output.Objects.Select(ManifestFiles.MetadataOf), o =>
            {
                Assert.Equal(request.Model.Namespace, o.Namespace);
                Assert.Equal(name, o.Labels["app.kubernetes.io/name"]);
                Assert.Equal("clusterready", o.Labels["app.kubernetes.io/managed-by"]);
                Assert.True(o.Labels.ContainsKey("app.kubernetes.io/version"), $"{output.Directory}: {o.Name} has no version label");
            });

            // Kustomize must leave the immutable selector alone while labelling the pods.
            Assert.Equal(new Dictionary<string, string> { ["app.kubernetes.io/name"] = name }, deployment.Spec.Selector.MatchLabels);
            Assert.True(deployment.Spec.Template.Metadata.Labels.ContainsKey("app.kubernetes.io/version"));
            Assert.DoesNotContain(output.Objects, o => o is V1Secret);

            if (output.Directory == "kubernetes/base")
            {
                continue;
            }

            var environment = output.Directory[(output.Directory.LastIndexOf('/') + 1)..];
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
            var baseContainer = baseDeployment.Spec.Template.Spec.Containers[0];
            var environmentName = container.Env.Single(e => e.Name == "DOTNET_ENVIRONMENT").Value;
            Assert.Equal(environment, environmentName, ignoreCase: true);

            // The patch adds to the base's settings instead of replacing them.
            Assert.Superset(baseContainer.Env?.Select(e => e.Name).ToHashSet() ?? [], container.Env.Select(e => e.Name).ToHashSet());
            Assert.Superset(baseContainer.VolumeMounts.Select(m => m.MountPath).ToHashSet(), container.VolumeMounts.Select(m => m.MountPath).ToHashSet());
            Assert.Equal(baseContainer.SecurityContext.ReadOnlyRootFilesystem, container.SecurityContext.ReadOnlyRootFilesystem);
            AssertResourcesMerged(baseContainer.Resources, overlayResources: request.Model.Overlays.FirstOrDefault(o => string.Equals(o.Name, environment, StringComparison.OrdinalIgnoreCase))?.Resources, container.Resources);

            var overlay = request.Model.Overlays.FirstOrDefault(o => string.Equals(o.Name, environment, StringComparison.OrdinalIgnoreCase));
            Assert.EndsWith(":" + (overlay?.ImageTag ?? baseContainer.Image[(baseContainer.Image.LastIndexOf(':') + 1)..]), container.Image, StringComparison.Ordinal);
            if (overlay?.Replicas is { } replicas)
            {
                Assert.Equal(replicas, deployment.Spec.Replicas);
            }

            var appSettings = request.AppSettingsByEnvironment.FirstOrDefault(p => string.Equals(p.Key, environment, StringComparison.OrdinalIgnoreCase));
            if (appSettings.Value is not null)
            {
                var mount = container.VolumeMounts.Single(m => m.MountPath == $"/app/appsettings.{appSettings.Key}.json");
                var volume = deployment.Spec.Template.Spec.Volumes.Single(v => v.Name == mount.Name);
                var configMap = output.Objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == volume.ConfigMap.Name);
                Assert.Equal(appSettings.Value, configMap.Data[mount.SubPath]);
            }
            else
            {
                Assert.DoesNotContain(container.VolumeMounts, m => m.MountPath.StartsWith("/app/appsettings", StringComparison.Ordinal));
            }

            // More than one pod in the environment: a budget keeps drains from taking them all.
            if (deployment.Spec.Replicas >= 2)
            {
                Assert.Single(output.Objects.OfType<V1PodDisruptionBudget>());
            }
        }
    }

    /// <summary>An overlay's resources replace only the values it sets; the base's others stay.</summary>
    private static void AssertResourcesMerged(V1ResourceRequirements? baseResources, Model.ResourcesModel? overlayResources, V1ResourceRequirements? rendered)
    {
        if (baseResources is null && overlayResources is null)
        {
            Assert.Null(rendered);
            return;
        }

        Assert.NotNull(rendered);
        Check(rendered.Requests, baseResources?.Requests, "cpu", overlayResources?.CpuRequest);
        Check(rendered.Requests, baseResources?.Requests, "memory", overlayResources?.MemoryRequest);
        Check(rendered.Limits, baseResources?.Limits, "cpu", overlayResources?.CpuLimit);
        Check(rendered.Limits, baseResources?.Limits, "memory", overlayResources?.MemoryLimit);

        static void Check(IDictionary<string, ResourceQuantity>? actual, IDictionary<string, ResourceQuantity>? fromBase, string name, string? fromOverlay)
        {
            var expected = fromOverlay is not null ? new ResourceQuantity(fromOverlay) : fromBase?.TryGetValue(name, out var value) == true ? value : null;
            Assert.Equal(expected, actual?.TryGetValue(name, out var renderedValue) == true ? renderedValue : null);
        }
    }

    [SkippableFact]
    public void ValuesThatLookLikeOtherTypesStayStringsThroughKustomize()
    {
        Kustomize.RequireKubectl();
        string[] values =
        [
            "0x1F", "0o17", "1_000", "+1", "1e5", ".inf", "2024-01-01", "1:20", "yes", "on", "~", "0755", "", " padded ", "a: b", "#hash",
            "ünïcødé ✓", "line one\nline two", string.Join(' ', Enumerable.Repeat("long", 60)),
        ];
        var request = TestCases.MinimalWorker with
        {
            Model = TestCases.MinimalWorker.Model with { Environment = values.Select((v, i) => new Model.EnvironmentVariableModel($"VALUE_{i}", v)).ToList() },
        };
        var files = DeployArtifacts.Create(request).Files;
        using var folder = new TemporaryDeployFolder(files);

        var rendered = Kustomize.Render(folder, "kubernetes/base");

        var env = rendered.Single<V1Deployment>().Spec.Template.Spec.Containers[0].Env;
        Assert.Equal(values, env.Select(e => e.Value));
    }
}
