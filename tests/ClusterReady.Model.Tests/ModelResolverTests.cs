using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The resolver on declarations: what the attributes leave open is filled with the documented defaults, what they set
/// is kept, and each environment is the base with its overlay applied. The values are the README's defaults, written
/// out, so a changed default fails here as well as in the golden files.
/// </summary>
public sealed class ModelResolverTests
{
    private static DeploymentModel Resolve(params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) =>
        ModelResolver.Resolve(Declarations.Service(attributes));

    private static DeploymentModel ResolveWeb(params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) =>
        ModelResolver.Resolve(Declarations.WebApp(Declarations.Service(attributes)));

    [Fact]
    public void An_environment_runs_at_fewest_its_autoscaler_s_minimum_else_its_replicas()
    {
        // Five replicas to start with, but the autoscaler may go down to three.
        var scaled = ModelResolver.Environments(ModelResolver.Resolve(Declarations.Service(
            [("Replicas", 5)], ("Autoscaling", [("MinReplicas", 2), ("MaxReplicas", 6)]), ("EnvironmentOverlay", [("Name", "production"), ("MinReplicas", 3)]))));
        var fixedCount = ModelResolver.Environments(Resolve(("EnvironmentOverlay", [("Name", "production"), ("Replicas", 4)])));

        Assert.Equal((5, 3), (Assert.Single(scaled).Replicas, scaled[0].FewestReplicas));
        Assert.Equal(4, Assert.Single(fixedCount).FewestReplicas);
    }

    [Fact]
    public void A_web_app_without_ports_serves_http_on_8080_and_a_worker_a_management_port_on_8081()
    {
        var web = Assert.Single(ResolveWeb().Ports);
        Assert.Equal(("http", 8080, "TCP", false), (web.Name, web.Port, web.Protocol, web.Management));
        var worker = Assert.Single(Resolve().Ports);
        Assert.Equal(("management", 8081, "TCP", true), (worker.Name, worker.Port, worker.Protocol, worker.Management));
    }

    [Fact]
    public void Unnamed_ports_are_named_http_then_http_and_their_number_and_the_management_port_management()
    {
        var model = ResolveWeb(
            ("ContainerPort", [("Port", 8080)]),
            ("ContainerPort", [("Port", 9090), ("Management", true)]),
            ("ContainerPort", [("Port", 8443), ("Protocol", "UDP")]),
            ("ContainerPort", [("Port", 7000), ("Name", "grpc")]));

        Assert.Equal(
            [("http", 8080, "TCP", false), ("management", 9090, "TCP", true), ("http-8443", 8443, "UDP", false), ("grpc", 7000, "TCP", false)],
            model.Ports.Select(p => (p.Name, p.Port, p.Protocol, p.Management)));
        // Probes without a port of their own go to the management port.
        Assert.Equal(("management", "management", "management"), (model.Liveness!.Port, model.Readiness!.Port, model.Startup!.Port));
    }

    [Fact]
    public void Without_a_management_port_the_probes_go_to_the_first_port_and_a_probe_keeps_its_own()
    {
        var model = ResolveWeb(
            ("ContainerPort", [("Port", 8080), ("Name", "web")]),
            ("ContainerPort", [("Port", 8443)]),
            ("ReadinessProbe", [("Path", "/ready"), ("Port", "http-8443"), ("TimeoutSeconds", 4)]));

        Assert.Equal(("web", "/healthz/live"), (model.Liveness!.Port, model.Liveness!.Path));
        Assert.Equal(("http-8443", "/ready"), (model.Readiness!.Port, model.Readiness!.Path));
        Assert.Equal((5, 4, 3, 0), (model.Readiness!.PeriodSeconds, model.Readiness!.TimeoutSeconds, model.Readiness!.FailureThreshold, model.Readiness!.InitialDelaySeconds));
        Assert.Equal((10, 2, 3), (model.Liveness!.PeriodSeconds, model.Liveness!.TimeoutSeconds, model.Liveness!.FailureThreshold));
        Assert.Equal(("/healthz/startup", 3, 2, 20), (model.Startup!.Path, model.Startup!.PeriodSeconds, model.Startup!.TimeoutSeconds, model.Startup!.FailureThreshold));
    }

