using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

// What an app without ClusterReady writes for a readiness endpoint: the same check, the same path.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHealthChecks().AddCheck("dependency", () => HealthCheckResult.Healthy(), tags: ["ready"]);

var app = builder.Build();
app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapGet("/", () => "bench");
app.Run();
