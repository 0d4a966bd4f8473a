using System.Globalization;
using ClusterReady.Manifests;
using ClusterReady.Model;

namespace ClusterReady.Benchmarks.Emission;

/// <summary>
/// Deterministic, different services for the emission benchmarks: web APIs and workers, with and without autoscaling,
/// ingress, network policy, secrets and custom overlays, in the proportions a real fleet might have.
/// </summary>
internal static class ServiceCatalog
{
    public static ArtifactRequest[] Create(int count) => Enumerable.Range(0, count).Select(Service).ToArray();

    private static ArtifactRequest Service(int i)
    {
        var web = i % 3 != 2;
        var name = (web ? "api-" : "worker-") + i.ToString(CultureInfo.InvariantCulture);
        var replicas = 1 + (i % 4);
        var autoscaling = web && i % 2 == 0 ? new AutoscalingModel { MinReplicas = 2, MaxReplicas = 10 + i, CpuUtilization = 70 } : null;
        var ports = web
            ? new[] { new PortModel { Name = "http", Port = 8080 }, new PortModel { Name = "management", Port = 8081, Management = true } }
            : [new PortModel { Name = "management", Port = 9000 + (i % 100), Management = true }];
        return new ArtifactRequest
        {
            AssemblyName = $"Fleet.Service{i}",
            AssemblyVersion = $"1.{i % 10}.{i}+{i * 7919:x}",
            TargetFramework = "net10.0",
            IsWebProject = web,
            Model = new DeploymentModel
            {
                Name = name,
                Namespace = i % 2 == 0 ? "fleet" : null,
                ImageRepository = $"registry.example.com/fleet/{name}",
                Replicas = replicas,
                HighlyAvailable = i % 5 == 0,
                Ports = ports,
                Liveness = new ProbeModel { Path = "/healthz/live" },
                Readiness = new ProbeModel { Path = "/healthz/ready", PeriodSeconds = 5 + (i % 3) },
                Startup = i % 2 == 0 ? new ProbeModel { Path = "/healthz/startup", FailureThreshold = 30 } : null,
                Resources = new ResourcesModel
                {
                    CpuRequest = $"{100 + (10 * (i % 10))}m",
                    CpuLimit = "1",
                    MemoryRequest = $"{128 + (32 * (i % 4))}Mi",
                    MemoryLimit = $"{256 + (64 * (i % 4))}Mi",
                },
                Environment = Enumerable.Range(0, 1 + (i % 5))
                    .Select(n => new EnvironmentVariableModel($"Fleet__Setting{n}", $"value-{i}-{n}"))
                    .ToArray(),
                SecretEnvironment = i % 2 == 0 ? [new SecretEnvironmentVariableModel("ConnectionStrings__Db", $"{name}-db", "connection-string")] : [],
                SecretVolumes = i % 4 == 0 ? [new SecretVolumeModel($"{name}-keys", "/var/run/secrets/keys")] : [],
                ConfigMaps = i % 3 == 0 ? [new ConfigMapModel($"{name}-features") { MountPath = "/etc/features" }] : [],
                Shutdown = new ShutdownModel { DrainDelaySeconds = web ? 5 : 0, ShutdownTimeoutSeconds = 20 + (i % 10) },
                Autoscaling = autoscaling,
                Ingress = web && i % 4 == 0 ? new IngressModel($"{name}.example.com") { TlsSecretName = $"{name}-tls", ClassName = "nginx" } : null,
                NetworkPolicy = i % 3 == 0 ? new NetworkPolicyModel { AllowFromNamespaces = ["ingress-nginx"] } : null,
                Overlays = i % 2 == 0
                    ?
                    [
                        new EnvironmentOverlayModel("staging") { Replicas = 1 },
                        new EnvironmentOverlayModel("production")
                        {
                            Replicas = replicas + 2,
                            // Autoscaling limits only where there is autoscaling: the validator rejects them otherwise.
                            MinReplicas = autoscaling is null ? null : 3,
                            MaxReplicas = autoscaling is null ? null : 30,
                        },
                    ]
                    : [],
            },
            AppSettingsByEnvironment = i % 2 == 0
                ? new Dictionary<string, string> { ["Production"] = $$"""{ "Fleet": { "Shard": {{i}} } }""" }
                : new Dictionary<string, string>(),
        };
    }
}
