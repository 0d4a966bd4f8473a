using ClusterReady.Hosting.TestWorker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

var dependencyDownFile = builder.Configuration["TestApp:DependencyDownFile"];
builder.Services.AddHealthChecks().AddCheck(
    "dependency",
    () => File.Exists(dependencyDownFile)
        ? HealthCheckResult.Unhealthy("dependency-down-description", new InvalidOperationException("dependency-exception-text"))
        : HealthCheckResult.Healthy(),
    tags: ["ready"]);

builder.Services.AddHostedService(sp => new Processor(
    TimeSpan.FromMilliseconds(builder.Configuration.GetValue("TestApp:FinishWorkMs", 1000)),
    sp.GetRequiredService<ILogger<Processor>>()));

if (builder.Configuration.GetValue<int?>("TestApp:CrashAfterMs") is { } crashAfter)
{
    builder.Services.AddHostedService(_ => new CrashingService(TimeSpan.FromMilliseconds(crashAfter)));
}

// A warm-up that waits until the test creates a file (or shutdown cancels it).
if (builder.Configuration["TestApp:WarmupGateFile"] is { Length: > 0 } gateFile)
{
    builder.Services.AddWarmup("test-gate", async (_, token) =>
    {
        while (!File.Exists(gateFile))
        {
            await Task.Delay(50, token);
        }
    });
}

builder.AddClusterReady();
builder.Build().Run();
