using ClusterReady.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ClusterReady.CodeFixes.Tests;

/// <summary>A tag written into the image repository moves to <c>Tag</c> (CR7001).</summary>
public sealed class MoveTagCodeFixTests
{
    [Fact]
    public Task Fix_moves_the_tag_to_Tag() =>
        Verify<ContainerImageAnalyzer>.FixAsync<MoveTagCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.ContainerImage({|CR7001:"ghcr.io/acme/orders-api:1.4.2"|})]
            public sealed class A;
            """,
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.ContainerImage("ghcr.io/acme/orders-api", Tag = "1.4.2")]
            public sealed class A;
            """,
            null,
            "CR7001");

    [Fact]
    public Task Fix_replaces_an_existing_Tag() =>
        Verify<ContainerImageAnalyzer>.FixAsync<MoveTagCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.ContainerImage({|CR7001:"acme/orders:2.0"|}, Tag = "1.0")]
            public sealed class A;
            """,
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.ContainerImage("acme/orders", Tag = "2.0")]
            public sealed class A;
            """,
            null,
            "CR7001");
}
