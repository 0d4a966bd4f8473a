namespace ClusterReady.Analyzers.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "ClusterReady.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run from a build inside the repository.");
    }
}