    [Fact]
    public void The_pod_runs_as_user_1654_non_root_read_only_without_escalation_or_token_unless_declared_otherwise()
    {
        var secure = Resolve().Security;
        Assert.Equal((1654L, true, false, true, false), (secure.RunAsUser, secure.RunAsNonRoot, secure.AllowPrivilegeEscalation, secure.ReadOnlyRootFilesystem, secure.AutomountServiceAccountToken));

        var declared = Resolve(("PodSecurity", [("RunAsUser", 2000L), ("RunAsNonRoot", false), ("AllowPrivilegeEscalation", true), ("ReadOnlyRootFilesystem", false), ("AutomountServiceAccountToken", true)])).Security;
        Assert.Equal((2000L, false, true, false, true), (declared.RunAsUser, declared.RunAsNonRoot, declared.AllowPrivilegeEscalation, declared.ReadOnlyRootFilesystem, declared.AutomountServiceAccountToken));
    }

    [Theory]
    [InlineData(0, false, 1)]
    [InlineData(0, true, 2)]
    [InlineData(3, false, 3)]
    [InlineData(3, true, 3)]
    public void Replicas_are_the_declared_count_else_2_when_highly_available_else_1(int declared, bool highlyAvailable, int expected)
    {
        (string, object)[] arguments = declared > 0 ? [("HighlyAvailable", highlyAvailable), ("Replicas", declared)] : [("HighlyAvailable", highlyAvailable)];
        var declaration = Declarations.Service(arguments);

        Assert.Equal(expected, ModelResolver.Resolve(declaration).Replicas);
    }

    [Theory]
    [InlineData(1, false, null, null, 1)]
    [InlineData(1, true, null, null, 2)]
    [InlineData(5, true, null, null, 5)]
    [InlineData(1, false, 3, 6, 3)]
    [InlineData(9, false, 3, 6, 6)]
    [InlineData(4, false, 3, 6, 4)]
    // A range the rules refuse (min above max) leaves the count alone: nothing to clamp into.
    [InlineData(9, false, 6, 3, 9)]
    [InlineData(9, false, 4, 4, 4)]
    public void The_base_runs_its_replicas_at_least_2_when_highly_available_and_inside_the_autoscaling_range(int replicas, bool highlyAvailable, int? min, int? max, int expected)
    {
        var model = new DeploymentModel
        {
            Replicas = replicas,
            HighlyAvailable = highlyAvailable,
            Autoscaling = min is null ? null : new AutoscalingModel { MinReplicas = min.Value, MaxReplicas = max!.Value },
        };

        Assert.Equal(expected, ModelResolver.BaseReplicas(model));
    }

    [Fact]
    public void An_overlay_autoscaling_count_of_0_or_less_is_not_set_replicas_0_scale_it_to_zero_and_a_positive_count_is_kept()
    {
        var model = Resolve(
            ("Autoscaling", [("MinReplicas", 2), ("MaxReplicas", 8)]),
            ("EnvironmentOverlay", [("Name", "staging"), ("Replicas", 0), ("MinReplicas", 0), ("MaxReplicas", -1)]),
            ("EnvironmentOverlay", [("Name", "production"), ("Replicas", 1), ("MinReplicas", 1), ("MaxReplicas", 1), ("ImageTag", "2.0.0")]),
            ("EnvironmentOverlay", [("Name", "qa"), ("Replicas", -1), ("MaxReplicas", 0)]));

        var staging = model.Overlays[0];
        Assert.Equal(("staging", 0, null, null), (staging.Name, staging.Replicas, staging.MinReplicas, staging.MaxReplicas));
        var production = model.Overlays[1];
        Assert.Equal(("production", 1, 1, 1, "2.0.0"), (production.Name, production.Replicas, production.MinReplicas, production.MaxReplicas, production.ImageTag));
        // A negative count is CR5008's; the model keeps the base's.
        Assert.Equal(("qa", null, null), (model.Overlays[2].Name, model.Overlays[2].Replicas, model.Overlays[2].MaxReplicas));
    }

