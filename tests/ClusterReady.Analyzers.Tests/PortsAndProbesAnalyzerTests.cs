using ClusterReady.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ClusterReady.Analyzers.Tests;

public sealed class PortsAnalyzerTests
{
    [Fact]
    public Task Ports_outside_1_to_65535_are_errors() =>
        Verify<PortsAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort({|CR3001:0|})]
            [ClusterReady.ContainerPort({|CR3001:70000|}, Name = "big")]
            [ClusterReady.ContainerPort({|CR3001:-8080|}, Name = "neg")]
            [ClusterReady.ContainerPort(65535, Name = "top")]
            public sealed class Deployment;
            """, "CR3001");

    [Fact]
    public Task Privileged_ports_are_errors_and_1024_is_not() =>
        Verify<PortsAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort({|CR3002:80|})]
            [ClusterReady.ContainerPort(1024, Name = "alt")]
            public sealed class Deployment;
            """, "CR3002");

    [Fact]
    public Task Duplicate_port_names_and_numbers_are_errors() =>
        Verify<PortsAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080, Name = "http")]
            [ClusterReady.ContainerPort(8081, {|CR3003:Name = "http"|})]
            [ClusterReady.ContainerPort({|CR3003:8080|}, Name = "other")]
            [ClusterReady.ContainerPort(8080, Name = "dns", Protocol = "UDP")]
            public sealed class Deployment;
            """, "CR3003");

    [Fact]
    public Task Default_port_names_count_as_declared_names() =>
        Verify<PortsAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.ContainerPort(9090, {|CR3003:Name = "http"|})]
            public sealed class Deployment;
            """, "CR3003");

    [Fact]
    public Task Protocols_must_be_uppercase_tcp_udp_or_sctp_and_tcp_for_management() =>
        Verify<PortsAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080, {|CR3004:Protocol = "tcp"|})]
            [ClusterReady.ContainerPort(8081, Management = true, {|CR3004:Protocol = "UDP"|})]
            [ClusterReady.ContainerPort(5353, Name = "dns", Protocol = "UDP")]
            [ClusterReady.ContainerPort(9000, Name = "q", {|CR3004:Protocol = "HTTP"|})]
            public sealed class Deployment;
            """, "CR3004");

    [Fact]
    public Task Only_one_management_port() =>
        Verify<PortsAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.ContainerPort(8081, Management = true)]
            [ClusterReady.ContainerPort(8082, Name = "mgmt2", {|CR3005:Management = true|})]
            public sealed class Deployment;
            """, "CR3005");
}

public sealed class ProbesAnalyzerTests
{
    [Fact]
    public Task A_probe_on_an_undeclared_or_udp_port_is_an_error() =>
        Verify<ProbesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.ContainerPort(5353, Name = "dns", Protocol = "UDP")]
            [ClusterReady.LivenessProbe({|CR3011:Port = "management"|})]
            [ClusterReady.ReadinessProbe({|CR3011:Port = "dns"|})]
            [ClusterReady.StartupProbe(Port = "http")]
            public sealed class Deployment;
            """, "CR3011");

    [Fact]
    public Task A_probe_on_the_default_web_port_is_fine() =>
        Verify<ProbesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.LivenessProbe(Port = "management")]
            public sealed class Worker;
            """, "CR3011");

    [Fact]
    public Task A_probe_path_must_start_with_a_slash() =>
        Verify<ProbesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.LivenessProbe({|CR3012:"healthz/live"|})]
            [ClusterReady.ReadinessProbe({|CR3012:"/healthz/ready now"|})]
            [ClusterReady.StartupProbe("/healthz/startup")]
            public sealed class Deployment;
            """, "CR3012");

    [Fact]
    public Task Probe_timings_out_of_range_are_errors() =>
        Verify<ProbesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.LivenessProbe({|CR3013:PeriodSeconds = 0|}, {|CR3013:TimeoutSeconds = -1|}, {|CR3013:FailureThreshold = 0|}, {|CR3013:InitialDelaySeconds = -5|})]
            [ClusterReady.ReadinessProbe(InitialDelaySeconds = 0, PeriodSeconds = 1, TimeoutSeconds = 1, FailureThreshold = 1)]
            public sealed class Deployment;
            """, "CR3013");

    [Fact]
    public Task A_timeout_not_shorter_than_the_period_warns() =>
        Verify<ProbesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.LivenessProbe(PeriodSeconds = 5, {|CR3014:TimeoutSeconds = 5|})]
            [ClusterReady.ReadinessProbe({|CR3014:PeriodSeconds = 2|})]
            [ClusterReady.StartupProbe(PeriodSeconds = 10, TimeoutSeconds = 3)]
            public sealed class Deployment;
            """, "CR3014");

    [Fact]
    public Task Readiness_on_the_liveness_endpoint_warns() =>
        Verify<ProbesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ReadinessProbe({|CR3015:"/healthz/live/"|})]
            public sealed class Deployment;
            """, "CR3015");

    [Fact]
    public Task Liveness_moved_onto_the_readiness_endpoint_warns_on_liveness_sending_it_back_to_its_own_path() =>
        Verify<ProbesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.LivenessProbe({|#0:"/healthz/ready"|})]
            public sealed class Deployment;
            """,
            web: false,
            console: false,
            [
                new DiagnosticResult("CR3015", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
                    "The liveness probe requests \"/healthz/ready\" on port \"management\", the same endpoint as the readiness probe, so a dependency outage "
                    + "restarts the pod instead of taking it out of the load balancer: give liveness its own path, such as \"/healthz/live\""),
            ],
            "CR3015");

    [Fact]
    public Task Same_path_on_different_ports_or_default_paths_are_fine() =>
        Verify<ProbesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.ContainerPort(8081, Management = true)]
            [ClusterReady.LivenessProbe("/health")]
            [ClusterReady.ReadinessProbe("/health", Port = "http")]
            public sealed class Deployment;

            [ClusterReady.KubernetesService("other")]
            [ClusterReady.LivenessProbe]
            [ClusterReady.ReadinessProbe]
            public sealed class Other;
            """, "CR3015");
}
