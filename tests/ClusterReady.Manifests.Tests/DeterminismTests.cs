using ClusterReady.Manifests;

namespace ClusterReady.Manifests.Tests;

public sealed class DeterminismTests
{
    [Theory]
    [MemberData(nameof(TestCases.Names), MemberType = typeof(TestCases))]
    public void CreatingTwiceGivesIdenticalFiles(string caseName)
    {
        var first = DeployArtifacts.Create(TestCases.All[caseName]);
        var second = DeployArtifacts.Create(TestCases.All[caseName]);

        Assert.Empty(first.Errors);
        Assert.Equal(first.Files.Select(f => f.RelativePath), second.Files.Select(f => f.RelativePath));
        Assert.Equal(first.Files, second.Files);
    }

    [Fact]
    public void FileOrderAndContentDoNotDependOnDictionaryOrder()
    {
        var request = TestCases.WebApi;
        var reversed = request with
        {
            AppSettingsByEnvironment = request.AppSettingsByEnvironment.Reverse().ToDictionary(p => p.Key, p => p.Value),
        };

        Assert.Equal(DeployArtifacts.Create(request).Files, DeployArtifacts.Create(reversed).Files);
    }

    [Theory]
    [MemberData(nameof(TestCases.Names), MemberType = typeof(TestCases))]
    public void FilesAreSortedAndUseUnixNewlines(string caseName)
    {
        var files = TestCases.CreateFiles(caseName);

        Assert.Equal(files.Select(f => f.RelativePath).Order(StringComparer.Ordinal), files.Select(f => f.RelativePath));
        Assert.All(files, f =>
        {
            Assert.DoesNotContain('\r', f.Content);
            Assert.EndsWith("\n", f.Content, StringComparison.Ordinal);
            Assert.DoesNotContain('\\', f.RelativePath);
        });
    }
}
