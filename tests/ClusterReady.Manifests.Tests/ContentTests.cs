using ClusterReady.Manifests;
using ClusterReady.Model;
using k8s.Models;

namespace ClusterReady.Manifests.Tests;

/// <summary>What the objects say, beyond the golden files: the rules that keep the service secure and available.</summary>
public sealed class ContentTests
{
    private const string Base = "kubernetes/base";

    private static ArtifactRequest Worker(Func<DeploymentModel, DeploymentModel> change) =>
        TestCases.MinimalWorker with { Model = change(TestCases.MinimalWorker.Model) };

    [Fact]
    public void NameImageAndVersionComeFromTheAssemblyWhenTheModelLeavesThemOut()
    {
        var files = TestCases.CreateFiles(TestCases.WebApi with { Model = TestCases.WebApi.Model with { ImageRepository = null } });

        var deployment = ManifestFiles.Get<V1Deployment>(files, $"{Base}/deployment.yaml");
        Assert.Equal("orders-api", deployment.Metadata.Name);
        Assert.Equal("orders-api:1.4.2", deployment.Spec.Template.Spec.Containers[0].Image);
        var kustomization = files.Single(f => f.RelativePath == $"{Base}/kustomization.yaml").Content;
        Assert.Contains("app.kubernetes.io/version: 1.4.2\n", kustomization, StringComparison.Ordinal);
        Assert.DoesNotContain("5f3c2a1", string.Concat(files.Select(f => f.Content)), StringComparison.Ordinal);
    }

    [Fact]
    public void SelectorsUseOnlyTheNameLabel()
    {
        // Every selector in every case's base; the cases together must reach each kind that has one, so a check
        // cannot be skipped because no case writes that object.
        var checkedKinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var caseName in TestCases.All.Keys)
        {
            var files = TestCases.CreateFiles(caseName);
            var deployment = ManifestFiles.Get<V1Deployment>(files, $"{Base}/deployment.yaml");
            var expected = new Dictionary<string, string> { ["app.kubernetes.io/name"] = deployment.Metadata.Name };

            Assert.Equal(expected, deployment.Spec.Selector.MatchLabels);
            Assert.Equal(expected, deployment.Spec.Template.Metadata.Labels);
            checkedKinds.Add("Deployment");
            if (ManifestFiles.Has(files, $"{Base}/service.yaml"))
            {
                Assert.Equal(expected, ManifestFiles.Get<V1Service>(files, $"{Base}/service.yaml").Spec.Selector);
                checkedKinds.Add("Service");
            }

            if (ManifestFiles.Has(files, $"{Base}/poddisruptionbudget.yaml"))
            {
                Assert.Equal(expected, ManifestFiles.Get<V1PodDisruptionBudget>(files, $"{Base}/poddisruptionbudget.yaml").Spec.Selector.MatchLabels);
                checkedKinds.Add("PodDisruptionBudget");
            }
        }