    [Fact]
    public void An_environment_is_the_base_with_its_overlay_applied()
    {
        var model = Resolve(
            ("ContainerImage", [("Repository", "registry.example.com/orders"), ("Tag", "1.0.0")]),
            ("Resources", [("CpuRequest", "250m"), ("CpuLimit", "1"), ("MemoryRequest", "256Mi"), ("MemoryLimit", "512Mi")]),
            ("Autoscaling", [("MinReplicas", 2), ("MaxReplicas", 8)]),
            ("EnvironmentOverlay", [("Name", "staging")]),
            ("EnvironmentOverlay", [("Name", "production"), ("Replicas", 12), ("MinReplicas", 3), ("MaxReplicas", 10), ("CpuLimit", "2"), ("MemoryRequest", "512Mi"), ("ImageTag", "1.0.1")]));

        var environments = ModelResolver.Environments(model);
        var staging = environments[0];
        Assert.Equal((2, 2, 8, "1.0.0"), (staging.Replicas, staging.MinReplicas, staging.MaxReplicas, staging.ImageTag));
        Assert.Equal(("250m", "1", "256Mi", "512Mi"), (staging.Resources!.CpuRequest, staging.Resources.CpuLimit, staging.Resources.MemoryRequest, staging.Resources.MemoryLimit));

        // 12 replicas asked, clamped to the overlay's autoscaling maximum of 10.
        var production = environments[1];
        Assert.Equal((10, 3, 10, "1.0.1"), (production.Replicas, production.MinReplicas, production.MaxReplicas, production.ImageTag));
        Assert.Equal(("250m", "2", "512Mi", "512Mi"), (production.Resources!.CpuRequest, production.Resources.CpuLimit, production.Resources.MemoryRequest, production.Resources.MemoryLimit));
    }

    [Fact]
    public void Variables_secrets_volumes_config_maps_and_routes_are_resolved_as_declared_with_the_documented_defaults()
    {
        var model = Resolve(
            ("EnvironmentVariable", [("Name", "Orders__BatchSize"), ("Value", "50")]),
            ("SecretEnvironmentVariable", [("Name", "ConnectionStrings__Orders"), ("SecretName", "orders-db"), ("Key", "connection-string"), ("Optional", true)]),
            ("SecretVolume", [("SecretName", "orders-tls"), ("MountPath", "/tls"), ("AsConfiguration", false)]),
            ("SecretVolume", [("SecretName", "orders-keys"), ("MountPath", "/keys")]),
            ("ConfigMap", [("Name", "orders-features"), ("MountPath", "/features")]),
            ("Ingress", [("Host", "orders.example.com"), ("TlsSecretName", "orders-cert"), ("ClassName", "nginx")]),
            ("HttpRoute", [("Host", "orders.example.com"), ("Gateway", "public"), ("GatewayNamespace", "infra"), ("Path", "/orders")]),
            ("Autoscaling", [("MinReplicas", 2), ("MaxReplicas", 4)]),
            ("DisruptionBudget", [("MaxUnavailable", 2)]));

        Assert.Equal([new EnvironmentVariableModel("Orders__BatchSize", "50")], model.Environment);
        Assert.Equal([new SecretEnvironmentVariableModel("ConnectionStrings__Orders", "orders-db", "connection-string", Optional: true)], model.SecretEnvironment);
        Assert.Equal(
            [new SecretVolumeModel("orders-tls", "/tls") { AsConfiguration = false }, new SecretVolumeModel("orders-keys", "/keys") { AsConfiguration = true }],
            model.SecretVolumes);
        Assert.Equal([new ConfigMapModel("orders-features") { MountPath = "/features" }], model.ConfigMaps);
        Assert.Equal(new IngressModel("orders.example.com") { Path = "/", TlsSecretName = "orders-cert", ClassName = "nginx" }, model.Ingress);
        Assert.Equal(new HttpRouteModel("orders.example.com", "public") { GatewayNamespace = "infra", Path = "/orders" }, model.HttpRoute);
        Assert.Equal(300, model.Autoscaling!.ScaleDownStabilizationSeconds);
        Assert.Equal((null, "2"), (model.DisruptionBudget!.MinAvailable, model.DisruptionBudget.MaxUnavailable));
    }

