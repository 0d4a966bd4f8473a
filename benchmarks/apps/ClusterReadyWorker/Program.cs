using ClusterReady;
using Microsoft.Extensions.Diagnostics.HealthChecks;

// BareWorker with ClusterReady added: one attribute class, one health check for readiness, one builder call.
// The management port comes from the model (8081) or ClusterReady__ManagementPort.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddHostedService<IdleWorker>();
builder.Services.AddHealthChecks().AddCheck("dependency", () => HealthCheckResult.Healthy(), tags: ["ready"]);
builder.AddClusterReady();
builder.Build().Run();

[KubernetesService("bench-worker")]
[ContainerPort(8081, Name = "management", Management = true)]
[Resources(CpuRequest = "100m", CpuLimit = "1", MemoryRequest = "128Mi", MemoryLimit = "256Mi")]
[GracefulShutdown(DrainDelaySeconds = 5, ShutdownTimeoutSeconds = 5)]
internal sealed class Deployment;

internal sealed class IdleWorker : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Delay(Timeout.Infinite, stoppingToken);
}
