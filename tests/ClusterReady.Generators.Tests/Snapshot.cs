using System.Runtime.CompilerServices;

namespace ClusterReady.Generators.Tests;

/// <summary>
/// Compares text with a file next to the tests. Set CLUSTERREADY_UPDATE_SNAPSHOTS=1 to rewrite the files,
/// then review the change with git diff.
/// </summary>
internal static class Snapshot
{
    public static void Match(string actual, string name, [CallerFilePath] string thisFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(thisFile)!, "Snapshots", name);
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("CLUSTERREADY_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Snapshot {path} is missing. Run the tests with CLUSTERREADY_UPDATE_SNAPSHOTS=1 to create it.");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected != actual)
        {
            Assert.Fail(
                $"Output differs from snapshot {path}.\n{Diff(expected, actual)}\n" +
                "If the change is intended, run the tests with CLUSTERREADY_UPDATE_SNAPSHOTS=1 and review git diff.");
        }
    }

    private static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end>";
            var right = i < a.Length ? a[i] : "<end>";
            if (left != right)
            {
                return $"First difference at line {i + 1}:\n- {left}\n+ {right}";
            }
        }

        return "(whitespace only)";
    }
}
