using ClusterReady.Model;
using k8s;
using k8s.Models;

namespace ClusterReady.EndToEnd.Tests.Infrastructure;

/// <summary>A published app's deploy/ folder, read back strictly.</summary>
internal sealed class DeployFolder(string publishDirectory, string assemblyName)
{
    public string PublishDirectory { get; } = publishDirectory;

    public string Root => Path.Combine(PublishDirectory, "deploy");

    public string Base => Path.Combine(Root, "kubernetes", "base");

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public T ReadObject<T>(string relativePath) => KubernetesYaml.Deserialize<T>(Read(relativePath), strict: true);

    public V1Deployment Deployment => ReadObject<V1Deployment>("kubernetes/base/deployment.yaml");

    public V1Service Service => ReadObject<V1Service>("kubernetes/base/service.yaml");

    /// <summary>The model the generator embedded in the published assembly, read from the file without loading it.</summary>
    public DeploymentModel Model =>
        DeploymentModelJson.Parse(EmbeddedModelReader.ReadJson(Path.Combine(PublishDirectory, assemblyName + ".dll"))
            ?? throw new InvalidOperationException($"{assemblyName}.dll has no embedded ClusterReady model"));

    /// <summary>Every file under deploy/ with its bytes, keyed by '/'-separated relative path.</summary>
    public SortedDictionary<string, byte[]> Snapshot() => new(
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Root, f).Replace('\\', '/'), File.ReadAllBytes),
        StringComparer.Ordinal);
}
