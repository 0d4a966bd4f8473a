namespace ClusterReady.EndToEnd.Tests.Infrastructure;

internal static class Repository
{
    /// <summary>The repository root: the first directory above the test assembly that holds ClusterReady.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ClusterReady.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ClusterReady.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The configuration this test assembly was built in, so samples build against the same outputs.</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif
}
