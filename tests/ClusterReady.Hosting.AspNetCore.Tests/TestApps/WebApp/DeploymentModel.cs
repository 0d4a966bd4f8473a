using ClusterReady;

// The service as the tests see it, through the real generator: paths, a management port, a 1 s probe timeout and short
// shutdown timings, so that the tests see the model's values at work. Tests override the port numbers on the command line.
[KubernetesService("test-web")]
[ContainerPort(8080, Name = "http")]
[ContainerPort(9091, Name = "management", Management = true)]
[LivenessProbe("/live")]
[ReadinessProbe("/ready", TimeoutSeconds = 1)]
[StartupProbe("/started")]
[Resources(MemoryLimit = "256Mi")]
[GracefulShutdown(DrainDelaySeconds = 2, ShutdownTimeoutSeconds = 5)]
internal sealed class TestWebService;
