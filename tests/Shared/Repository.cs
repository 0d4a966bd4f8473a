namespace ClusterReady.Tests;

/// <summary>Paths in the repository, found from the test assembly's folder (shared by the test projects as a linked file).</summary>
internal static class Repository
{
    /// <summary>The first directory above the test assembly that holds ClusterReady.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The configuration this test assembly was built in, so what a test builds uses the same outputs.</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "ClusterReady.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ClusterReady.sln above {AppContext.BaseDirectory}: the tests run from a build inside the repository.");
    }
}
