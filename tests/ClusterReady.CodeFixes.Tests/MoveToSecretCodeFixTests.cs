using ClusterReady.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ClusterReady.CodeFixes.Tests;

/// <summary>A credential written as a literal moves to a Secret reference (CR6002).</summary>
public sealed class MoveToSecretCodeFixTests
{
    [Fact]
    public Task Fix_moves_a_secret_named_variable_to_a_secret() =>
        Verify<SecretLiteralAnalyzer>.FixAsync<MoveToSecretCodeFixProvider>(
            """
            using ClusterReady;

            [KubernetesService("orders-api")]
            [EnvironmentVariable({|CR6001:"Db__Password"|}, "hunter2!")]
            [EnvironmentVariable("Logging__LogLevel__Default", "Information")]
            public sealed class Deployment;
            """,
            """
            using ClusterReady;

            [KubernetesService("orders-api")]
            [SecretEnvironmentVariable("Db__Password", "orders-api-secrets", "db-password")]
            [EnvironmentVariable("Logging__LogLevel__Default", "Information")]
            public sealed class Deployment;
            """,
            null,
            "CR6001");

    [Fact]
    public Task Fix_moves_every_credential_and_keeps_the_way_the_attribute_is_named() =>
        Verify<SecretLiteralAnalyzer>.FixAsync<MoveToSecretCodeFixProvider>(
            """
            [ClusterReady.KubernetesService]
            [ClusterReady.EnvironmentVariableAttribute("ConnectionStrings__Orders", {|CR6002:"Server=db;Password=s3cr3t"|})]
            [ClusterReady.EnvironmentVariable(name: "Queue__Url", {|CR6002:value: "amqp://user:pass@mq/"|})]
            public sealed class Deployment;
            """,
            """
            [ClusterReady.KubernetesService]
            [ClusterReady.SecretEnvironmentVariableAttribute("ConnectionStrings__Orders", "testproject-secrets", "connection-strings-orders")]
            [ClusterReady.SecretEnvironmentVariable("Queue__Url", "testproject-secrets", "queue-url")]
            public sealed class Deployment;
            """,
            null,
            "CR6002");

    [Fact]
    public Task No_fix_is_offered_for_a_credential_under_an_empty_name()
    {
        const string Source = """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.EnvironmentVariable("", {|CR6002:"Server=db;Password=s3cr3t"|})]
            public sealed class Deployment;
            """;
        return Verify<SecretLiteralAnalyzer>.FixAsync<MoveToSecretCodeFixProvider>(Source, Source, null, "CR6002");
    }
}

public sealed class PodSecurityAnalyzerTests
{
    [Fact]
    public Task Running_as_root_warns() =>
        Verify<PodSecurityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.PodSecurity({|CR6003:RunAsNonRoot = false|}, RunAsUser = 0)]
            public sealed class Deployment;
            """, "CR6003");
}
