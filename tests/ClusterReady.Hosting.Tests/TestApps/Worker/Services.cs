namespace ClusterReady.Hosting.TestWorker;

/// <summary>Works until stopped, then takes a while to finish the item in hand, as a queue consumer does.</summary>
internal sealed partial class Processor(TimeSpan finishWork, ILogger<Processor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            Log.Finishing(logger);
            await Task.Delay(finishWork, CancellationToken.None);
            Log.Finished(logger);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Processor finishing in-flight work")]
        public static partial void Finishing(ILogger logger);

        [LoggerMessage(2, LogLevel.Information, "Processor finished in-flight work")]
        public static partial void Finished(ILogger logger);
    }
}

/// <summary>Throws a while after start, as a background service with a bug does.</summary>
internal sealed class CrashingService(TimeSpan after) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(after, stoppingToken);
        throw new InvalidOperationException("The crashing service failed.");
    }
}
