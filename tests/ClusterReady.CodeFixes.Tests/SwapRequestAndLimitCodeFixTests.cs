using ClusterReady.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ClusterReady.CodeFixes.Tests;

/// <summary>A request and a limit written the wrong way round swap places (CR1002).</summary>
public sealed class SwapRequestAndLimitCodeFixTests
{
    [Fact]
    public Task Fix_swaps_a_request_and_limit_written_the_wrong_way_round() =>
        Verify<ResourcesAnalyzer>.FixAsync<SwapRequestAndLimitCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({|CR1002:CpuRequest = "1"|}, CpuLimit = "250m", {|CR1002:MemoryRequest = "1Gi"|}, MemoryLimit = "256Mi")]
            public sealed class Deployment;
            """,
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources(CpuRequest = "250m", CpuLimit = "1", MemoryRequest = "256Mi", MemoryLimit = "1Gi")]
            public sealed class Deployment;
            """,
            null,
            "CR1002");
}
