using System.Text;
using ClusterReady.Manifests;

namespace ClusterReady.Manifests.Tests;

public sealed class WriteToTests
{
    private static readonly DateTime LongAgo = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void WritesEveryFileWithItsContent()
    {
        var files = TestCases.CreateFiles("web-api");
        using var folder = new TemporaryDeployFolder(files);

        Assert.All(files, f => Assert.Equal(f.Content, File.ReadAllText(folder.PathOf(f.RelativePath))));
        Assert.Equal(files.Select(f => f.RelativePath), File.ReadAllLines(folder.PathOf(".clusterready-files")));
    }

    [Fact]
    public void WritesEachFileAsItsUtf8BytesWithoutAByteOrderMark()
    {
        // A byte-order mark would be a stray character at the start of a YAML document or a Dockerfile for some readers.
        var request = TestCases.WebApi with { AppSettingsByEnvironment = new Dictionary<string, string> { ["Staging"] = "{ \"Orders\": { \"Greeting\": \"Grüß Gott, café\" } }" } };
        var files = TestCases.CreateFiles(request);
        using var folder = new TemporaryDeployFolder(files);

        Assert.Contains(files, f => f.Content.Contains("café", StringComparison.Ordinal));
        Assert.All(files, f =>
        {
            var bytes = File.ReadAllBytes(folder.PathOf(f.RelativePath));
            Assert.False(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]), $"{f.RelativePath} starts with a byte-order mark");
            Assert.Equal(Encoding.UTF8.GetBytes(f.Content), bytes);
        });
        Assert.Equal(
            Encoding.UTF8.GetBytes(string.Concat(files.Select(f => f.RelativePath + "\n"))),
            File.ReadAllBytes(folder.PathOf(".clusterready-files")));
    }

    [Fact]
    public void OnlyRewritesFilesWhoseContentChanged()
    {
        var files = TestCases.CreateFiles("worker");
        using var folder = new TemporaryDeployFolder(files);
        foreach (var file in files)
        {
            File.SetLastWriteTimeUtc(folder.PathOf(file.RelativePath), LongAgo);
        }

        var changed = files.Select(f => f.RelativePath == "Dockerfile" ? f with { Content = f.Content + "# changed\n" } : f).ToList();
        DeployArtifacts.WriteTo(folder.Root, changed);

        Assert.EndsWith("# changed\n", File.ReadAllText(folder.PathOf("Dockerfile")), StringComparison.Ordinal);
        Assert.NotEqual(LongAgo, File.GetLastWriteTimeUtc(folder.PathOf("Dockerfile")));
        Assert.All(files.Where(f => f.RelativePath != "Dockerfile"), f => Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(folder.PathOf(f.RelativePath))));
    }

    [Fact]
    public void DeletesFilesItWroteBeforeThatAreNoLongerCreatedButNotOtherFiles()
    {
        using var folder = new TemporaryDeployFolder(TestCases.CreateFiles("web-api"));
        File.WriteAllText(folder.PathOf("NOTES.md"), "mine");
        File.WriteAllText(folder.PathOf("kubernetes/overlays/staging/extra.yaml"), "mine");

        // The worker has no ingress and no configmap in its overlays.
        DeployArtifacts.WriteTo(folder.Root, TestCases.CreateFiles("worker"));

        Assert.False(File.Exists(folder.PathOf("kubernetes/base/ingress.yaml")));
        Assert.False(File.Exists(folder.PathOf("kubernetes/overlays/staging/configmap-staging.yaml")));
        Assert.True(File.Exists(folder.PathOf("NOTES.md")));
        Assert.True(File.Exists(folder.PathOf("kubernetes/overlays/staging/extra.yaml")));
        Assert.Equal(TestCases.CreateFiles("worker").Select(f => f.RelativePath), File.ReadAllLines(folder.PathOf(".clusterready-files")));
    }

    [Fact]
    public void RemovesFoldersThatItsDeletionsLeftEmpty()
    {
        var request = TestCases.MinimalWorker with { Model = TestCases.MinimalWorker.Model with { Overlays = [new Model.EnvironmentOverlayModel("qa")] } };
        using var folder = new TemporaryDeployFolder(DeployArtifacts.Create(request).Files);
        Assert.True(Directory.Exists(folder.PathOf("kubernetes/overlays/qa")));

        DeployArtifacts.WriteTo(folder.Root, TestCases.CreateFiles("worker"));

        Assert.False(Directory.Exists(folder.PathOf("kubernetes/overlays/qa")));
        Assert.True(Directory.Exists(folder.PathOf("kubernetes/overlays/staging")));
    }

    [Fact]
    public void NeverDeletesOutsideTheFolderWhateverTheListSays()
    {
        using var outside = new TemporaryDeployFolder();
        var victim = Path.Combine(outside.Root, "keep.txt");
        File.WriteAllText(victim, "keep");
        using var folder = new TemporaryDeployFolder();
        File.WriteAllText(folder.PathOf(".clusterready-files"), $"../{Path.GetFileName(outside.Root)}/keep.txt\n{victim}\n");

        DeployArtifacts.WriteTo(folder.Root, TestCases.CreateFiles("worker"));

        Assert.True(File.Exists(victim));
    }

    [Theory]
    [InlineData("../escape.yaml")]
    [InlineData("/etc/escape.yaml")]
    [InlineData("kubernetes\\base\\x.yaml")]
    [InlineData("kubernetes//x.yaml")]
    [InlineData(".clusterready-files")]
    [InlineData("kubernetes/./x.yaml")]
    [InlineData("kubernetes/base/")]
    [InlineData("")]
    public void RejectsPathsOutsideTheFolder(string path)
    {
        using var folder = new TemporaryDeployFolder();

        Assert.Throws<ArgumentException>(() => DeployArtifacts.WriteTo(folder.Root, [new ArtifactFile(path, "x\n")]));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Root));
    }
}
