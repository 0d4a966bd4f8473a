using ClusterReady;

// A worker that declares no port: its health endpoints go to the management port (8081 unless overridden).
[KubernetesService("test-worker")]
[ReadinessProbe(TimeoutSeconds = 1)]
[Resources(MemoryLimit = "256Mi")]
[GracefulShutdown(DrainDelaySeconds = 2, ShutdownTimeoutSeconds = 5)]
internal sealed class TestWorkerService;
