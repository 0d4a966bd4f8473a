using ClusterReady.Generators.Analyzers;

namespace ClusterReady.Analyzers.Tests;

public sealed class ContainerImageAnalyzerTests
{
    [Fact]
    public Task A_tag_inside_the_repository_warns() =>
        Verify<ContainerImageAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.ContainerImage({|CR7001:"registry.example.com:5000/shop/orders-api:1.4.2"|})]
            public sealed class A;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.ContainerImage("registry.example.com:5000/shop/orders-api", Tag = "1.4.2")]
            public sealed class B;
            """, "CR7001");

    [Fact]
    public Task Invalid_repositories_and_tags_are_errors() =>
        Verify<ContainerImageAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.ContainerImage({|CR7002:"Acme/Orders"|}, {|CR7002:Tag = ".hidden"|})]
            [ClusterReady.EnvironmentOverlay("staging", {|CR7002:ImageTag = "has space"|})]
            public sealed class A;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.ContainerImage({|CR7002:"acme/orders@sha256:abc"|})]
            public sealed class B;

            [ClusterReady.KubernetesService("c")]
            [ClusterReady.ContainerImage("localhost:5000/a__b/c-d--e/f.g", Tag = "v1.2.3_rc-1")]
            public sealed class C;
            """, "CR7002");

    [Fact]
    public Task The_latest_tag_is_advice() =>
        Verify<ContainerImageAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.ContainerImage("acme/orders", {|CR7003:Tag = "latest"|})]
            [ClusterReady.EnvironmentOverlay("dev", {|CR7003:ImageTag = "latest"|})]
            [ClusterReady.EnvironmentOverlay("prod", ImageTag = "latest-stable")]
            public sealed class A;
            """, "CR7003");
}

public sealed class IngressAnalyzerTests
{
    [Fact]
    public Task An_ingress_on_a_worker_without_an_app_port_is_an_error() =>
        Verify<IngressAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [{|CR8001:ClusterReady.Ingress("a.example.com")|}]
            public sealed class Worker;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.ContainerPort(8081, Management = true)]
            [ClusterReady.Ingress("b.example.com")]
            public sealed class Web;
            """, "CR8001");

    [Fact]
    public Task An_ingress_path_must_start_with_a_slash() =>
        Verify<IngressAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.Ingress("a.example.com", {|CR8002:Path = "api"|})]
            public sealed class A;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.Ingress("b.example.com", Path = "/api")]
            public sealed class B;
            """, "CR8002");

    [Fact]
    public Task An_ingress_without_tls_is_advice() =>
        Verify<IngressAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.Ingress({|CR8003:"a.example.com"|})]
            public sealed class A;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.Ingress("b.example.com", TlsSecretName = "b-tls")]
            public sealed class B;
            """, "CR8003");
}

public sealed class ServiceDeclarationAnalyzerTests
{
    [Fact]
    public Task Every_service_class_but_the_first_by_name_is_an_error() =>
        Verify<ServiceDeclarationAnalyzer>.DiagnosticsAsync("""
            namespace Shop
            {
                [{|CR9001:ClusterReady.KubernetesService("beta")|}]
                public sealed class Beta;

                [ClusterReady.KubernetesService("alpha")]
                public sealed class Alpha;
            }
            """, "CR9001");

    [Fact]
    public Task One_service_class_is_fine() =>
        Verify<ServiceDeclarationAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("alpha"), ClusterReady.ContainerPort(8080)]
            public sealed class Alpha;
            """, "CR9001", "CR9002");

    [Fact]
    public Task Attributes_on_a_class_without_KubernetesService_warn() =>
        Verify<ServiceDeclarationAnalyzer>.DiagnosticsAsync("""
            [{|CR9002:ClusterReady.ContainerPort(8080)|}]
            [{|CR9002:ClusterReady.Resources(MemoryLimit = "1Gi")|}]
            [System.Serializable]
            public sealed class Forgotten;
            """, "CR9002");

    [Fact]
    public Task Attributes_under_an_alias_are_seen_as_the_attributes() =>
        Verify<ServiceDeclarationAnalyzer>.DiagnosticsAsync("""
            using Port = ClusterReady.ContainerPortAttribute;
            using Service = ClusterReady.KubernetesServiceAttribute;

            [{|CR9002:Port(8080)|}]
            public sealed class Forgotten;

            [Service("alpha"), Port(8080)]
            public sealed class Alpha;

            [{|CR9001:Service("beta")|}]
            public sealed class Beta;
            """, "CR9001", "CR9002");
}
