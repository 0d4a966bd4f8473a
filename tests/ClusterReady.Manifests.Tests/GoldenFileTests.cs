using System.Text;
using ClusterReady.Manifests;

namespace ClusterReady.Manifests.Tests;

/// <summary>
/// The whole file set of each case is compared with <c>Golden/&lt;case&gt;/</c>. After an intended change, run the tests
/// with <c>CLUSTERREADY_UPDATE_GOLDEN=1</c> to rewrite the golden files, and review their diff.
/// </summary>
public sealed class GoldenFileTests
{
    private const string UpdateVariable = "CLUSTERREADY_UPDATE_GOLDEN";

    [Theory]
    [MemberData(nameof(TestCases.Names), MemberType = typeof(TestCases))]
    public void FilesMatchGoldenFiles(string caseName)
    {
        var files = TestCases.CreateFiles(caseName);
        var goldenDirectory = Repository.Path("tests", "ClusterReady.Manifests.Tests", "Golden", caseName);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            if (Directory.Exists(goldenDirectory))
            {
                Directory.Delete(goldenDirectory, recursive: true);
            }

            foreach (var file in files)
            {
                var path = Path.Combine(goldenDirectory, file.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }

            return;
        }

        var golden = Directory.Exists(goldenDirectory)
            ? Directory.EnumerateFiles(goldenDirectory, "*", SearchOption.AllDirectories)
                .ToDictionary(path => Path.GetRelativePath(goldenDirectory, path).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText, StringComparer.Ordinal)
            : [];

        var report = new StringBuilder();
        foreach (var file in files)
        {
            if (!golden.TryGetValue(file.RelativePath, out var expected))
            {
                report.Append($"New file {file.RelativePath} (no golden file).\n");
            }
            else if (expected.ReplaceLineEndings("\n") != file.Content)
            {
                report.Append($"--- Golden/{caseName}/{file.RelativePath}\n+++ created\n{TextDiff.Unified(expected.ReplaceLineEndings("\n"), file.Content)}\n");
            }
        }

        foreach (var missing in golden.Keys.Except(files.Select(f => f.RelativePath), StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            report.Append($"File {missing} is no longer created.\n");
        }

        Assert.True(report.Length == 0,
            $"The deploy files of case '{caseName}' differ from the golden files in {goldenDirectory}:\n{report}\n" +
            $"If the change is intended, run the tests with {UpdateVariable}=1 to rewrite the golden files, then review their diff.");
    }
}
