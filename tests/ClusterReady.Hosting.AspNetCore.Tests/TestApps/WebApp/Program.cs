using System.Security.Cryptography;
using System.Text;
using ClusterReady.Hosting.TestWebApp;
using Microsoft.Extensions.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

// The tests switch a dependency off and on, and make a check hang, by creating and deleting files.
var dependencyDownFile = builder.Configuration["TestApp:DependencyDownFile"];
var hangFile = builder.Configuration["TestApp:HangFile"];
builder.Services.AddHealthChecks()
    .AddCheck(
        "dependency",
        () => File.Exists(dependencyDownFile)
            ? HealthCheckResult.Unhealthy("dependency-down-description", new InvalidOperationException("dependency-exception-text"))
            : HealthCheckResult.Healthy(),
        tags: ["ready"])
    .AddAsyncCheck(
        "hanging",
        async () =>
        {
            // Ignores cancellation on purpose: the probe must still answer in time.
            if (File.Exists(hangFile))
            {
                await Task.Delay(Timeout.Infinite);
            }

            return HealthCheckResult.Healthy();
        },
        tags: ["ready"]);

if (builder.Configuration.GetValue<int?>("TestApp:CrashAfterMs") is { } crashAfter)
{
    builder.Services.AddHostedService(_ => new CrashingService(TimeSpan.FromMilliseconds(crashAfter)));
}

if (builder.Configuration.GetValue<bool>("TestApp:IgnoreStop"))
{
    builder.Services.AddHostedService<StubbornService>();
}

// Warm-up: requests to /warm (counted below), and a task that waits until the test creates a file.
if (builder.Configuration["TestApp:WarmupPaths"] is { Length: > 0 } warmupPaths)
{
    builder.Services.AddWarmupRequests(builder.Configuration.GetValue("TestApp:WarmupRepetitions", 10), warmupPaths.Split(','));
}

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

var app = builder.Build();
var warmHits = 0;
var warmHitsFromWarmup = 0;
app.MapGet("/warm", (HttpContext context) =>
{
    Interlocked.Increment(ref warmHits);
    if (context.Connection.RemoteIpAddress is { } remote && System.Net.IPAddress.IsLoopback(remote)
        && context.Request.Headers.UserAgent.ToString() == "ClusterReady-Warmup")
    {
        Interlocked.Increment(ref warmHitsFromWarmup);
    }

    return Results.Json(new { warm = true });
});
app.MapGet("/warm-count", () => $"{Volatile.Read(ref warmHits)} {Volatile.Read(ref warmHitsFromWarmup)}");
var slowStarted = 0;
app.MapGet("/ping", () => "pong");
app.MapGet("/slow", async (int ms) =>
{
    Interlocked.Increment(ref slowStarted);
    // No cancellation token: an in-flight request that must be allowed to finish.
    await Task.Delay(ms);
    return "done";
});
app.MapGet("/slow-started", () => Volatile.Read(ref slowStarted));
app.MapGet("/secret-hash", (IConfiguration configuration) =>
    Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(configuration["ApiKey"] ?? string.Empty))));
app.Run();
