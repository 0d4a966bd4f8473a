using BenchmarkDotNet.Attributes;
using ClusterReady.Manifests;

namespace ClusterReady.Benchmarks.Emission;

/// <summary>
/// <see cref="DeployArtifacts.Create"/> for 1, 10 and 50 different services, one after the other as a build of a
/// solution with that many services would do: validation, the typed Kubernetes objects, YAML and the Dockerfile.
/// </summary>
[MemoryDiagnoser]
public class ArtifactEmissionBenchmarks
{
    private ArtifactRequest[] _requests = [];

    [Params(1, 10, 50)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _requests = ServiceCatalog.Create(Services);
        foreach (var request in _requests)
        {
            // An invalid model returns errors and no files in a fraction of the time: that would flatter the numbers.
            var result = DeployArtifacts.Create(request);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"{request.AssemblyName}: {string.Join("; ", result.Errors)}");
            }
        }
    }

    /// <returns>The number of files, so the work cannot be optimized away.</returns>
    [Benchmark]
    public int Create()
    {
        var files = 0;
        foreach (var request in _requests)
        {
            files += DeployArtifacts.Create(request).Files.Count;
        }

        return files;
    }
}
