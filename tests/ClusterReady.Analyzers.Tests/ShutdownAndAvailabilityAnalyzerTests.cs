using ClusterReady.Generators.Analyzers;

namespace ClusterReady.Analyzers.Tests;

public sealed class ShutdownAnalyzerTests
{
    [Fact]
    public Task Negative_timings_and_a_zero_shutdown_timeout_are_errors() =>
        Verify<ShutdownAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.GracefulShutdown({|CR4001:DrainDelaySeconds = -1|}, {|CR4001:ShutdownTimeoutSeconds = 0|}, {|CR4001:MarginSeconds = -5|})]
            public sealed class Deployment;
            """, "CR4001");

    [Fact]
    public Task Timings_in_range_are_fine() =>
        Verify<ShutdownAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.GracefulShutdown(DrainDelaySeconds = 0, ShutdownTimeoutSeconds = 1, MarginSeconds = 0)]
            public sealed class Deployment;
            """, "CR4001", "CR4002");

    [Fact]
    public Task A_grace_period_above_five_minutes_warns() =>
        Verify<ShutdownAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [{|CR4002:ClusterReady.GracefulShutdown(ShutdownTimeoutSeconds = 600)|}]
            public sealed class Deployment;

            [ClusterReady.KubernetesService("other")]
            [ClusterReady.GracefulShutdown(DrainDelaySeconds = 10, ShutdownTimeoutSeconds = 280, MarginSeconds = 10)]
            public sealed class Other;

            [ClusterReady.KubernetesService("huge")]
            [{|CR4002:ClusterReady.GracefulShutdown(DrainDelaySeconds = int.MaxValue, ShutdownTimeoutSeconds = int.MaxValue)|}]
            public sealed class Huge;
            """, "CR4002");

    [Fact]
    public Task No_drain_delay_is_advice_for_a_service_with_an_app_port_only() =>
        Verify<ShutdownAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.GracefulShutdown({|CR4003:DrainDelaySeconds = 0|})]
            public sealed class Web;

            [ClusterReady.KubernetesService("inventory-worker")]
            [ClusterReady.GracefulShutdown(DrainDelaySeconds = 0, ShutdownTimeoutSeconds = 25)]
            public sealed class Worker;
            """, "CR4003");

    [Fact]
    public Task No_margin_warns() =>
        Verify<ShutdownAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.GracefulShutdown({|CR4004:MarginSeconds = 0|})]
            public sealed class Deployment;

            [ClusterReady.KubernetesService("other")]
            [ClusterReady.GracefulShutdown(MarginSeconds = 1)]
            public sealed class Other;
            """, "CR4004");
}

public sealed class AvailabilityAnalyzerTests
{
    [Fact]
    public Task A_budget_that_never_allows_an_eviction_is_an_error() =>
        Verify<AvailabilityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a", Replicas = 3)]
            [ClusterReady.DisruptionBudget({|CR5001:MinAvailable = 3|})]
            public sealed class A;

            [ClusterReady.KubernetesService("b", HighlyAvailable = true)]
            [ClusterReady.DisruptionBudget({|CR5001:MinAvailable = 2|})]
            public sealed class B;

            [ClusterReady.KubernetesService("c", Replicas = 3)]
            [ClusterReady.DisruptionBudget({|CR5001:MaxUnavailable = 0|})]
            public sealed class C;

            [ClusterReady.KubernetesService("d", Replicas = 3)]
            [ClusterReady.DisruptionBudget(MinAvailable = 2)]
            [ClusterReady.EnvironmentOverlay("staging", {|CR5001:Replicas = 2|})]
            [ClusterReady.EnvironmentOverlay("production", Replicas = 5)]
            public sealed class D;
            """, "CR5001");

    [Fact]
    public Task A_budget_that_leaves_room_is_fine() =>
        Verify<AvailabilityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a", Replicas = 3)]
            [ClusterReady.DisruptionBudget(MinAvailable = 2)]
            public sealed class A;

            [ClusterReady.KubernetesService("b", Replicas = 1)]
            [ClusterReady.DisruptionBudget(MaxUnavailable = 1)]
            public sealed class B;
            """, "CR5001", "CR5002");

    [Fact]
    public Task A_budget_must_set_exactly_one_setting() =>
        Verify<AvailabilityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a", Replicas = 3)]
            [ClusterReady.DisruptionBudget(MinAvailable = 1, {|CR5002:MaxUnavailable = 1|})]
            public sealed class A;

            [ClusterReady.KubernetesService("b", Replicas = 3)]
            [{|CR5002:ClusterReady.DisruptionBudget|}]
            public sealed class B;
            """, "CR5002");

    [Fact]
    public Task An_autoscaling_range_must_be_coherent() =>
        Verify<AvailabilityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.Autoscaling(5, {|CR5003:3|})]
            [ClusterReady.EnvironmentOverlay("production", {|CR5003:MinReplicas = 8|})]
            [ClusterReady.EnvironmentOverlay("staging", MinReplicas = 1, MaxReplicas = 2)]
            public sealed class A;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.Autoscaling({|CR5003:0|}, 3)]
            public sealed class B;

            [ClusterReady.KubernetesService("c")]
            [ClusterReady.Autoscaling(2, 2)]
            public sealed class C;
            """, "CR5003");

    [Fact]
    public Task An_autoscaler_minimum_that_the_budget_needs_entirely_warns() =>
        Verify<AvailabilityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.Autoscaling({|CR5004:2|}, 10)]
            [ClusterReady.DisruptionBudget(MinAvailable = 2)]
            [ClusterReady.EnvironmentOverlay("staging", {|CR5004:MinReplicas = 1|})]
            [ClusterReady.EnvironmentOverlay("production", MinReplicas = 4)]
            public sealed class A;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.Autoscaling(3, 10)]
            [ClusterReady.DisruptionBudget(MinAvailable = 2)]
            public sealed class B;
            """, "CR5004");

    [Fact]
    public Task A_highly_available_service_with_one_replica_warns() =>
        Verify<AvailabilityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a", HighlyAvailable = true, {|CR5005:Replicas = 1|})]
            [ClusterReady.EnvironmentOverlay("dev", {|CR5005:Replicas = 1|})]
            public sealed class A;

            [ClusterReady.KubernetesService("b", HighlyAvailable = true)]
            [ClusterReady.Autoscaling({|CR5005:1|}, 4)]
            public sealed class B;

            [ClusterReady.KubernetesService("c", Replicas = 1)]
            public sealed class C;

            [ClusterReady.KubernetesService("d", HighlyAvailable = true)]
            public sealed class D;
            """, "CR5005");

    [Fact]
    public Task Autoscaling_settings_out_of_range_are_errors() =>
        Verify<AvailabilityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.Autoscaling(2, 5, {|CR5006:CpuUtilization = 0|}, {|CR5006:MemoryUtilization = -10|}, {|CR5006:ScaleDownStabilizationSeconds = 7200|})]
            public sealed class A;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.Autoscaling(2, 5, CpuUtilization = 150, MemoryUtilization = 100, ScaleDownStabilizationSeconds = 0)]
            public sealed class B;
            """, "CR5006");

    [Fact]
    public Task Memory_utilization_above_100_warns() =>
        Verify<AvailabilityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.Autoscaling(2, 5, {|CR5007:MemoryUtilization = 120|}, CpuUtilization = 120)]
            public sealed class A;
            """, "CR5007");

    [Fact]
    public Task Negative_replica_counts_are_errors() =>
        Verify<AvailabilityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a", {|CR5008:Replicas = -1|})]
            [ClusterReady.DisruptionBudget({|CR5008:MaxUnavailable = -1|})]
            [ClusterReady.EnvironmentOverlay("dev", {|CR5008:Replicas = -2|}, {|CR5008:MinReplicas = -1|})]
            public sealed class A;

            [ClusterReady.KubernetesService("b", Replicas = 0)]
            public sealed class B;
            """, "CR5008");

    [Fact]
    public Task Counts_written_as_0_that_read_as_not_set_are_errors() =>
        Verify<AvailabilityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a", {|CR5010:Replicas = 0|})]
            [ClusterReady.Autoscaling(2, 6)]
            [ClusterReady.EnvironmentOverlay("dev", {|CR5010:MinReplicas = 0|}, {|CR5010:MaxReplicas = 0|})]
            public sealed class A;

            [ClusterReady.KubernetesService("b", Replicas = 1)]
            [ClusterReady.EnvironmentOverlay("dev", Replicas = 0)]
            public sealed class B;
            """, "CR5010");

    [Fact]
    public Task Overlay_autoscaling_limits_need_an_autoscaler() =>
        Verify<AvailabilityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.EnvironmentOverlay("production", {|CR5009:MinReplicas = 3|}, MaxReplicas = 10)]
            [ClusterReady.EnvironmentOverlay("staging", Replicas = 2)]
            public sealed class A;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.Autoscaling(2, 5)]
            [ClusterReady.EnvironmentOverlay("production", MinReplicas = 3, MaxReplicas = 10)]
            public sealed class B;
            """, "CR5009");
}
