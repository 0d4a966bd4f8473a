using ClusterReady;

namespace OrdersApi;

// How the orders API runs on Kubernetes. 'dotnet publish' turns this into deploy/Dockerfile and
// deploy/kubernetes/; builder.AddClusterReady() serves the probes declared here.
[KubernetesService("orders-api", Replicas = 3, HighlyAvailable = true)]
[ContainerImage("registry.example.com/shop/orders-api")]
[ContainerPort(8080, Name = "http")]
[ContainerPort(8081, Name = "management", Management = true)]
[LivenessProbe]
[ReadinessProbe(PeriodSeconds = 5)]
[StartupProbe(FailureThreshold = 30)]
[Resources(CpuLimit = "1", MemoryLimit = "512Mi")]
[LatencyProfile] // Guaranteed QoS (requests = limits), .NET settings from the limits, same-zone traffic, warm-up before ready
[EnvironmentVariable("Logging__LogLevel__Default", "Information")]
[SecretEnvironmentVariable("ConnectionStrings__Orders", "orders-db", "connection-string")]
[SecretVolume("orders-signing-key", "/var/run/secrets/orders")]
[ConfigMap("orders-features", MountPath = "/etc/orders/features")]
[GracefulShutdown(DrainDelaySeconds = 5, ShutdownTimeoutSeconds = 20)]
[Autoscaling(3, 10, CpuUtilization = 70)]
[DisruptionBudget(MaxUnavailable = 1)]
[Ingress("orders.example.com", TlsSecretName = "orders-tls", ClassName = "nginx")]
[HttpRoute("orders.example.com", Gateway = "public", GatewayNamespace = "gateways")]
[NetworkPolicy(AllowFromNamespaces = ["ingress-nginx", "gateways"], AllowFromPodLabels = ["app.kubernetes.io/part-of=shop"])]
[EnvironmentOverlay("staging", Replicas = 2, MinReplicas = 2, MaxReplicas = 4)]
[EnvironmentOverlay("production", Replicas = 3, MinReplicas = 3, MaxReplicas = 20, MemoryLimit = "1Gi")]
[DependsOn("inventory-worker")] // stock is reserved through the inventory worker: run locally, orders-api waits until it is ready
public sealed class Deployment;
