using ClusterReady;
using Microsoft.Extensions.Diagnostics.HealthChecks;

// The same check as HealthChecksWebApp, served by ClusterReady on the management port (8081, or ClusterReady__ManagementPort).
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHealthChecks().AddCheck("dependency", () => HealthCheckResult.Healthy(), tags: ["ready"]);
builder.AddClusterReady();

var app = builder.Build();
app.MapGet("/", () => "bench");
app.Run();

[KubernetesService("bench-web")]
[ContainerPort(8080, Name = "http")]
[ContainerPort(8081, Name = "management", Management = true)]
[Resources(CpuRequest = "100m", CpuLimit = "1", MemoryRequest = "128Mi", MemoryLimit = "256Mi")]
[GracefulShutdown(DrainDelaySeconds = 5, ShutdownTimeoutSeconds = 5)]
internal sealed class Deployment;
