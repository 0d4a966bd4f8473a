using ClusterReady.Manifests;
using ClusterReady.Model;

namespace ClusterReady.Manifests.Tests;

/// <summary>Representative requests: the golden cases and the inputs of the checks that run over every case.</summary>
public static class TestCases
{
    /// <summary>A web API that uses every feature: management port, secrets, config maps, autoscaling, ingress, network policy, custom overlays.</summary>
    public static ArtifactRequest WebApi => new()
    {
        AssemblyName = "Orders.Api",
        AssemblyVersion = "1.4.2+5f3c2a1",
        TargetFramework = "net10.0",
        IsWebProject = true,
        Model = new DeploymentModel
        {
            Namespace = "orders",
            ImageRepository = "registry.example.com/shop/orders-api",
            Replicas = 3,
            HighlyAvailable = true,
            Ports =
            [
                new PortModel { Name = "http", Port = 8080 },
                new PortModel { Name = "mgmt", Port = 8081, Management = true },
            ],
            Liveness = new ProbeModel { Path = "/health/live", PeriodSeconds = 10, TimeoutSeconds = 2 },
            Readiness = new ProbeModel { Path = "/health/ready", PeriodSeconds = 5, TimeoutSeconds = 2, FailureThreshold = 2 },
            Startup = new ProbeModel { Path = "/health/startup", PeriodSeconds = 2, FailureThreshold = 30 },
            Resources = new ResourcesModel { CpuRequest = "250m", CpuLimit = "1", MemoryRequest = "256Mi", MemoryLimit = "512Mi" },
            Environment =
            [
                new EnvironmentVariableModel("Orders__BatchSize", "50"),
                // Values a YAML 1.1 reader would take for a date and a boolean: they must stay strings.
                new EnvironmentVariableModel("Orders__PriceListDate", "2024-01-01"),
                new EnvironmentVariableModel("Orders__SendReceipts", "yes"),
            ],
            SecretEnvironment =
            [
                new SecretEnvironmentVariableModel("ConnectionStrings__Orders", "orders-db", "connection-string"),
                new SecretEnvironmentVariableModel("Payments__ApiKey", "payments", "api-key", Optional: true),
            ],
            SecretVolumes = [new SecretVolumeModel("orders-signing-key", "/app/secrets/signing")],
            ConfigMaps =
            [
                new ConfigMapModel("orders-features"),
                new ConfigMapModel("orders-rules") { MountPath = "/etc/orders/rules" },
            ],
            Shutdown = new ShutdownModel { DrainDelaySeconds = 10, ShutdownTimeoutSeconds = 30, MarginSeconds = 5 },
            Autoscaling = new AutoscalingModel { MinReplicas = 3, MaxReplicas = 12, CpuUtilization = 70, MemoryUtilization = 80 },
            DisruptionBudget = new DisruptionBudgetModel { MinAvailable = "50%" },
            Ingress = new IngressModel("orders.example.com") { Path = "/", TlsSecretName = "orders-tls", ClassName = "nginx" },
            HttpRoute = new HttpRouteModel("orders.example.com", "public") { GatewayNamespace = "gateways", Path = "/api" },
            NetworkPolicy = new NetworkPolicyModel
            {
                AllowFromPodLabels = ["app.kubernetes.io/name=storefront"],
                AllowFromNamespaces = ["ingress-nginx"],
            },
            Overlays =
            [
                new EnvironmentOverlayModel("staging")
                {
                    Replicas = 2,
                    ImageTag = "1.4.2-rc.1",
                    MinReplicas = 2,
                    MaxReplicas = 4,
                    Resources = new ResourcesModel { CpuLimit = "500m" },
                },
                new EnvironmentOverlayModel("production")
                {
                    MinReplicas = 4,
                    MaxReplicas = 20,
                    Resources = new ResourcesModel { MemoryLimit = "1Gi" },
                },
            ],
        },
        AppSettingsByEnvironment = new Dictionary<string, string>
        {
            ["Staging"] = "{\n  \"Orders\": {\n    \"PaymentGateway\": \"https://payments.staging.example.com\"\n  }\n}\n",
            ["Production"] = "{\n  // Live gateway\n  \"Orders\": {\n    \"PaymentGateway\": \"https://payments.example.com\",\n  },\n  \"Logging\": { \"LogLevel\": { \"Default\": \"Warning\" } }\n}\n",
            ["Development"] = "{ \"Orders\": { \"PaymentGateway\": \"http://localhost:5100\" } }",
        },
    };

