// The same worker as ClusterReadyWorker without ClusterReady: no endpoints, no health checks, the console lifetime.
// "Ready" for this one is the host's "Application started" log line.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddHostedService<IdleWorker>();
builder.Build().Run();

internal sealed class IdleWorker : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Delay(Timeout.Infinite, stoppingToken);
}
