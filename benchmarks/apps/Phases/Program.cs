// Where a worker's start-up time goes: the same worker as BareWorker / ClusterReadyWorker, with a timestamp at each step
// of Program.cs, compiled three ways (PhasesBare, PhasesChecks, PhasesClusterReady). It writes the timestamps to
// standard error once it is stopping (the harness sends SIGINT once the app is ready), so that writing them cannot slow
// the start; `ClusterReady.Benchmarks phases` starts the three in turns and prints the median of each step.
#if CHECKS
using Microsoft.Extensions.Diagnostics.HealthChecks;
#endif
#if CLUSTERREADY
using ClusterReady;
#endif

var marks = new long[6];
marks[0] = System.Diagnostics.Stopwatch.GetTimestamp();
var builder = Host.CreateApplicationBuilder(args);
marks[1] = System.Diagnostics.Stopwatch.GetTimestamp();
builder.Services.AddHostedService<IdleWorker>();
#if CHECKS
builder.Services.AddHealthChecks().AddCheck("dependency", () => HealthCheckResult.Healthy(), tags: ["ready"]);
#endif
marks[2] = System.Diagnostics.Stopwatch.GetTimestamp();
#if CLUSTERREADY
builder.AddClusterReady();
#endif
marks[3] = System.Diagnostics.Stopwatch.GetTimestamp();
var host = builder.Build();
marks[4] = System.Diagnostics.Stopwatch.GetTimestamp();
// Registered before Run, so it runs after the callbacks that the lifetime and the app's services register while the
// host starts ("Application started" of either lifetime, ClusterReady's first readiness check run): callbacks run
// last-registered first.
var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
lifetime.ApplicationStarted.Register(() => marks[5] = System.Diagnostics.Stopwatch.GetTimestamp());
lifetime.ApplicationStopping.Register(() => Console.Error.WriteLine($"phases: {System.Diagnostics.Stopwatch.Frequency} {string.Join(' ', marks)}"));
host.Run();

#if CLUSTERREADY
[KubernetesService("bench-worker")]
[ContainerPort(8081, Name = "management", Management = true)]
[Resources(CpuRequest = "100m", CpuLimit = "1", MemoryRequest = "128Mi", MemoryLimit = "256Mi")]
[GracefulShutdown(DrainDelaySeconds = 5, ShutdownTimeoutSeconds = 5)]
internal sealed class Deployment;
#endif

internal sealed class IdleWorker : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Delay(Timeout.Infinite, stoppingToken);
}