        Assert.Equal(["Deployment", "PodDisruptionBudget", "Service"], checkedKinds);
    }

    [Fact]
    public void HighAvailabilityMeansAtLeastTwoReplicasAndABudget()
    {
        var files = TestCases.CreateFiles(Worker(m => m with { HighlyAvailable = true, Replicas = 1 }));

        Assert.Equal(2, ManifestFiles.Get<V1Deployment>(files, $"{Base}/deployment.yaml").Spec.Replicas);
        var budget = ManifestFiles.Get<V1PodDisruptionBudget>(files, $"{Base}/poddisruptionbudget.yaml");
        Assert.Equal("1", budget.Spec.MaxUnavailable.Value);
        Assert.Null(budget.Spec.MinAvailable);
    }

    [Fact]
    public void ASingleReplicaHasNoBudgetInTheBaseButProductionHasOne()
    {
        var files = TestCases.CreateFiles("worker");

        Assert.False(ManifestFiles.Has(files, $"{Base}/poddisruptionbudget.yaml"));
        Assert.Equal(2, ManifestFiles.Get<V1Deployment>(files, "kubernetes/overlays/production/deployment-patch.yaml").Spec.Replicas);
        Assert.True(ManifestFiles.Has(files, "kubernetes/overlays/production/poddisruptionbudget.yaml"));
        Assert.False(ManifestFiles.Has(files, "kubernetes/overlays/staging/poddisruptionbudget.yaml"));
    }

    [Fact]
    public void AnOverlayWithReplicasZeroScalesItsEnvironmentToZeroAndAddsNoBudget()
    {
        var files = TestCases.CreateFiles(Worker(m => m with { Replicas = 3, Overlays = [new EnvironmentOverlayModel("dev") { Replicas = 0 }] }));

        Assert.Equal(3, ManifestFiles.Get<V1Deployment>(files, $"{Base}/deployment.yaml").Spec.Replicas);
        Assert.Equal(0, ManifestFiles.Get<V1Deployment>(files, "kubernetes/overlays/dev/deployment-patch.yaml").Spec.Replicas);
        Assert.False(ManifestFiles.Has(files, "kubernetes/overlays/dev/poddisruptionbudget.yaml"));
    }

    [Fact]
    public void RolloutsNeverGoBelowTheReplicaCount()
    {
        var deployment = ManifestFiles.Get<V1Deployment>(TestCases.CreateFiles("worker"), $"{Base}/deployment.yaml");

        Assert.Equal("RollingUpdate", deployment.Spec.Strategy.Type);
        Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.True(deployment.Spec.MinReadySeconds > 0);
        Assert.NotNull(deployment.Spec.RevisionHistoryLimit);
    }

    [Fact]
    public void ReplicasStayWithinTheAutoscalingRange()
    {
        var files = TestCases.CreateFiles(TestCases.WebApi with { Model = TestCases.WebApi.Model with { Replicas = 1, HighlyAvailable = false } });

        // The base autoscaler's minimum is 3; production raises it to 4.
        Assert.Equal(3, ManifestFiles.Get<V1Deployment>(files, $"{Base}/deployment.yaml").Spec.Replicas);
        Assert.Equal(4, ManifestFiles.Get<V1Deployment>(files, "kubernetes/overlays/production/deployment-patch.yaml").Spec.Replicas);
        var autoscaler = ManifestFiles.Get<V2HorizontalPodAutoscaler>(files, "kubernetes/overlays/production/horizontalpodautoscaler-patch.yaml");
        Assert.Equal(4, autoscaler.Spec.MinReplicas);
        Assert.Equal(20, autoscaler.Spec.MaxReplicas);
    }

    [Theory]
    [InlineData(null, 75, "Resource:memory:Utilization:75")]
    [InlineData(60, null, "Resource:cpu:Utilization:60")]
    [InlineData(60, 75, "Resource:cpu:Utilization:60 Resource:memory:Utilization:75")]
    [InlineData(null, null, "Resource:cpu:Utilization:80")]
    public void TheAutoscalerScalesOnTheDeclaredUtilizationsOnlyAndOnCpuAt80PercentWhenNoneIsDeclared(int? cpu, int? memory, string metrics)
    {
        var files = TestCases.CreateFiles(Worker(m => m with { Autoscaling = new AutoscalingModel { MinReplicas = 2, MaxReplicas = 5, CpuUtilization = cpu, MemoryUtilization = memory } }));

        var autoscaler = ManifestFiles.Get<V2HorizontalPodAutoscaler>(files, $"{Base}/horizontalpodautoscaler.yaml");
        Assert.Equal(metrics, string.Join(" ", autoscaler.Spec.Metrics.Select(m => $"{m.Type}:{m.Resource.Name}:{m.Resource.Target.Type}:{m.Resource.Target.AverageUtilization}")));
    }

    [Fact]
    public void TerminationGracePeriodCoversDrainShutdownAndMarginWithoutAPreStopHook()
    {
        var deployment = ManifestFiles.Get<V1Deployment>(TestCases.CreateFiles("web-api"), $"{Base}/deployment.yaml");

        Assert.Equal(10 + 30 + 5, deployment.Spec.Template.Spec.TerminationGracePeriodSeconds);
        Assert.Null(deployment.Spec.Template.Spec.Containers[0].Lifecycle);
    }

    [Fact]
    public void ProbesWithoutAPortUseTheManagementPortElseTheFirstPort()
    {
        var withManagement = ManifestFiles.Get<V1Deployment>(TestCases.CreateFiles("web-api"), $"{Base}/deployment.yaml").Spec.Template.Spec.Containers[0];
        var withoutManagement = ManifestFiles.Get<V1Deployment>(TestCases.CreateFiles("web-defaults"), $"{Base}/deployment.yaml").Spec.Template.Spec.Containers[0];

        Assert.Equal("mgmt", withManagement.ReadinessProbe.HttpGet.Port.Value);
        Assert.Equal("mgmt", withManagement.LivenessProbe.HttpGet.Port.Value);
        Assert.Equal("http", withoutManagement.ReadinessProbe.HttpGet.Port.Value);
        Assert.Equal("/ready", withoutManagement.ReadinessProbe.HttpGet.Path);
    }

    [Fact]
    public void TheServiceExposesApplicationPortsByNameButNotTheManagementPort()
    {
        var files = TestCases.CreateFiles("web-api");
        var service = ManifestFiles.Get<V1Service>(files, $"{Base}/service.yaml");

        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal("http", port.Name);
        Assert.Equal("http", port.TargetPort.Value);
        Assert.Equal("ClusterIP", service.Spec.Type);
        var ingressPort = ManifestFiles.Get<V1Ingress>(files, $"{Base}/ingress.yaml").Spec.Rules[0].Http.Paths[0].Backend.Service.Port;
        Assert.Equal("http", ingressPort.Name);
        var policyPort = Assert.Single(Assert.Single(ManifestFiles.Get<V1NetworkPolicy>(files, $"{Base}/networkpolicy.yaml").Spec.Ingress).Ports);
        Assert.Equal("8080", policyPort.Port.Value);
    }

    [Fact]
    public void TheHttpRouteAttachesToItsGatewayAndSendsThePathPrefixToTheServicePortNumber()
    {
        var files = TestCases.CreateFiles("web-api");
        var service = ManifestFiles.Get<V1Service>(files, $"{Base}/service.yaml");
        var route = ManifestFiles.Get<HttpRoute>(files, $"{Base}/httproute.yaml");

        Assert.Equal("gateway.networking.k8s.io/v1", route.ApiVersion);
        Assert.Equal("HTTPRoute", route.Kind);
        var parent = Assert.Single(route.Spec.ParentRefs);
        Assert.Equal(("public", "gateways"), (parent.Name, parent.Namespace));
        Assert.Equal(["orders.example.com"], route.Spec.Hostnames);
        var rule = Assert.Single(route.Spec.Rules);
        var match = Assert.Single(rule.Matches);
        Assert.Equal(("PathPrefix", "/api"), (match.Path.Type, match.Path.Value));
        var backend = Assert.Single(rule.BackendRefs);
        Assert.Equal(service.Metadata.Name, backend.Name);
        Assert.Equal(Assert.Single(service.Spec.Ports).Port, backend.Port);
    }

    [Fact]
    public void AModelWithoutARouteWritesNone()
    {
        Assert.False(ManifestFiles.Has(TestCases.CreateFiles("worker"), $"{Base}/httproute.yaml"));
        Assert.False(ManifestFiles.Has(TestCases.CreateFiles("web-defaults"), $"{Base}/httproute.yaml"));
    }

    [Fact]
    public void AWorkerWithoutPortsHasNoServiceAndANetworkPolicyDeniesAllIngress()
    {
        var files = TestCases.CreateFiles(Worker(m => m with { NetworkPolicy = new NetworkPolicyModel() }));

        Assert.False(ManifestFiles.Has(files, $"{Base}/service.yaml"));
        var policy = ManifestFiles.Get<V1NetworkPolicy>(files, $"{Base}/networkpolicy.yaml");
        Assert.Empty(policy.Spec.Ingress);
        Assert.Equal(["Ingress"], policy.Spec.PolicyTypes);
    }

    [Fact]
    public void ANetworkPolicyThatListsNoPeersAdmitsEveryPodOfTheNamespaceOnTheApplicationPorts()
    {
        var files = TestCases.CreateFiles(TestCases.WebDefaults with { Model = TestCases.WebDefaults.Model with { NetworkPolicy = new NetworkPolicyModel() } });

        Assert.Equal(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: catalog-api
            spec:
              ingress:
              - from:
                - podSelector: {}
                ports:
                - port: 8080
                  protocol: TCP
              podSelector:
                matchLabels:
                  app.kubernetes.io/name: catalog-api
              policyTypes:
              - Ingress

            """.ReplaceLineEndings("\n"),
            ManifestFiles.Text(files, $"{Base}/networkpolicy.yaml"));
    }

    [Fact]
    public void SecretsAreOnlyReferenced()
    {
        var files = TestCases.CreateFiles("web-api");
        var container = ManifestFiles.Get<V1Deployment>(files, $"{Base}/deployment.yaml").Spec.Template.Spec.Containers[0];

        var secretVariable = container.Env.Single(e => e.Name == "ConnectionStrings__Orders");
        Assert.Null(secretVariable.Value);
        Assert.Equal(("orders-db", "connection-string"), (secretVariable.ValueFrom.SecretKeyRef.Name, secretVariable.ValueFrom.SecretKeyRef.Key));
        Assert.True(container.VolumeMounts.Single(m => m.MountPath == "/app/secrets/signing").ReadOnlyProperty);
        Assert.All(files, f => Assert.DoesNotContain("kind: Secret\n", f.Content, StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigMapsWithoutMountPathBecomeEnvironmentVariables()
    {
        var container = ManifestFiles.Get<V1Deployment>(TestCases.CreateFiles("web-api"), $"{Base}/deployment.yaml").Spec.Template.Spec.Containers[0];

        Assert.Equal("orders-features", Assert.Single(container.EnvFrom).ConfigMapRef.Name);
        Assert.Contains(container.VolumeMounts, m => m.MountPath == "/etc/orders/rules");
    }

    [Fact]
    public void TheServiceAccountTokenIsOnlyMountedWhenAskedFor()
    {
        var defaults = TestCases.CreateFiles("worker");
        var asked = TestCases.CreateFiles(Worker(m => m with { Security = new SecurityModel { AutomountServiceAccountToken = true } }));

        Assert.False(ManifestFiles.Get<V1ServiceAccount>(defaults, $"{Base}/serviceaccount.yaml").AutomountServiceAccountToken);
        Assert.False(ManifestFiles.Get<V1Deployment>(defaults, $"{Base}/deployment.yaml").Spec.Template.Spec.AutomountServiceAccountToken);
        Assert.True(ManifestFiles.Get<V1Deployment>(asked, $"{Base}/deployment.yaml").Spec.Template.Spec.AutomountServiceAccountToken);
    }

    [Fact]
    public void PodsSpreadOverNodesAndZonesWithoutBlockingScheduling()
    {
        var spread = ManifestFiles.Get<V1Deployment>(TestCases.CreateFiles("worker"), $"{Base}/deployment.yaml").Spec.Template.Spec.TopologySpreadConstraints;

        Assert.Equal(["kubernetes.io/hostname", "topology.kubernetes.io/zone"], spread.Select(s => s.TopologyKey));
        Assert.All(spread, s =>
        {
            Assert.Equal("ScheduleAnyway", s.WhenUnsatisfiable);
            Assert.Equal("inventory-worker", s.LabelSelector.MatchLabels["app.kubernetes.io/name"]);
        });
    }

    [Fact]
    public void OverlaysSetTheEnvironmentAndMountItsAppSettings()
    {
        var files = TestCases.CreateFiles("web-api");
        var patch = ManifestFiles.Get<V1Deployment>(files, "kubernetes/overlays/staging/deployment-patch.yaml");
        var container = Assert.Single(patch.Spec.Template.Spec.Containers);

        Assert.Equal("Staging", container.Env.Single(e => e.Name == "DOTNET_ENVIRONMENT").Value);
        Assert.Equal("Staging", container.Env.Single(e => e.Name == "ASPNETCORE_ENVIRONMENT").Value);
        var mount = Assert.Single(container.VolumeMounts);
        Assert.Equal(("/app/appsettings.Staging.json", "appsettings.Staging.json"), (mount.MountPath, mount.SubPath));
        var configMap = ManifestFiles.Get<V1ConfigMap>(files, "kubernetes/overlays/staging/configmap-staging.yaml");
        Assert.Equal(TestCases.WebApi.AppSettingsByEnvironment["Staging"], configMap.Data["appsettings.Staging.json"]);
        Assert.Equal(configMap.Metadata.Name, Assert.Single(patch.Spec.Template.Spec.Volumes).ConfigMap.Name);
        // Development has appsettings but no overlay: nothing is written for it.
        Assert.DoesNotContain(files, f => f.RelativePath.Contains("evelopment", StringComparison.Ordinal));
    }

    [Fact]
    public void ChangedAppSettingsChangeThePodTemplateSoThePodsRoll()
    {
        var before = ManifestFiles.Get<V1Deployment>(TestCases.CreateFiles("web-defaults"), "kubernetes/overlays/staging/deployment-patch.yaml");
        var changedRequest = TestCases.WebDefaults with { AppSettingsByEnvironment = new Dictionary<string, string> { ["Staging"] = "{ \"Catalog\": { \"PageSize\": 50 } }" } };
        var after = ManifestFiles.Get<V1Deployment>(TestCases.CreateFiles(changedRequest), "kubernetes/overlays/staging/deployment-patch.yaml");

        Assert.NotEqual(
            before.Spec.Template.Metadata.Annotations[KubernetesObjects.AppSettingsHashAnnotation],
            after.Spec.Template.Metadata.Annotations[KubernetesObjects.AppSettingsHashAnnotation]);
    }

    [Fact]
    public void TheEnvironmentNameFollowsTheAppSettingsFileCasing()
    {
        var request = TestCases.MinimalWorker with
        {
            Model = TestCases.MinimalWorker.Model with { Overlays = [new EnvironmentOverlayModel("QA"), new EnvironmentOverlayModel("perf")] },
            AppSettingsByEnvironment = new Dictionary<string, string> { ["Qa"] = "{}" },
        };

        var files = TestCases.CreateFiles(request);

        var qa = Assert.Single(ManifestFiles.Get<V1Deployment>(files, "kubernetes/overlays/qa/deployment-patch.yaml").Spec.Template.Spec.Containers);
        Assert.Equal("Qa", Assert.Single(qa.Env).Value);
        Assert.Equal("/app/appsettings.Qa.json", Assert.Single(qa.VolumeMounts).MountPath);
        var perf = Assert.Single(ManifestFiles.Get<V1Deployment>(files, "kubernetes/overlays/perf/deployment-patch.yaml").Spec.Template.Spec.Containers);
        Assert.Equal("Perf", Assert.Single(perf.Env).Value);
        Assert.DoesNotContain(files, f => f.RelativePath.StartsWith("kubernetes/overlays/staging/", StringComparison.Ordinal));
    }

    [Fact]
    public void TheFileCasingWinsEvenWhenTheDictionaryIgnoresCase()
    {
        var request = TestCases.WebDefaults with
        {
            AppSettingsByEnvironment = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Staging"] = "{}" },
        };

        var container = ManifestFiles.Get<V1Deployment>(TestCases.CreateFiles(request), "kubernetes/overlays/staging/deployment-patch.yaml").Spec.Template.Spec.Containers[0];

        Assert.Equal("/app/appsettings.Staging.json", Assert.Single(container.VolumeMounts).MountPath);
        Assert.Equal("Staging", container.Env[0].Value);
    }

    [Theory]
    [InlineData("production", new[] { "Production", "production" }, "production")]
    [InlineData("Production", new[] { "production", "Production" }, "Production")]
    [InlineData("production", new[] { "Production", "PRODUCTION" }, "PRODUCTION")]
    public void OfAppSettingsFilesThatDifferOnlyInCaseTheOneCasedAsTheOverlayWinsElseTheOrdinallyFirst(string overlay, string[] fileCasings, string environment)
    {
        var request = TestCases.MinimalWorker with
        {
            Model = TestCases.MinimalWorker.Model with { Overlays = [new EnvironmentOverlayModel(overlay)] },
            AppSettingsByEnvironment = fileCasings.ToDictionary(casing => casing, casing => $"{{ \"File\": \"{casing}\" }}"),
        };

        var files = TestCases.CreateFiles(request);

        var container = Assert.Single(ManifestFiles.Get<V1Deployment>(files, "kubernetes/overlays/production/deployment-patch.yaml").Spec.Template.Spec.Containers);
        Assert.Equal(environment, Assert.Single(container.Env).Value);
        Assert.Equal($"/app/appsettings.{environment}.json", Assert.Single(container.VolumeMounts).MountPath);
        var configMap = ManifestFiles.Get<V1ConfigMap>(files, "kubernetes/overlays/production/configmap-production.yaml");
        Assert.Equal(new Dictionary<string, string> { [$"appsettings.{environment}.json"] = $"{{ \"File\": \"{environment}\" }}" }, configMap.Data);
    }

    [Fact]
    public void IntegerBudgetsAreWrittenAsIntegers()
    {
        var files = TestCases.CreateFiles(Worker(m => m with { Replicas = 3, DisruptionBudget = new DisruptionBudgetModel { MinAvailable = "2" } }));

        // "2" in quotes would be read as a (malformed) percentage.
        Assert.Contains("minAvailable: 2\n", files.Single(f => f.RelativePath == $"{Base}/poddisruptionbudget.yaml").Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "2")]
    [InlineData(null, "25%")]
    [InlineData("2", null)]
    [InlineData("50%", null)]
    public void TheBudgetWritesTheSettingThatWasAskedForAndOnlyThat(string? minAvailable, string? maxUnavailable)
    {
        var files = TestCases.CreateFiles(Worker(m => m with { Replicas = 4, DisruptionBudget = new DisruptionBudgetModel { MinAvailable = minAvailable, MaxUnavailable = maxUnavailable } }));

        var spec = ManifestFiles.Get<V1PodDisruptionBudget>(files, $"{Base}/poddisruptionbudget.yaml").Spec;
        Assert.Equal(minAvailable, spec.MinAvailable?.Value);
        Assert.Equal(maxUnavailable, spec.MaxUnavailable?.Value);

        // A count is an integer in the YAML: the API server reads the string "2" as a malformed percentage.
        var yaml = files.Single(f => f.RelativePath == $"{Base}/poddisruptionbudget.yaml").Content;
        foreach (var (key, value) in new[] { ("minAvailable", minAvailable), ("maxUnavailable", maxUnavailable) })
        {
            if (value is not null && !value.EndsWith('%'))
            {
                Assert.Contains($"  {key}: {value}\n", yaml, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("250m", null, "cpu")]
    [InlineData(null, "1", "cpu")]
    public void RequestsAndLimitsAreWrittenEachOnItsOwn(string? cpuRequest, string? cpuLimit, string resource)
    {
        var files = TestCases.CreateFiles(Worker(m => m with { Resources = new ResourcesModel { CpuRequest = cpuRequest, CpuLimit = cpuLimit } }));

        var resources = ManifestFiles.Get<V1Deployment>(files, $"{Base}/deployment.yaml").Spec.Template.Spec.Containers[0].Resources;
        Assert.Equal(cpuRequest, resources.Requests?[resource].ToString());
        Assert.Equal(cpuLimit, resources.Limits?[resource].ToString());
    }

    [Fact]
    public void VolumesAreNamedAfterWhatTheyMountUnlessTheNameIsTooLongOrTaken()
    {
        var fits = new string('s', 63 - "secret-".Length);
        var files = TestCases.CreateFiles(Worker(m => m with
        {
            SecretVolumes =
            [
                new SecretVolumeModel(fits, "/app/secrets/a"),
                new SecretVolumeModel(fits + "s", "/app/secrets/b"),
                new SecretVolumeModel("orders.db", "/app/secrets/c"),
                new SecretVolumeModel("orders-db", "/app/secrets/d"),
            ],
        }));

        var volumes = ManifestFiles.Get<V1Deployment>(files, $"{Base}/deployment.yaml").Spec.Template.Spec.Volumes.Select(v => v.Name).ToList();
        // 63 characters fit a label; 64 do not, so the position names it; a dot becomes a dash, and a name already taken gets its position.
        Assert.Equal(["secret-" + fits, "secret-1", "secret-orders-db", "secret-3"], volumes.Where(v => v.StartsWith("secret-", StringComparison.Ordinal)));
    }

    [Fact]
    public void WithoutAnImageTagTheImageIsTaggedWithTheAssemblyVersionWithoutItsBuildMetadata()
    {
        var files = TestCases.CreateFiles(TestCases.WebApi with { AssemblyVersion = "2.3.4-rc.1+5f3c2a1", Model = TestCases.WebApi.Model with { ImageTag = null } });

        var image = ManifestFiles.Get<V1Deployment>(files, $"{Base}/deployment.yaml").Spec.Template.Spec.Containers[0].Image;
        Assert.Equal("registry.example.com/shop/orders-api:2.3.4-rc.1", image);
    }

    [Fact]
    public void ADeclaredImageTagWinsOverTheAssemblyVersion()
    {
        var files = TestCases.CreateFiles(TestCases.WebApi with { AssemblyVersion = "2.3.4", Model = TestCases.WebApi.Model with { ImageTag = "stable" } });

        Assert.EndsWith(":stable", ManifestFiles.Get<V1Deployment>(files, $"{Base}/deployment.yaml").Spec.Template.Spec.Containers[0].Image, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAServiceNameTheObjectsAreNamedAfterTheAssembly()
    {
        var files = TestCases.CreateFiles(TestCases.MinimalWorker with { AssemblyName = "Inventory.Worker", Model = TestCases.MinimalWorker.Model with { Name = null } });

        Assert.Equal("inventory-worker", ManifestFiles.Get<V1Deployment>(files, $"{Base}/deployment.yaml").Metadata.Name);
    }

    [Fact]
    public void ADeclaredServiceNameWinsOverTheAssemblysName()
    {
        var files = TestCases.CreateFiles(TestCases.MinimalWorker with { AssemblyName = "Inventory.Worker", Model = TestCases.MinimalWorker.Model with { Name = "stock-keeper" } });

        Assert.Equal("stock-keeper", ManifestFiles.Get<V1Deployment>(files, $"{Base}/deployment.yaml").Metadata.Name);
    }

    [Theory]
    [InlineData(true, "net10.0", "FROM mcr.microsoft.com/dotnet/aspnet:10.0\n")]
    [InlineData(false, "net10.0", "FROM mcr.microsoft.com/dotnet/runtime:10.0\n")]
    [InlineData(true, "net9.0", "FROM mcr.microsoft.com/dotnet/aspnet:9.0\n")]
    public void TheDockerfileUsesTheRuntimeImageOfTheTargetFramework(bool isWeb, string framework, string from)
    {
        var files = TestCases.CreateFiles(TestCases.WebDefaults with { IsWebProject = isWeb, TargetFramework = framework });

        Assert.Contains(from, files.Single(f => f.RelativePath == "Dockerfile").Content, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDockerfileRunsTheAppAsTheAppUserInExecFormWithoutModelValues()
    {
        var dockerfile = TestCases.CreateFiles("web-api").Single(f => f.RelativePath == "Dockerfile").Content;
        var lines = dockerfile.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();

        Assert.Equal("ENTRYPOINT [\"dotnet\", \"Orders.Api.dll\"]", lines[^1]);
        Assert.True(lines.IndexOf("USER 1654") > lines.IndexOf("COPY . ."));
        Assert.Contains("EXPOSE 8080/tcp", lines);
        Assert.Contains("EXPOSE 8081/tcp", lines);
        Assert.Contains("ENV ASPNETCORE_HTTP_PORTS=8080", lines);
        Assert.Contains("podman build -f deploy/Dockerfile", dockerfile, StringComparison.Ordinal);
        foreach (var variable in TestCases.WebApi.Model.Environment)
        {
            Assert.DoesNotContain(variable.Name, dockerfile, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("orders-db", dockerfile, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Café.Api", "ENTRYPOINT [\"dotnet\", \"Café.Api.dll\"]")]
    [InlineData("R&D+Tools.Api", "ENTRYPOINT [\"dotnet\", \"R&D+Tools.Api.dll\"]")]
    public void TheEntrypointKeepsTheAssemblyNameAsItIsEscapingOnlyWhatJsonRequires(string assemblyName, string entrypoint)
    {
        // Docker reads the exec form as JSON: "\u00E9" would do too, but the line would no longer show the file's name.
        var request = TestCases.WebDefaults with { AssemblyName = assemblyName, Model = TestCases.WebDefaults.Model with { Name = "catalog-api" } };

        var dockerfile = TestCases.CreateFiles(request).Single(f => f.RelativePath == "Dockerfile").Content;

        Assert.Equal(entrypoint, dockerfile.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
    }

    [Fact]
    public void TheIgnoreFileKeepsTheDeployFolderOutOfTheImage()
    {
        var ignore = TestCases.CreateFiles("worker").Single(f => f.RelativePath == "Dockerfile.dockerignore").Content;

        Assert.Contains("deploy", ignore.Split('\n').Where(l => !l.StartsWith('#')));
    }

    [Fact]
    public void TheNamespaceReachesTheObjectsOfEveryOverlay()
    {
        var files = TestCases.CreateFiles("web-api");

        Assert.All(files.Where(f => f.RelativePath.EndsWith("kustomization.yaml", StringComparison.Ordinal)),
            f => Assert.Contains("namespace: orders\n", f.Content, StringComparison.Ordinal));
    }
}
