namespace ClusterReady.EndToEnd.Tests.Infrastructure;

internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix)
    {
        FullPath = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"clusterready-{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(FullPath);
    }

    public string FullPath { get; }

    public string Path(params string[] parts) => System.IO.Path.Combine([FullPath, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullPath, recursive: true);
        }
        catch (IOException)
        {
            // A process of the test may still hold a file; the OS temp cleaner gets it.
        }
    }
}
