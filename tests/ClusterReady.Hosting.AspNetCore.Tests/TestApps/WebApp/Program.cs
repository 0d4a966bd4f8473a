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

builder.AddClusterReady();

var app = builder.Build();
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
