using System.Text;
using ClusterReady.Manifests;

namespace ClusterReady.Manifests.Tests;

/// <summary>A temporary folder holding one case's deploy files, written with <see cref="DeployArtifacts.WriteTo"/>.</summary>
internal sealed class TemporaryDeployFolder : IDisposable
{
    public TemporaryDeployFolder(IReadOnlyList<ArtifactFile>? files = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "clusterready-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        if (files is not null)
        {
            DeployArtifacts.WriteTo(Root, files);
        }
    }

    public string Root { get; }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the test.
        }
    }
}

/// <summary>A line diff (longest common subsequence) for readable golden-file failures.</summary>
internal static class TextDiff
{
    public static string Unified(string expected, string actual, int context = 3)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<(char Kind, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', a[x++]));
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                lines.Add(('+', b[y++]));
            }
            else
            {
                lines.Add(('-', a[x++]));
            }
        }

        var text = new StringBuilder();
        var lastPrinted = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var nearChange = Enumerable.Range(Math.Max(0, i - context), Math.Min(lines.Count, i + context + 1) - Math.Max(0, i - context)).Any(k => lines[k].Kind != ' ');
            if (!nearChange)
            {
                continue;
            }

            if (lastPrinted >= 0 && i > lastPrinted + 1)
            {
                text.Append("@@\n");
            }

            text.Append(lines[i].Kind).Append(' ').Append(lines[i].Text).Append('\n');
            lastPrinted = i;
        }

        return text.ToString();
    }
}
