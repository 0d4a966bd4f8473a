using ClusterReady.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ClusterReady.Analyzers.Tests;

public sealed class ResourcesAnalyzerTests
{
    [Theory]
    [InlineData("MemoryLimit", "500mb")]
    [InlineData("MemoryLimit", "512MB")]
    [InlineData("MemoryRequest", "64KB")]
    [InlineData("MemoryLimit", "1.5GB")]
    [InlineData("MemoryLimit", "2 Gi")]
    [InlineData("MemoryRequest", "512MiB")]
    [InlineData("MemoryRequest", "-1Gi")]
    [InlineData("MemoryRequest", "")]
    [InlineData("CpuRequest", "0.5 cores")]
    [InlineData("CpuRequest", "half")]
    [InlineData("CpuLimit", "1,5")]
    [InlineData("CpuLimit", "1e")]
    public Task A_quantity_Kubernetes_rejects_is_an_error_on_its_argument(string property, string value) =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync($$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({|CR1001:{{property}} = "{{value}}"|})]
            public sealed class Deployment;
            """, "CR1001");

    [Theory]
    [InlineData("MemoryLimit", "512Mi")]
    [InlineData("MemoryLimit", "1.5Gi")]
    [InlineData("MemoryLimit", "1e9")]
    [InlineData("MemoryLimit", "500M")]
    [InlineData("MemoryRequest", "+128Mi")]
    [InlineData("CpuRequest", "250m")]
    [InlineData("CpuRequest", "0.5")]
    [InlineData("CpuLimit", ".5")]
    [InlineData("CpuLimit", "2")]
    public Task A_valid_quantity_is_not_reported(string property, string value) =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync($$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({{property}} = "{{value}}")]
            public sealed class Deployment;
            """, "CR1001");

    [Fact]
    public Task An_environment_overlay_quantity_is_checked_too() =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.EnvironmentOverlay("production", {|CR1001:MemoryLimit = "1 gb"|})]
            public sealed class Deployment;
            """, "CR1001");

    [Theory]
    [InlineData("CpuRequest = \"2\"", "CpuLimit = \"1\"")]
    [InlineData("MemoryRequest = \"1Gi\"", "MemoryLimit = \"512Mi\"")]
    [InlineData("MemoryRequest = \"1G\"", "MemoryLimit = \"953Mi\"")]
    public Task A_request_above_its_limit_is_an_error_on_the_request(string request, string limit) =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync($$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({|CR1002:{{request}}|}, {{limit}})]
            public sealed class Deployment;
            """, "CR1002");

    [Theory]
    [InlineData("CpuRequest = \"1000m\"", "CpuLimit = \"1\"")]
    [InlineData("MemoryRequest = \"1Gi\"", "MemoryLimit = \"1024Mi\"")]
    [InlineData("MemoryRequest = \"1G\"", "MemoryLimit = \"1Gi\"")]
    [InlineData("MemoryRequest = \"2Gi\"", "CpuLimit = \"1\"")]
    [InlineData("MemoryRequest = \"2gb\"", "MemoryLimit = \"1Gi\"")]
    public Task A_request_within_its_limit_or_not_comparable_is_not_reported(string request, string limit) =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync($$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({{request}}, {{limit}})]
            public sealed class Deployment;
            """, "CR1002");

    [Fact]
    public Task An_overlay_request_is_compared_with_the_base_limit() =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources(MemoryRequest = "256Mi", MemoryLimit = "512Mi")]
            [ClusterReady.EnvironmentOverlay("production", {|CR1002:MemoryRequest = "1Gi"|})]
            [ClusterReady.EnvironmentOverlay("staging", MemoryRequest = "512Mi")]
            public sealed class Deployment;
            """, "CR1002");

    [Fact]
    public Task No_resources_at_all_warns_on_the_service() =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync("""
            [{|CR1003:ClusterReady.KubernetesService("orders-api")|}]
            public sealed class Deployment;
            """, "CR1003");

    [Fact]
    public Task Resources_without_a_memory_limit_warn_on_the_attribute() =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [{|CR1003:ClusterReady.Resources(CpuRequest = "100m", MemoryRequest = "128Mi")|}]
            public sealed class Deployment;
            """, "CR1003");

    [Fact]
    public Task A_memory_limit_in_the_base_or_in_every_overlay_is_enough() =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources(MemoryLimit = "256Mi")]
            public sealed class Deployment;

            [ClusterReady.KubernetesService("other")]
            [ClusterReady.EnvironmentOverlay("staging", MemoryLimit = "256Mi")]
            [ClusterReady.EnvironmentOverlay("production", MemoryLimit = "1Gi")]
            public sealed class Other;
            """, "CR1003");

    [Fact]
    public Task Cpu_utilization_without_a_cpu_request_is_an_error() =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Autoscaling(2, 5, {|CR1004:CpuUtilization = 70|}, {|CR1004:MemoryUtilization = 80|})]
            [ClusterReady.Resources(MemoryLimit = "512Mi")]
            public sealed class Deployment;
            """, "CR1004");

    [Fact]
    public Task Autoscaling_without_a_metric_defaults_to_cpu_and_needs_a_cpu_request() =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [{|CR1004:ClusterReady.Autoscaling(2, 5)|}]
            public sealed class Deployment;
            """, "CR1004");

    [Fact]
    public Task Utilization_with_its_request_is_fine() =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Autoscaling(2, 5, CpuUtilization = 70, MemoryUtilization = 80)]
            [ClusterReady.Resources(CpuRequest = "250m", MemoryRequest = "256Mi")]
            public sealed class Deployment;
            """, "CR1004");

    [Theory]
    [InlineData("MemoryLimit = \"512m\"")]
    [InlineData("MemoryRequest = \"0.5\"")]
    [InlineData("CpuRequest = \"500Mi\"")]
    [InlineData("CpuLimit = \"2k\"")]
    public Task A_valid_quantity_with_a_unit_that_cannot_be_meant_is_an_error(string argument) =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync($$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({|CR1005:{{argument}}|})]
            public sealed class Deployment;
            """, "CR1005");

    [Theory]
    [InlineData("MemoryLimit = \"1.5Gi\"")]
    [InlineData("MemoryLimit = \"0.5k\"")]
    [InlineData("CpuRequest = \"500m\"")]
    public Task A_unit_that_fits_is_not_reported(string argument) =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync($$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({{argument}})]
            public sealed class Deployment;
            """, "CR1005");

    [Theory]
    [InlineData("MemoryLimit = \"512\"")]
    [InlineData("CpuRequest = \"250\"")]
    public Task A_unitless_amount_that_is_implausible_warns(string argument) =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync($$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({|CR1006:{{argument}}|})]
            public sealed class Deployment;
            """, "CR1006");

    [Theory]
    [InlineData("MemoryLimit = \"536870912\"")]
    [InlineData("CpuRequest = \"2\"")]
    [InlineData("CpuRequest = \"250m\"")]
    public Task A_plausible_unitless_amount_is_not_reported(string argument) =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync($$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({{argument}})]
            public sealed class Deployment;
            """, "CR1006");

    [Fact]
    public Task A_memory_limit_below_what_a_web_app_needs_to_start_is_an_error_in_the_base_and_in_each_overlay() =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync("""
            System.Console.WriteLine("serving");

            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources(MemoryRequest = "8Mi", {|#0:MemoryLimit = "16Mi"|})]
            [ClusterReady.EnvironmentOverlay("staging", {|#1:MemoryLimit = "20M"|})]
            [ClusterReady.EnvironmentOverlay("production", MemoryLimit = "1Gi")]
            public sealed class Deployment;
            """,
            web: true,
            console: true,
            [
                new DiagnosticResult("CR1007", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
                    "Resources.MemoryLimit = \"16Mi\" is 16 MiB, below the 20 MiB any .NET web app needs just to start (one uses about 63 MiB "
                    + "when ready, 29 MiB published Native AOT), so the container thrashes or is OOM-killed before it serves anything: set it above "
                    + "the app's peak, such as \"256Mi\""),
                new DiagnosticResult("CR1007", DiagnosticSeverity.Error).WithLocation(1).WithMessage(
                    "EnvironmentOverlay.MemoryLimit = \"20M\" is 19.07 MiB, below the 20 MiB any .NET web app needs just to start (one uses about "
                    + "63 MiB when ready, 29 MiB published Native AOT), so the container thrashes or is OOM-killed before it serves anything: set it "
                    + "above the app's peak, such as \"256Mi\""),
            ],
            "CR1007");

    [Fact]
    public Task A_memory_limit_below_what_a_worker_needs_to_start_is_an_error() =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync("""
            System.Console.WriteLine("serving");

            [ClusterReady.KubernetesService("inventory-worker")]
            [ClusterReady.Resources({|#0:MemoryLimit = "8Mi"|})]
            public sealed class Deployment;
            """,
            web: false,
            console: true,
            [
                new DiagnosticResult("CR1007", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
                    "Resources.MemoryLimit = \"8Mi\" is 8 MiB, below the 12 MiB any .NET worker needs just to start (one uses about 44 MiB "
                    + "when ready, 15 MiB published Native AOT), so the container thrashes or is OOM-killed before it serves anything: set it above "
                    + "the app's peak, such as \"128Mi\""),
            ],
            "CR1007");

    [Theory]
    [InlineData("20Mi", true)]
    [InlineData("20971520", true)]
    [InlineData("32Mi", true)]
    [InlineData("1Gi", true)]
    [InlineData("12Mi", false)]
    [InlineData("16Mi", false)]
    [InlineData("12582912", false)]
    public Task A_memory_limit_at_or_above_the_floor_is_fine(string limit, bool web) =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync($$"""
            System.Console.WriteLine("serving");

            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources(MemoryLimit = "{{limit}}")]
            [ClusterReady.EnvironmentOverlay("production", MemoryLimit = "{{limit}}")]
            public sealed class Deployment;
            """, web, console: true, "CR1007");

    [Theory]
    [InlineData("512", "CR1006")]
    [InlineData("512m", "CR1005")]
    [InlineData("16 Mi", "CR1001")]
    [InlineData("-16Mi", "CR1001")]
    public Task A_memory_limit_another_quantity_rule_reports_is_not_reported_again(string limit, string id) =>
        Verify<ResourcesAnalyzer>.DiagnosticsAsync($$"""
            System.Console.WriteLine("serving");

            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources({|{{id}}:MemoryLimit = "{{limit}}"|})]
            public sealed class Deployment;
            """, web: true, console: true, id, "CR1007");
}
