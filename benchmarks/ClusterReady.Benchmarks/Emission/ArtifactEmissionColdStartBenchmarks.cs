using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ClusterReady.Manifests;

namespace ClusterReady.Benchmarks.Emission;

/// <summary>
/// The first <see cref="DeployArtifacts.Create"/> in a new process, as the build step pays it on every publish (the
/// tool runs once per publish): type loading, JIT and the serializers' first-use costs, on top of the work itself.
/// Each launch is a new process that measures one call.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 10, warmupCount: 0, iterationCount: 1)]
[MemoryDiagnoser]
public class ArtifactEmissionColdStartBenchmarks
{
    private ArtifactRequest _request = null!;

    // Only the model is built here: nothing of the emission may run before the measured call.
    [GlobalSetup]
    public void Setup() => _request = ServiceCatalog.Create(1)[0];

    [Benchmark(Description = "first Create in a new process, 1 service")]
    public int FirstCreate() => DeployArtifacts.Create(_request).Files.Count;
}
