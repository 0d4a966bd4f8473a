using ClusterReady.Model.Declaration;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The attributes as the rules and the resolver read them (ServiceSpecReader): every property of every attribute in its
/// place, and what an attribute leaves out read as not set or as its documented default.
/// </summary>
public sealed class ServiceSpecReaderTests
{
    [Fact]
    public void Every_written_property_is_read_into_its_place()
    {
        var declaration = Declarations.With(
            Declarations.Service(
                [("Namespace", "shop"), ("Replicas", 3), ("HighlyAvailable", true)],
                ("ContainerImage", [("Repository", "acme/orders"), ("Tag", "1.2")]),
                ("ContainerPort", [("Port", 8080), ("Name", "http"), ("Protocol", "TCP")]),
                ("ContainerPort", [("Port", 9090), ("Name", "management"), ("Management", true)]),
                ("LivenessProbe", [("Path", "/live"), ("Port", "management"), ("InitialDelaySeconds", 1), ("PeriodSeconds", 2), ("TimeoutSeconds", 3), ("FailureThreshold", 4)]),
                ("ReadinessProbe", [("Path", "/ready")]),
                ("StartupProbe", [("Port", "http")]),
                ("Resources", [("CpuRequest", "1"), ("CpuLimit", "2"), ("MemoryRequest", "256Mi"), ("MemoryLimit", "512Mi")]),
                ("EnvironmentVariable", [("Name", "MODE"), ("Value", "fast")]),
                ("SecretEnvironmentVariable", [("Name", "DB"), ("SecretName", "db"), ("Key", "url"), ("Optional", true)]),
                ("SecretVolume", [("SecretName", "certs"), ("MountPath", "/certs"), ("AsConfiguration", false)]),
                ("ConfigMap", [("Name", "settings"), ("MountPath", "/settings")]),
                ("GracefulShutdown", [("DrainDelaySeconds", 6), ("ShutdownTimeoutSeconds", 7), ("MarginSeconds", 8)]),
                ("Autoscaling", [("MinReplicas", 2), ("MaxReplicas", 9), ("CpuUtilization", 70), ("MemoryUtilization", 80), ("ScaleDownStabilizationSeconds", 60)]),
                ("DisruptionBudget", [("MinAvailable", 1), ("MaxUnavailable", 2)]),
                ("Ingress", [("Host", "orders.example.com"), ("Path", "/api"), ("TlsSecretName", "tls"), ("ClassName", "nginx")]),
                ("HttpRoute", [("Host", "orders.example.com"), ("Gateway", "edge"), ("GatewayNamespace", "infra"), ("Path", "/v2")]),
                ("PodSecurity", [("RunAsUser", 1000L), ("RunAsNonRoot", true), ("AllowPrivilegeEscalation", false), ("ReadOnlyRootFilesystem", true), ("AutomountServiceAccountToken", false)]),
                ("NetworkPolicy", []),
                ("EnvironmentOverlay", [("Name", "production"), ("Replicas", 5), ("ImageTag", "2.0"), ("CpuLimit", "4"), ("MinReplicas", 3), ("MaxReplicas", 12)]),
                ("LatencyProfile", [("WarmupTimeoutSeconds", 20)]),
                ("DependsOn", [("Service", "payments")])),
            18,
            Declarations.Strings("AllowFromPodLabels", "app=web", null),
            Declarations.Strings("AllowFromNamespaces", "ingress"));

        Assert.Equal(
            new ServiceSpec(
                "Deployment", "orders-api", "shop", 3, true, "acme/orders", "1.2",
                new[] { new PortSpec(8080, "http", "TCP", false), new PortSpec(9090, "management", null, true) }.ToEquatableArray(),
                new ProbeSpec("/live", "management", 1, 2, 3, 4),
                new ProbeSpec("/ready", null, null, null, null, null),
                new ProbeSpec(null, "http", null, null, null, null),
                new ResourcesSpec("1", "2", "256Mi", "512Mi"),
                new[] { new EnvironmentVariableSpec("MODE", "fast") }.ToEquatableArray(),
                new[] { new SecretEnvironmentVariableSpec("DB", "db", "url", true) }.ToEquatableArray(),
                new[] { new SecretVolumeSpec("certs", "/certs", false) }.ToEquatableArray(),
                new[] { new ConfigMapSpec("settings", "/settings") }.ToEquatableArray(),
                new ShutdownSpec(6, 7, 8),
                new AutoscalingSpec(2, 9, 70, 80, 60),
                new DisruptionBudgetSpec(1, 2),
                new IngressSpec("orders.example.com", "/api", "tls", "nginx"),
                new HttpRouteSpec("orders.example.com", "edge", "infra", "/v2"),
                new SecuritySpec(1000, true, false, true, false),
                new NetworkPolicySpec(new[] { "app=web" }.ToEquatableArray(), new[] { "ingress" }.ToEquatableArray()),
                new[] { new OverlaySpec("production", 5, "2.0", new ResourcesSpec(null, "4", null, null), 3, 12) }.ToEquatableArray(),
                new[] { "payments" }.ToEquatableArray(),
                new LatencyProfileSpec(20)),
            declaration.Spec);
    }

    [Fact]
    public void What_an_attribute_leaves_out_reads_as_not_set_or_its_default()
    {
        var declaration = Declarations.Service(
            ("ContainerPort", [("Name", "no-number")]),
            ("Resources", []),
            ("SecretEnvironmentVariable", [("Name", "DB")]),
            ("SecretVolume", [("SecretName", "certs")]),
            ("Autoscaling", []),
            ("EnvironmentOverlay", [("Name", "dev")]),
            ("DependsOn", [("Service", 3)]));

        var spec = declaration.Spec;

        Assert.Null(spec.Namespace);
        Assert.Null(spec.Replicas);
        Assert.Null(spec.ImageRepository);
        Assert.False(spec.HighlyAvailable);
        // A port without a number is no port; resources without an amount are no resources.
        Assert.Empty(spec.Ports);
        Assert.Null(spec.Resources);
        Assert.Equal(new SecretEnvironmentVariableSpec("DB", null, null, false), Assert.Single(spec.SecretEnvironment));
        Assert.Equal(new SecretVolumeSpec("certs", null, true), Assert.Single(spec.SecretVolumes));
        Assert.Equal(new AutoscalingSpec(0, 0, null, null, null), spec.Autoscaling);
        Assert.Equal(new OverlaySpec("dev", null, null, null, null, null), Assert.Single(spec.Overlays));
        Assert.Empty(spec.DependsOn);
        Assert.All(new object?[] { spec.Liveness, spec.Shutdown, spec.DisruptionBudget, spec.Ingress, spec.HttpRoute, spec.Security, spec.NetworkPolicy, spec.LatencyProfile }, Assert.Null);
        // Read once per declaration.
        Assert.Same(spec, declaration.Spec);
    }

    [Fact]
    public void A_declaration_without_its_KubernetesService_attribute_reads_as_nothing_set()
    {
        var spec = new ServiceDeclaration("Program", new AppFacts(true, "OrdersApi"), EquatableArray<DeclaredAttribute>.Empty).Spec;

        Assert.Null(spec.Name);
        Assert.Null(spec.Replicas);
        Assert.False(spec.HighlyAvailable);
        Assert.Empty(spec.Ports);
    }
}
