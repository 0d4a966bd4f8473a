// Where a worker's start-up time goes: the same worker as BareWorker / ClusterReadyWorker, with a timestamp at each step
// of Program.cs, compiled four ways (PhasesBare, PhasesChecks, PhasesFloor, PhasesClusterReady). It writes the
// timestamps to standard error once it is stopping (the harness sends SIGINT once the app is ready), so that writing
// them cannot slow the start; `ClusterReady.Benchmarks phases` starts them in turns and prints the median of each step.
// PhasesFloor is a yardstick, not a product: the least code that answers a readiness probe after running the app's
// check, to compare ClusterReady's cost with what serving a probe at all costs.
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
#if FLOOR
builder.Services.AddHostedService<MinimalProbe>();
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

#if FLOOR
// The least a worker can do to answer its readiness probe: one dual-mode socket bound at start, one thread that accepts
// and answers each connection in turn, the "ready" checks run once (directly from their registrations) at the first
// probe after the host has started. Not something to ship: one connection at a time with no time limits (a slow
// client stops every probe), no drain on SIGTERM, ready as soon as its own ApplicationStarted callback has run.
internal sealed class MinimalProbe(IServiceProvider services, IHostApplicationLifetime lifetime, Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions> options) : IHostedService
{
    private System.Net.Sockets.Socket? _socket;
    private volatile bool _started;
    private bool? _healthy;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var port = int.Parse(Environment.GetEnvironmentVariable("ClusterReady__ManagementPort") ?? "8081", System.Globalization.CultureInfo.InvariantCulture);
        _socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetworkV6, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { DualMode = true };
        _socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.IPv6Any, port));
        _socket.Listen(128);
        lifetime.ApplicationStarted.Register(() => _started = true);
        new Thread(Serve) { IsBackground = true }.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _socket?.Dispose();
        return Task.CompletedTask;
    }

    private void Serve()
    {
        var buffer = new byte[4096];
        while (true)
        {
            System.Net.Sockets.Socket connection;
            try
            {
                connection = _socket!.Accept();
            }
            catch (System.Net.Sockets.SocketException)
            {
                return;
            }

            using (connection)
            {
                var length = 0;
                while (length < 4 || buffer[length - 4] != '\r' || buffer[length - 3] != '\n' || buffer[length - 2] != '\r' || buffer[length - 1] != '\n')
                {
                    var read = connection.Receive(buffer, length, buffer.Length - length, System.Net.Sockets.SocketFlags.None);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }

                var ready = _started && (_healthy ??= RunChecks());
                connection.Send(ready ? "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8 : "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8);
            }
        }
    }

    private bool RunChecks()
    {
        using var scope = services.CreateScope();
        foreach (var registration in options.Value.Registrations)
        {
            if (!registration.Tags.Contains("ready"))
            {
                continue;
            }

            var context = new HealthCheckContext { Registration = registration };
            var result = registration.Factory(scope.ServiceProvider).CheckHealthAsync(context).GetAwaiter().GetResult();
            if (result.Status != HealthStatus.Healthy)
            {
                return false;
            }
        }

        return true;
    }
}
#endif
