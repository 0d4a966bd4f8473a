namespace ClusterReady.Hosting.TestWebApp;

/// <summary>Throws a while after start, as a background service with a bug does.</summary>
internal sealed class CrashingService(TimeSpan after) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(after, stoppingToken);
        throw new InvalidOperationException("The crashing service failed.");
    }
}

/// <summary>Ignores the stopping token: its work outlives any shutdown timeout.</summary>
internal sealed class StubbornService : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            await Task.Delay(TimeSpan.FromMinutes(5), CancellationToken.None);
        }
    }
}
