namespace InventoryWorker;

/// <summary>Processes restock batches; a batch in progress is finished before the host stops.</summary>
internal sealed partial class RestockWorker(ILogger<RestockWorker> logger, IConfiguration configuration) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batchSize = configuration.GetValue("Inventory:BatchSize", 10);
        var batch = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            batch++;
            LogBatch(batch, batchSize);

            // A batch is not abandoned half way: it runs to completion even when shutdown starts.
            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        LogStopped(batch);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Restocking batch {Batch} ({BatchSize} items)")]
    private partial void LogBatch(int batch, int batchSize);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restock worker stopped after {Batches} batches")]
    private partial void LogStopped(int batches);
}
