using ClusterReady.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ClusterReady.Analyzers.Tests;

/// <summary>[HttpRoute]: the Gateway API route shares the Ingress's rules (a port, a path) and needs a parent Gateway.</summary>
public sealed class HttpRouteAnalyzerTests
{
    [Fact]
    public Task A_route_without_a_gateway_is_an_error_that_names_the_host() =>
        Verify<IngressAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.ContainerPort(8080)]
            [{|#0:ClusterReady.HttpRoute("a.example.com")|}]
            public sealed class NoGateway;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.HttpRoute("b.example.com", {|#1:Gateway = " "|})]
            public sealed class BlankGateway;

            [ClusterReady.KubernetesService("c")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.HttpRoute("c.example.com", Gateway = "public", GatewayNamespace = "gateways")]
            public sealed class Attached;
            """,
            web: false,
            console: false,
            [NoGateway(0, "a.example.com"), NoGateway(1, "b.example.com")],
            "CR8004");

    [Fact]
    public Task A_route_on_a_worker_without_an_app_port_is_an_error_naming_the_route() =>
        Verify<IngressAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [{|#0:ClusterReady.HttpRoute("a.example.com", Gateway = "public")|}]
            public sealed class Worker;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.ContainerPort(8081, Management = true)]
            [ClusterReady.HttpRoute("b.example.com", Gateway = "public")]
            public sealed class Web;
            """,
            web: false,
            console: false,
            [new DiagnosticResult("CR8001", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
                "[HttpRoute] routes to the service's first app port but the service declares none (only management or UDP ports): declare one, such as [ContainerPort(8080)]")],
            "CR8001");

    [Fact]
    public Task A_route_path_must_start_with_a_slash_and_the_message_names_the_route() =>
        Verify<IngressAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.HttpRoute("a.example.com", Gateway = "public", {|#0:Path = "api"|})]
            public sealed class A;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.HttpRoute("b.example.com", Gateway = "public", Path = "/api")]
            public sealed class B;
            """,
            web: false,
            console: false,
            [new DiagnosticResult("CR8002", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
                "HttpRoute.Path = \"api\" is not a path prefix: start it with '/' and use no spaces, such as \"/api\"")],
            "CR8002");

    [Fact]
    public Task Route_names_follow_the_kubernetes_grammars() =>
        Verify<NamesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.HttpRoute({|CR2002:"https://A.example.com/"|}, {|CR2002:Gateway = "Public_Gateway"|}, {|CR2001:GatewayNamespace = "Gateways"|})]
            public sealed class A;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.HttpRoute("*.b.example.com", Gateway = "public.gw", GatewayNamespace = "gateways")]
            public sealed class B;
            """, "CR2001", "CR2002");

    private static DiagnosticResult NoGateway(int location, string host) =>
        new DiagnosticResult("CR8004", DiagnosticSeverity.Error).WithLocation(location).WithMessage(
            $"[HttpRoute(\"{host}\")] names no Gateway, so the route attaches to nothing and no request reaches the service: set Gateway to the Gateway "
            + "that serves the host, such as Gateway = \"public\" (and GatewayNamespace when it lives in another namespace)");
}