    [Fact]
    public void A_declared_ingress_path_and_scale_down_window_are_kept()
    {
        var model = Resolve(
            ("Ingress", [("Host", "orders.example.com"), ("Path", "/orders")]),
            ("Autoscaling", [("MinReplicas", 2), ("MaxReplicas", 4), ("ScaleDownStabilizationSeconds", 60)]));

        Assert.Equal("/orders", model.Ingress!.Path);
        Assert.Equal(60, model.Autoscaling!.ScaleDownStabilizationSeconds);
    }

    [Fact]
    public void A_network_policy_admits_the_declared_pod_labels_and_namespaces_each_in_its_own_list()
    {
        var model = ModelResolver.Resolve(Declarations.With(
            Declarations.Service(("NetworkPolicy", [])),
            1,
            Declarations.Strings("AllowFromPodLabels", "app=web", "tier=edge"),
            Declarations.Strings("AllowFromNamespaces", "ingress")));

        Assert.Equal(["app=web", "tier=edge"], model.NetworkPolicy!.AllowFromPodLabels);
        Assert.Equal(["ingress"], model.NetworkPolicy.AllowFromNamespaces);
    }

    [Fact]
    public void A_probe_without_a_port_goes_to_the_management_port_else_the_first_else_none()
    {
        Assert.Equal("", ModelResolver.DefaultProbePort([]));
        Assert.Equal("", ModelResolver.DefaultProbePort([new PortSpec(8080, null, null, false)]));
        Assert.Equal("http", ModelResolver.DefaultProbePort([new PortSpec(8080, "http", null, false), new PortSpec(8081, "admin", null, false)]));
        Assert.Equal("admin", ModelResolver.DefaultProbePort([new PortSpec(8080, "http", null, false), new PortSpec(8081, "admin", null, true)]));
    }

    [Fact]
    public void Without_autoscaling_an_environment_has_no_range_and_runs_its_overlay_count()
    {
        var model = Resolve(("EnvironmentOverlay", [("Name", "production"), ("Replicas", 5)]), ("EnvironmentOverlay", [("Name", "staging")]));

        var environments = ModelResolver.Environments(model);
        Assert.Equal((5, null, null), (environments[0].Replicas, environments[0].MinReplicas, environments[0].MaxReplicas));
        Assert.Equal((1, null, null), (environments[1].Replicas, environments[1].MinReplicas, environments[1].MaxReplicas));
    }

    [Fact]
    public void Under_the_latency_profile_each_request_and_limit_pair_becomes_the_limit_or_the_only_value_written()
    {
        var model = Resolve(
            ("LatencyProfile", []),
            ("Resources", [("CpuRequest", "500m"), ("CpuLimit", "2"), ("MemoryRequest", "1Gi")]),
            ("EnvironmentOverlay", [("Name", "production"), ("CpuRequest", "1"), ("MemoryLimit", "2Gi")]));

        Assert.Equal(("2", "2", "1Gi", "1Gi"), (model.Resources!.CpuRequest, model.Resources.CpuLimit, model.Resources.MemoryRequest, model.Resources.MemoryLimit));
        var overlay = model.Overlays[0].Resources!;
        Assert.Equal(("1", "1", "2Gi", "2Gi"), (overlay.CpuRequest, overlay.CpuLimit, overlay.MemoryRequest, overlay.MemoryLimit));
    }
}
