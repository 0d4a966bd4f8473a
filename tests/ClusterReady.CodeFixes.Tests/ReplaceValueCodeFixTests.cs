using ClusterReady.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ClusterReady.CodeFixes.Tests;

/// <summary>A value a rule refuses is replaced by the valid form the finding offers: quantities, names, paths, protocols, the app user.</summary>
public sealed class ReplaceValueCodeFixTests
{
    [Fact]
    public Task Fix_lowercases_a_repository() =>
        Verify<ContainerImageAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.ContainerImage({|CR7002:"Acme/Orders"|})]
            public sealed class A;
            """,
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.ContainerImage("acme/orders")]
            public sealed class A;
            """,
            null,
            "CR7002");

    [Fact]
    public Task Fix_adds_the_leading_slash_to_the_ingress_path() =>
        Verify<IngressAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.Ingress("a.example.com", {|CR8002:Path = "api"|})]
            public sealed class A;
            """,
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.Ingress("a.example.com", Path = "/api")]
            public sealed class A;
            """,
            null,
            "CR8002");

    [Fact]
    public Task Fix_rounds_a_fractional_cpu_up_to_whole_cpus_under_the_latency_profile() =>
        Verify<LatencyProfileAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.Resources({|CR1008:CpuLimit = "1500m"|}, MemoryLimit = "512Mi")]
            [ClusterReady.LatencyProfile]
            public sealed class A;
            """,
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.Resources(CpuLimit = "2", MemoryLimit = "512Mi")]
            [ClusterReady.LatencyProfile]
            public sealed class A;
            """,
            null,
            "CR1008");

    [Fact]
    public Task Fix_writes_the_limit_as_the_request_under_the_latency_profile() =>
        Verify<LatencyProfileAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.Resources(CpuLimit = "1", {|CR1009:MemoryRequest = "256Mi"|}, MemoryLimit = "512Mi")]
            [ClusterReady.LatencyProfile]
            public sealed class A;
            """,
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.Resources(CpuLimit = "1", MemoryRequest = "512Mi", MemoryLimit = "512Mi")]
            [ClusterReady.LatencyProfile]
            public sealed class A;
            """,
            null,
            "CR1009");

    [Fact]
    public Task Fix_shortens_the_warmup_to_the_longest_the_startup_probe_allows() =>
        Verify<LatencyProfileAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.Resources(CpuLimit = "1", MemoryLimit = "512Mi")]
            [ClusterReady.LatencyProfile({|CR3016:WarmupTimeoutSeconds = 90|})]
            public sealed class A;
            """,
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.Resources(CpuLimit = "1", MemoryLimit = "512Mi")]
            [ClusterReady.LatencyProfile(WarmupTimeoutSeconds = 57)]
            public sealed class A;
            """,
            null,
            "CR3016");

    [Theory]
    [InlineData("Orders_DB", "orders-db")]
    [InlineData("orders..db", "orders.db")]
    [InlineData("-orders-", "orders")]
    public Task Fix_sanitizes_a_secret_name(string name, string expected) =>
        Verify<NamesAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            $$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.SecretVolume({|CR2002:"{{name}}"|}, "/etc/keys")]
            public sealed class Deployment;
            """,
            $$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.SecretVolume("{{expected}}", "/etc/keys")]
            public sealed class Deployment;
            """,
            null,
            "CR2002");

    [Fact]
    public Task Fix_turns_a_url_into_an_ingress_host() =>
        Verify<NamesAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Ingress({|CR2002:"https://Orders.Example.com:443/api"|}, TlsSecretName = "orders-tls")]
            public sealed class Deployment;
            """,
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Ingress("orders.example.com", TlsSecretName = "orders-tls")]
            public sealed class Deployment;
            """,
            null,
            "CR2002");

    [Fact]
    public Task Fix_sanitizes_a_service_name() =>
        Verify<NamesAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService({|CR2001:"2 Orders.API"|})]
            public sealed class Deployment;
            """,
            """
            [ClusterReady.KubernetesService("orders-api")]
            public sealed class Deployment;
            """,
            null,
            "CR2001");

    [Theory]
    [InlineData("HTTP_Metrics", "http-metrics")]
    [InlineData("8080", "port-8080")]
    [InlineData("management-port-1", "management-port")]
    public Task Fix_sanitizes_a_port_name(string name, string expected) =>
        Verify<NamesAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            $$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080, {|CR2003:Name = "{{name}}"|})]
            public sealed class Deployment;
            """,
            $$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080, Name = "{{expected}}")]
            public sealed class Deployment;
            """,
            null,
            "CR2003");

    [Fact]
    public Task Fix_writes_a_configuration_key_as_its_environment_variable() =>
        Verify<NamesAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.EnvironmentVariable({|CR2004:"Orders:BatchSize"|}, "50")]
            public sealed class Deployment;
            """,
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.EnvironmentVariable("Orders__BatchSize", "50")]
            public sealed class Deployment;
            """,
            null,
            "CR2004");

    [Fact]
    public Task Fix_makes_a_relative_mount_path_absolute() =>
        Verify<NamesAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.SecretVolume("orders-keys", {|CR2009:"etc/orders"|})]
            public sealed class Deployment;
            """,
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.SecretVolume("orders-keys", "/etc/orders")]
            public sealed class Deployment;
            """,
            null,
            "CR2009");

    [Fact]
    public Task Fix_uppercases_a_protocol() =>
        Verify<PortsAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080, {|CR3004:Protocol = "tcp"|})]
            public sealed class Deployment;
            """,
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080, Protocol = "TCP")]
            public sealed class Deployment;
            """,
            null,
            "CR3004");

    [Fact]
    public Task Fix_corrects_the_case_of_a_port_name() =>
        Verify<ProbesAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.ReadinessProbe({|CR3011:Port = "HTTP"|})]
            public sealed class Deployment;
            """,
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.ReadinessProbe(Port = "http")]
            public sealed class Deployment;
            """,
            null,
            "CR3011");

    [Fact]
    public Task Fix_adds_the_leading_slash() =>
        Verify<ProbesAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.LivenessProbe({|CR3012:"healthz/live"|})]
            public sealed class Deployment;
            """,
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.LivenessProbe("/healthz/live")]
            public sealed class Deployment;
            """,
            null,
            "CR3012");

    [Theory]
    [InlineData("500mb", "500M", "CR1001.Replace.Decimal")]
    [InlineData("500mb", "500Mi", "CR1001.Replace.Binary")]
    [InlineData("1.5GB", "1.5Gi", "CR1001.Replace.Binary")]
    [InlineData("2 Gi", "2Gi", "CR1001.Replace.Binary")]
    [InlineData("256 MiB", "256Mi", "CR1001.Replace.Binary")]
    public Task Fix_rewrites_a_memory_quantity_to_the_chosen_valid_form(string value, string expected, string equivalenceKey) =>
        Verify<ResourcesAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            $$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({|CR1001:MemoryLimit = "{{value}}"|})]
            public sealed class Deployment;
            """,
            $$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources(MemoryLimit = "{{expected}}")]
            public sealed class Deployment;
            """,
            equivalenceKey,
            "CR1001");

    [Theory]
    [InlineData("0.5 cores", "500m")]
    [InlineData("2 cpu", "2")]
    [InlineData("250 millicores", "250m")]
    [InlineData(" 100m ", "100m")]
    public Task Fix_rewrites_a_cpu_quantity(string value, string expected) =>
        Verify<ResourcesAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            $$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({|CR1001:CpuRequest = "{{value}}"|})]
            public sealed class Deployment;
            """,
            $$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources(CpuRequest = "{{expected}}")]
            public sealed class Deployment;
            """,
            null,
            "CR1001");

    [Fact]
    public Task Fix_all_rewrites_every_quantity_with_the_same_kind_of_unit() =>
        Verify<ResourcesAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({|CR1001:MemoryRequest = "256mb"|}, {|CR1001:MemoryLimit = "1GB"|})]
            public sealed class Deployment;
            """,
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources(MemoryRequest = "256Mi", MemoryLimit = "1Gi")]
            public sealed class Deployment;
            """,
            "CR1001.Replace.Binary",
            "CR1001");

    [Fact]
    public Task Fix_reads_milli_memory_as_mebibytes() =>
        Verify<ResourcesAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({|CR1005:MemoryLimit = "512m"|})]
            public sealed class Deployment;
            """,
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources(MemoryLimit = "512Mi")]
            public sealed class Deployment;
            """,
            "CR1005.Replace.Binary",
            "CR1005");

    [Fact]
    public Task Fix_adds_the_forgotten_millicore_unit() =>
        Verify<ResourcesAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({|CR1006:CpuRequest = "250"|})]
            public sealed class Deployment;
            """,
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources(CpuRequest = "250m")]
            public sealed class Deployment;
            """,
            null,
            "CR1006");

    [Fact]
    public Task Fix_uses_the_images_app_user() =>
        Verify<PodSecurityAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.PodSecurity({|CR6005:RunAsUser = 0|})]
            public sealed class A;
            """,
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.PodSecurity(RunAsUser = 1654)]
            public sealed class A;
            """,
            null,
            "CR6005");

    [Fact]
    public Task Fix_writes_the_default_replicas_in_place_of_a_count_written_as_0() =>
        Verify<AvailabilityAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("a", {|CR5010:Replicas = 0|}, HighlyAvailable = true)]
            public sealed class A;
            """,
            """
            [ClusterReady.KubernetesService("a", Replicas = 2, HighlyAvailable = true)]
            public sealed class A;
            """,
            null,
            "CR5010");

    [Fact]
    public Task Fix_writes_the_autoscaler_limit_an_overlay_keeps_in_place_of_a_limit_written_as_0() =>
        Verify<AvailabilityAnalyzer>.FixAsync<ReplaceValueCodeFixProvider>(
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.Autoscaling(2, 6)]
            [ClusterReady.EnvironmentOverlay("dev", {|CR5010:MinReplicas = 0|})]
            public sealed class A;
            """,
            """
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.Autoscaling(2, 6)]
            [ClusterReady.EnvironmentOverlay("dev", MinReplicas = 2)]
            public sealed class A;
            """,
            null,
            "CR5010");
}
