using ClusterReady;

namespace InventoryWorker;

// A queue consumer: no app port, only a management port for the probes.
[KubernetesService("inventory-worker", Replicas = 2)]
[ContainerPort(8081, Name = "management", Management = true)]
[Resources(CpuRequest = "100m", CpuLimit = "500m", MemoryRequest = "128Mi", MemoryLimit = "256Mi")]
[EnvironmentVariable("Inventory__BatchSize", "50")]
[SecretEnvironmentVariable("Inventory__QueuePassword", "inventory-queue", "password")]
[GracefulShutdown(DrainDelaySeconds = 0, ShutdownTimeoutSeconds = 25)]
public sealed class Deployment;
