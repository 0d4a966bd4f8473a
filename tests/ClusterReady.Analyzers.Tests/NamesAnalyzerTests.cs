using ClusterReady.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ClusterReady.Analyzers.Tests;

public sealed class NamesAnalyzerTests
{
    [Theory]
    [InlineData("Orders API")]
    [InlineData("orders_api")]
    [InlineData("1orders")]
    [InlineData("orders-")]
    [InlineData("")]
    [InlineData("a-very-long-service-name-that-goes-on-and-on-past-the-limit-of-63")]
    public Task An_invalid_service_name_is_an_error(string name) =>
        Verify<NamesAnalyzer>.DiagnosticsAsync($$"""
            [ClusterReady.KubernetesService({|CR2001:"{{name}}"|})]
            public sealed class Deployment;
            """, "CR2001");

    [Fact]
    public Task Namespaces_and_environment_names_are_labels() =>
        Verify<NamesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api", {|CR2001:Namespace = "Shop_Prod"|})]
            [ClusterReady.EnvironmentOverlay({|CR2001:"pre prod"|})]
            [ClusterReady.EnvironmentOverlay("Staging")]
            [ClusterReady.NetworkPolicy(AllowFromNamespaces = ["ingress-nginx", {|CR2001:"Monitoring!"|}])]
            public sealed class Deployment;
            """, "CR2001");

    [Fact]
    public Task Valid_names_are_not_reported() =>
        Verify<NamesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api", Namespace = "shop")]
            [ClusterReady.ContainerPort(8080, Name = "http")]
            [ClusterReady.ContainerPort(9090, Name = "metrics-2")]
            [ClusterReady.EnvironmentVariable("Logging__LogLevel__Default", "Information")]
            [ClusterReady.EnvironmentVariable("_private.setting-x", "1")]
            [ClusterReady.SecretEnvironmentVariable("ConnectionStrings__Orders", "orders-db.v2", "connection_string.main")]
            [ClusterReady.SecretVolume("orders-signing-key", "/var/run/secrets/orders")]
            [ClusterReady.ConfigMap("orders-features", MountPath = "/etc/orders/features")]
            [ClusterReady.ConfigMap("orders-env")]
            [ClusterReady.Ingress("*.orders.example.com", TlsSecretName = "orders-tls", ClassName = "nginx")]
            [ClusterReady.NetworkPolicy(AllowFromNamespaces = ["ingress-nginx"], AllowFromPodLabels = ["app.kubernetes.io/part-of=shop,tier=web", "role="])]
            [ClusterReady.EnvironmentOverlay("staging")]
            [ClusterReady.EnvironmentOverlay("production")]
            public sealed class Deployment;
            """, "CR2001", "CR2002", "CR2003", "CR2004", "CR2005", "CR2006", "CR2007", "CR2008", "CR2009");

    [Fact]
    public Task A_name_derived_from_an_assembly_name_that_starts_with_a_digit_is_reported_on_the_service() =>
        Verify<NamesAnalyzer>.DiagnosticsInAssemblyAsync("2Fast.Orders", """
            [{|CR2001:ClusterReady.KubernetesService|}]
            public sealed class Deployment;
            """, "CR2001");

    [Fact]
    public Task A_name_derived_from_a_valid_assembly_name_is_not_reported() =>
        Verify<NamesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService]
            public sealed class Deployment;
            """, "CR2001");

    [Fact]
    public Task Secret_configmap_and_ingress_names_are_subdomains() =>
        Verify<NamesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.SecretEnvironmentVariable("Db__Password", {|CR2002:"Orders_DB"|}, "password")]
            [ClusterReady.SecretVolume({|CR2002:"signing..key"|}, "/etc/keys")]
            [ClusterReady.ConfigMap({|CR2002:"Features"|})]
            [ClusterReady.Ingress({|CR2002:"https://orders.example.com/"|}, {|CR2002:TlsSecretName = "TLS"|}, {|CR2002:ClassName = "Nginx"|})]
            public sealed class Deployment;
            """, "CR2002");

    [Theory]
    [InlineData("HTTP")]
    [InlineData("http_metrics")]
    [InlineData("management-port-1")]
    [InlineData("8080")]
    [InlineData("-http")]
    [InlineData("http--alt")]
    public Task An_invalid_port_name_is_an_error(string name) =>
        Verify<NamesAnalyzer>.DiagnosticsAsync($$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080, {|CR2003:Name = "{{name}}"|})]
            public sealed class Deployment;
            """, "CR2003");

    [Fact]
    public Task Invalid_environment_variable_names_are_errors() =>
        Verify<NamesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.EnvironmentVariable({|CR2004:"Orders:BatchSize"|}, "50")]
            [ClusterReady.EnvironmentVariable({|CR2004:"1ST"|}, "x")]
            [ClusterReady.EnvironmentVariable({|CR2004:"A B"|}, "x")]
            [ClusterReady.EnvironmentVariable({|CR2004:null|}, "x")]
            [ClusterReady.SecretEnvironmentVariable({|CR2004:"Db Password"|}, "orders-db", "password")]
            public sealed class Deployment;
            """, "CR2004");

    [Fact]
    public Task An_invalid_secret_key_is_an_error() =>
        Verify<NamesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.SecretEnvironmentVariable("A", "orders-db", {|CR2005:"connection string"|})]
            [ClusterReady.SecretEnvironmentVariable("B", "orders-db", {|CR2005:".."|})]
            [ClusterReady.SecretEnvironmentVariable("C", "orders-db", "connection-string")]
            public sealed class Deployment;
            """, "CR2005");

    [Fact]
    public Task An_invalid_pod_label_selector_is_an_error() =>
        Verify<NamesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.NetworkPolicy(AllowFromPodLabels = ["app=web", {|CR2006:"app"|}, {|CR2006:"a=b=c"|}, {|CR2006:"app=web,app=api"|}, {|CR2006:"-app=x"|}])]
            public sealed class Deployment;
            """, "CR2006");

    [Fact]
    public Task An_environment_variable_declared_twice_is_an_error() =>
        Verify<NamesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.EnvironmentVariable("Orders__BatchSize", "50")]
            [ClusterReady.EnvironmentVariable({|CR2007:"Orders__BatchSize"|}, "60")]
            [ClusterReady.SecretEnvironmentVariable({|CR2007:"Orders__BatchSize"|}, "orders", "batch")]
            [ClusterReady.EnvironmentVariable("orders__batchsize", "60")]
            public sealed class Deployment;
            """, "CR2007");

    [Fact]
    public Task Overlays_and_config_maps_declared_twice_are_errors() =>
        Verify<NamesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.EnvironmentOverlay("staging")]
            [ClusterReady.EnvironmentOverlay({|CR2008:"Staging"|})]
            [ClusterReady.EnvironmentOverlay("production")]
            [ClusterReady.ConfigMap("features")]
            [ClusterReady.ConfigMap({|CR2008:"features"|}, MountPath = "/etc/features")]
            public sealed class Deployment;
            """, "CR2008");

    [Fact]
    public Task Mount_paths_must_be_absolute_own_folders() =>
        Verify<NamesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.SecretVolume("a", {|CR2009:"secrets/orders"|})]
            [ClusterReady.SecretVolume("b", {|CR2009:"/app"|})]
            [ClusterReady.SecretVolume("c", {|CR2009:"/tmp/"|})]
            [ClusterReady.SecretVolume("d", "/etc/orders")]
            [ClusterReady.ConfigMap("e", {|CR2009:MountPath = "/etc/orders/"|})]
            [ClusterReady.ConfigMap("f", {|CR2009:MountPath = "/etc/../root"|})]
            [ClusterReady.ConfigMap("g", MountPath = "/app/config")]
            public sealed class Deployment;
            """, "CR2009");

    [Fact]
    public Task An_absolute_mount_path_with_a_read_only_suffix_is_refused_for_its_colon_not_as_relative() =>
        Verify<NamesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.SecretVolume("orders-keys", {|#0:"/data:ro"|})]
            public sealed class Deployment;
            """,
            web: false,
            console: false,
            [
                new DiagnosticResult("CR2009", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
                    "SecretVolume.MountPath = \"/data:ro\" contains ':', but a mount path is the folder alone and read-only is not written in it "
                    + "(Kubernetes has a separate readOnly field, and ClusterReady mounts each Secret and ConfigMap read-only): write the folder, such as \"/data\""),
            ],
            "CR2009");

    [Fact]
    public Task A_dependency_is_a_valid_service_name_other_than_the_service_itself_declared_once() =>
        Verify<NamesAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.DependsOn("inventory-worker")]
            [ClusterReady.DependsOn("payments")]
            [ClusterReady.DependsOn({|CR2001:"Inventory_Worker"|})]
            [ClusterReady.DependsOn({|CR2001:"1payments"|})]
            [ClusterReady.DependsOn({|CR9101:"orders-api"|})]
            [ClusterReady.DependsOn({|CR2008:"inventory-worker"|})]
            public sealed class Deployment;
            """, "CR2001", "CR2008", "CR9101");

    [Fact]
    public Task A_dependency_on_the_name_derived_from_the_assembly_is_a_dependency_on_itself() =>
        Verify<NamesAnalyzer>.DiagnosticsInAssemblyAsync("Orders.Api", """
            [ClusterReady.KubernetesService]
            [ClusterReady.DependsOn({|CR9101:"orders-api"|})]
            public sealed class Deployment;
            """, "CR9101");
}