    /// <summary>A worker with nothing but defaults: no ports, no probes, the default overlays.</summary>
    public static ArtifactRequest MinimalWorker => new()
    {
        AssemblyName = "Inventory.Worker",
        AssemblyVersion = "2.0.0",
        TargetFramework = "net10.0",
        IsWebProject = false,
        Model = new DeploymentModel(),
    };

    /// <summary>A web app with one port and probes on it, default overlays and one environment's appsettings.</summary>
    public static ArtifactRequest WebDefaults => new()
    {
        AssemblyName = "Catalog.Api",
        AssemblyVersion = "0.3.0",
        TargetFramework = "net10.0",
        IsWebProject = true,
        Model = new DeploymentModel
        {
            Ports = [new PortModel { Name = "http", Port = 8080 }],
            Liveness = new ProbeModel { Path = "/healthz" },
            Readiness = new ProbeModel { Path = "/ready" },
            Resources = new ResourcesModel { CpuRequest = "100m", MemoryRequest = "128Mi", MemoryLimit = "256Mi" },
        },
        AppSettingsByEnvironment = new Dictionary<string, string>
        {
            ["Staging"] = "{ \"Catalog\": { \"PageSize\": 20 } }",
        },
    };

    /// <summary>
    /// A web app with the latency profile, resolved as the resolver writes it (each request equal to its limit), two
    /// CPUs, and a production environment with more memory.
    /// </summary>
    public static ArtifactRequest LatencyProfile => new()
    {
        AssemblyName = "Quotes.Api",
        AssemblyVersion = "3.1.0",
        TargetFramework = "net10.0",
        IsWebProject = true,
        Model = new DeploymentModel
        {
            Ports = [new PortModel { Name = "http", Port = 8080 }],
            Liveness = new ProbeModel { Path = "/healthz/live" },
            Readiness = new ProbeModel { Path = "/healthz/ready" },
            Resources = new ResourcesModel { CpuRequest = "2", CpuLimit = "2", MemoryRequest = "1Gi", MemoryLimit = "1Gi" },
            Environment = [new EnvironmentVariableModel("Quotes__Source", "primary")],
            Overlays =
            [
                new EnvironmentOverlayModel("staging"),
                new EnvironmentOverlayModel("production")
                {
                    Replicas = 3,
                    Resources = new ResourcesModel { MemoryRequest = "2Gi", MemoryLimit = "2Gi" },
                },
            ],
            LatencyProfile = new LatencyProfileModel { WarmupTimeoutSeconds = 30 },
        },
    };

    public static IReadOnlyDictionary<string, ArtifactRequest> All { get; } = new Dictionary<string, ArtifactRequest>
    {
        ["latency-profile"] = LatencyProfile,
        ["web-api"] = WebApi,
        ["worker"] = MinimalWorker,
        ["web-defaults"] = WebDefaults,
    };

    /// <summary>The case names, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> Names => new(All.Keys.Order(StringComparer.Ordinal));

    /// <summary>Creates the files of a case, failing the test with the errors if there are any.</summary>
    public static IReadOnlyList<ArtifactFile> CreateFiles(string name) => CreateFiles(All[name], $"Case '{name}'");

    /// <summary>Creates the files of <paramref name="request"/> (a case changed by <c>with</c>), failing the test with the errors if there are any.</summary>
    public static IReadOnlyList<ArtifactFile> CreateFiles(ArtifactRequest request, string what = "The request")
    {
        var result = DeployArtifacts.Create(request);
        Assert.True(result.Errors.Count == 0, $"{what} has errors:\n{string.Join("\n", result.Errors)}");
        return result.Files;
    }
}
