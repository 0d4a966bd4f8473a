namespace ClusterReady.Tool.Tests;

/// <summary>
/// The tests that build a sample with the real dotnet CLI run one at a time (a build of a sample also builds the
/// repository's projects it references, and two at once would write the same outputs).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SampleBuilds
{
    public const string Name = "Sample builds";
}

/// <summary>
/// A copy of a sample in a folder of its own, under the sample's <c>obj/</c> (which the sample's own build ignores):
/// its build is then neither the one another test left up to date nor one that races the end-to-end tests' publish
/// of the same sample in its <c>obj/</c>.
/// </summary>
internal static class SampleCopies
{
    /// <summary>Copies the sample's own files (not bin/ or obj/) to <c>samples/&lt;sample&gt;/obj/&lt;purpose&gt;/&lt;sample&gt;/</c>; returns its project file.</summary>
    public static string Create(string sample, string purpose)
    {
        var source = Repository.Path("samples", sample);
        var copy = Path.Combine(source, "obj", purpose, sample);
        if (Directory.Exists(copy))
        {
            Directory.Delete(copy, recursive: true);
        }

        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return Path.Combine(copy, sample + ".csproj");
    }
}
