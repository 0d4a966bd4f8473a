using ClusterReady.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ClusterReady.Analyzers.Tests;

/// <summary>[LatencyProfile]: whole CPUs (CR1008), requests equal to limits (CR1009), CPU and memory everywhere (CR1010), a warm-up inside the startup probe (CR3016).</summary>
public sealed class LatencyProfileAnalyzerTests
{
    [Fact]
    public Task A_fractional_cpu_is_an_error_on_the_amount_the_profile_uses_in_the_base_and_in_overlays() =>
        Verify<LatencyProfileAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.Resources({|#0:CpuLimit = "500m"|}, MemoryLimit = "512Mi")]
            [ClusterReady.LatencyProfile]
            public sealed class FractionalLimit;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.Resources({|#1:CpuRequest = "1.5"|}, MemoryLimit = "512Mi")]
            [ClusterReady.LatencyProfile]
            public sealed class RequestOnly;

            [ClusterReady.KubernetesService("c")]
            [ClusterReady.Resources(CpuLimit = "2000m", MemoryLimit = "512Mi")]
            [ClusterReady.EnvironmentOverlay("staging")]
            [ClusterReady.EnvironmentOverlay("production", {|#2:CpuLimit = "2.5"|})]
            [ClusterReady.LatencyProfile]
            public sealed class OverlayFraction;

            [ClusterReady.KubernetesService("d")]
            [ClusterReady.Resources(CpuLimit = "500m", MemoryLimit = "512Mi")]
            public sealed class NoProfile;
            """,
            web: false,
            console: false,
            [
                Fractional(0, "Resources.CpuLimit", "500m", "0.5", "1"),
                Fractional(1, "Resources.CpuRequest", "1.5", "1.5", "2"),
                Fractional(2, "EnvironmentOverlay(\"production\").CpuLimit", "2.5", "2.5", "3"),
            ],
            "CR1008");

    [Fact]
    public Task A_request_that_differs_from_the_limit_it_runs_with_is_an_error_and_an_equal_one_is_not() =>
        Verify<LatencyProfileAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.Resources(CpuLimit = "1", {|#0:MemoryRequest = "256Mi"|}, MemoryLimit = "512Mi")]
            [ClusterReady.LatencyProfile]
            public sealed class BelowLimit;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.Resources(CpuRequest = "1000m", CpuLimit = "1", MemoryRequest = "0.5Gi", MemoryLimit = "512Mi")]
            [ClusterReady.LatencyProfile]
            public sealed class Equal;

            [ClusterReady.KubernetesService("c")]
            [ClusterReady.Resources(CpuLimit = "2", MemoryLimit = "512Mi")]
            [ClusterReady.EnvironmentOverlay("staging")]
            [ClusterReady.EnvironmentOverlay("production", {|#1:CpuRequest = "1"|})]
            [ClusterReady.LatencyProfile]
            public sealed class OverlayRequest;

            [ClusterReady.KubernetesService("d")]
            [ClusterReady.Resources(CpuRequest = "2", CpuLimit = "1", MemoryLimit = "512Mi")]
            [ClusterReady.LatencyProfile]
            public sealed class AboveOwnLimitIsCR1002s;
            """,
            web: false,
            console: false,
            [
                Differs(0, "Resources.MemoryRequest", "256Mi", "Resources.MemoryLimit", "512Mi"),
                Differs(1, "EnvironmentOverlay(\"production\").CpuRequest", "1", "Resources.CpuLimit", "2"),
            ],
            "CR1009");

    [Fact]
    public Task The_profile_needs_cpu_and_memory_in_every_environment() =>
        Verify<LatencyProfileAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [{|#0:ClusterReady.LatencyProfile|}]
            public sealed class NoResources;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.Resources(CpuLimit = "1")]
            [{|#1:ClusterReady.LatencyProfile|}]
            public sealed class NoMemory;

            [ClusterReady.KubernetesService("c")]
            [ClusterReady.Resources(CpuLimit = "1")]
            [ClusterReady.EnvironmentOverlay("staging", MemoryLimit = "256Mi")]
            [ClusterReady.EnvironmentOverlay("production")]
            [{|#2:ClusterReady.LatencyProfile|}]
            public sealed class OneEnvironmentWithout;

            [ClusterReady.KubernetesService("d")]
            [ClusterReady.Resources(CpuRequest = "1", MemoryRequest = "512Mi")]
            [ClusterReady.LatencyProfile]
            public sealed class RequestsAreEnough;
            """,
            web: false,
            console: false,
            [
                Without(0, "the service (it has no [Resources])", "CpuLimit or MemoryLimit", "CpuLimit = \"1\", MemoryLimit = \"512Mi\""),
                Without(1, "[Resources]", "MemoryLimit", "MemoryLimit = \"512Mi\""),
                Without(2, "EnvironmentOverlay(\"production\")", "MemoryLimit", "MemoryLimit = \"512Mi\""),
            ],
            "CR1010");

    [Fact]
    public Task A_warmup_longer_than_the_startup_probe_allows_or_negative_is_an_error_with_the_numbers() =>
        Verify<LatencyProfileAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.Resources(CpuLimit = "1", MemoryLimit = "512Mi")]
            [ClusterReady.LatencyProfile({|#0:WarmupTimeoutSeconds = 90|})]
            public sealed class TooLong;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.Resources(CpuLimit = "1", MemoryLimit = "512Mi")]
            [ClusterReady.StartupProbe(InitialDelaySeconds = 5, PeriodSeconds = 10, FailureThreshold = 3)]
            [ClusterReady.LatencyProfile({|#1:WarmupTimeoutSeconds = 26|})]
            public sealed class TooLongForItsProbe;

            [ClusterReady.KubernetesService("c")]
            [ClusterReady.Resources(CpuLimit = "1", MemoryLimit = "512Mi")]
            [ClusterReady.LatencyProfile({|#2:WarmupTimeoutSeconds = -1|})]
            public sealed class Negative;

            [ClusterReady.KubernetesService("d")]
            [ClusterReady.Resources(CpuLimit = "1", MemoryLimit = "512Mi")]
            [ClusterReady.StartupProbe(InitialDelaySeconds = 5, PeriodSeconds = 10, FailureThreshold = 3)]
            [ClusterReady.LatencyProfile(WarmupTimeoutSeconds = 25)]
            public sealed class JustFits;

            [ClusterReady.KubernetesService("e")]
            [ClusterReady.Resources(CpuLimit = "1", MemoryLimit = "512Mi")]
            [ClusterReady.LatencyProfile(WarmupTimeoutSeconds = 0)]
            public sealed class Default;
            """,
            web: false,
            console: false,
            [
                Warmup(0, "90", "does not fit the startup probe: its budget is 0 + 3 s x 20 = 60 s and the probe must see the 200 before its last period, so the warm-up may take at most 57 s: lower WarmupTimeoutSeconds to 57 or raise StartupProbe.FailureThreshold to 31"),
                Warmup(1, "26", "does not fit the startup probe: its budget is 5 + 10 s x 3 = 35 s and the probe must see the 200 before its last period, so the warm-up may take at most 25 s: lower WarmupTimeoutSeconds to 25 or raise StartupProbe.FailureThreshold to 4"),
                Warmup(2, "-1", "is negative: write 0 for the default (the startup probe's budget less one period, 57 s) or a number of seconds up to 57"),
            ],
            "CR3016");

    [Fact]
    public Task Under_the_profile_a_limit_is_the_request_the_autoscaler_needs() =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.Resources(CpuLimit = "1", MemoryLimit = "512Mi")]
            [ClusterReady.Autoscaling(2, 4, CpuUtilization = 70, MemoryUtilization = 80)]
            [ClusterReady.LatencyProfile]
            public sealed class WithProfile;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.Resources(CpuLimit = "1", MemoryLimit = "512Mi")]
            [ClusterReady.Autoscaling(2, 4, {|#0:CpuUtilization = 70|}, {|#1:MemoryUtilization = 80|})]
            public sealed class WithoutProfile;
            """,
            web: false,
            console: false,
            [
                new DiagnosticResult("CR1004", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Autoscaling.CpuUtilization = 70", "CPU", "CpuRequest", "250m"),
                new DiagnosticResult("CR1004", DiagnosticSeverity.Error).WithLocation(1).WithArguments("Autoscaling.MemoryUtilization = 80", "memory", "MemoryRequest", "256Mi"),
            ],
            "CR1004");

    private static DiagnosticResult Fractional(int location, string property, string value, string cores, string fix) =>
        new DiagnosticResult("CR1008", DiagnosticSeverity.Error).WithLocation(location).WithMessage(
            $"{property} = \"{value}\" is {cores} CPU, but [LatencyProfile] runs the service on whole CPUs: a fractional CPU quota is spent early in each "
            + $"100 ms period and the pod then stalls until the next one, which is the tail latency the profile removes: write \"{fix}\" (whole CPUs)");

    private static DiagnosticResult Differs(int location, string request, string value, string limit, string limitValue) =>
        new DiagnosticResult("CR1009", DiagnosticSeverity.Error).WithLocation(location).WithMessage(
            $"{request} = \"{value}\" differs from {limit} = \"{limitValue}\", but [LatencyProfile] makes each request equal to its limit (Guaranteed QoS): "
            + $"remove {request} (the profile sets it to the limit) or write \"{limitValue}\"");

    private static DiagnosticResult Without(int location, string subject, string missing, string example) =>
        new DiagnosticResult("CR1010", DiagnosticSeverity.Error).WithLocation(location).WithMessage(
            $"[LatencyProfile] derives Guaranteed QoS and the runtime's processor count and heap limit from the resources, but {subject} sets no {missing}: set [Resources({example})]");

    private static DiagnosticResult Warmup(int location, string value, string reason) =>
        new DiagnosticResult("CR3016", DiagnosticSeverity.Error).WithLocation(location).WithMessage($"LatencyProfile.WarmupTimeoutSeconds = {value} {reason}");
}
