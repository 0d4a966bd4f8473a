using ClusterReady.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ClusterReady.Analyzers.Tests;

/// <summary>
/// Each environment is judged as it runs, the base with its overlay applied: a problem that only exists once an
/// overlay's values meet the base's is found on the overlay's argument, and a problem of the base is reported once, on
/// the base, not again in every environment that inherits it.
/// </summary>
public sealed class EnvironmentsAnalyzerTests
{
    [Fact]
    public Task An_overlay_request_above_the_base_limit_is_found_on_the_overlay() =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources(CpuRequest = "250m", CpuLimit = "500m", MemoryLimit = "512Mi")]
            [ClusterReady.EnvironmentOverlay("production", {|#0:CpuRequest = "1"|})]
            [ClusterReady.EnvironmentOverlay("staging", CpuRequest = "500m")]
            public sealed class Deployment;
            """,
            web: false,
            console: false,
            [
                new DiagnosticResult("CR1002", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
                    "EnvironmentOverlay.CpuRequest = \"1\" is greater than Resources.CpuLimit = \"500m\" and Kubernetes rejects a request "
                    + "above its limit: lower the request or raise the limit"),
            ],
            "CR1002");

    [Fact]
    public Task An_overlay_limit_below_the_base_request_is_found_on_the_overlay_limit() =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources(MemoryRequest = "512Mi", MemoryLimit = "1Gi")]
            [ClusterReady.EnvironmentOverlay("dev", {|CR1002:MemoryLimit = "256Mi"|})]
            [ClusterReady.EnvironmentOverlay("production", MemoryLimit = "2Gi")]
            public sealed class Deployment;
            """, "CR1002");

    [Fact]
    public Task A_base_request_above_its_limit_is_reported_once_not_in_each_environment() =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({|CR1002:CpuRequest = "2"|}, CpuLimit = "1", MemoryLimit = "512Mi")]
            [ClusterReady.EnvironmentOverlay("staging", MemoryLimit = "256Mi")]
            [ClusterReady.EnvironmentOverlay("production", ImageTag = "1.2.0")]
            public sealed class Deployment;

            [ClusterReady.KubernetesService("other")]
            [ClusterReady.Resources({|CR1002:CpuRequest = "2"|}, CpuLimit = "1", MemoryLimit = "512Mi")]
            public sealed class Other;
            """, "CR1002");

    [Fact]
    public Task An_overlay_that_repairs_the_base_request_is_fine_in_its_environment() =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({|CR1002:CpuRequest = "2"|}, CpuLimit = "1", MemoryLimit = "512Mi")]
            [ClusterReady.EnvironmentOverlay("production", CpuLimit = "4")]
            public sealed class Deployment;
            """, "CR1002");

    [Fact]
    public Task An_overlay_lowering_replicas_below_the_budget_is_found_on_the_overlay() =>
        Verify<AvailabilityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api", Replicas = 3)]
            [ClusterReady.DisruptionBudget(MinAvailable = 2)]
            [ClusterReady.EnvironmentOverlay("staging", {|#0:Replicas = 2|})]
            [ClusterReady.EnvironmentOverlay("production", Replicas = 4)]
            public sealed class Deployment;
            """,
            web: false,
            console: false,
            [
                new DiagnosticResult("CR5001", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
                    "DisruptionBudget.MinAvailable = 2 allows no pod to be evicted in the \"staging\" environment (Replicas = 2), so node drains "
                    + "and cluster upgrades hang: lower MinAvailable below 2 (or use MaxUnavailable = 1), or raise the environment's Replicas"),
            ],
            "CR5001");

    [Fact]
    public Task An_environment_that_inherits_the_base_replicas_has_the_base_finding_only() =>
        Verify<AvailabilityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api", Replicas = 2)]
            [ClusterReady.DisruptionBudget({|CR5001:MinAvailable = 2|})]
            [ClusterReady.EnvironmentOverlay("staging", ImageTag = "1.2.0")]
            [ClusterReady.EnvironmentOverlay("production", Replicas = 5)]
            public sealed class Deployment;
            """, "CR5001");

    [Fact]
    public Task An_overlay_minimum_above_the_base_maximum_is_found_on_the_overlay() =>
        Verify<AvailabilityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Autoscaling(2, 4)]
            [ClusterReady.EnvironmentOverlay("production", {|#0:MinReplicas = 6|})]
            [ClusterReady.EnvironmentOverlay("staging", MaxReplicas = 3)]
            public sealed class Deployment;
            """,
            web: false,
            console: false,
            [
                new DiagnosticResult("CR5003", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
                    "EnvironmentOverlay(\"production\").MinReplicas = 6 is above MaxReplicas (4): use at most 4"),
            ],
            "CR5003");

    [Fact]
    public Task Under_an_autoscaler_an_environment_runs_its_minimum_not_the_overlay_replicas() =>
        Verify<AvailabilityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api", HighlyAvailable = true)]
            [ClusterReady.Autoscaling(2, 6)]
            [ClusterReady.EnvironmentOverlay("dev", Replicas = 1)]
            [ClusterReady.EnvironmentOverlay("staging", {|CR5005:MinReplicas = 1|})]
            public sealed class Deployment;
            """, "CR5005");

    [Fact]
    public Task An_overlay_tag_is_judged_in_its_environment_and_a_base_tag_once() =>
        Verify<ContainerImageAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerImage("registry.example.com/orders-api", {|CR7003:Tag = "latest"|})]
            [ClusterReady.EnvironmentOverlay("staging")]
            [ClusterReady.EnvironmentOverlay("production", ImageTag = "1.2.0")]
            [ClusterReady.EnvironmentOverlay("dev", {|CR7003:ImageTag = "latest"|})]
            public sealed class Deployment;
            """, "CR7003");
}
