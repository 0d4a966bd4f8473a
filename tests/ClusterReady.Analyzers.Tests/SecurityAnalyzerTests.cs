using ClusterReady.Generators.Analyzers;

namespace ClusterReady.Analyzers.Tests;

public sealed class SecretLiteralAnalyzerTests
{
    [Theory]
    [InlineData("Db__Password", "hunter2!")]
    [InlineData("STRIPE_API_KEY", "not-so-secret")]
    [InlineData("Auth__ClientSecret", "abc")]
    [InlineData("ConnectionStrings__Orders", "Server=db;Database=orders")]
    [InlineData("GITHUB_TOKEN", "something")]
    public Task A_secret_looking_name_with_a_literal_value_warns(string name, string value) =>
        Verify<SecretLiteralAnalyzer>.DiagnosticsAsync($$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.EnvironmentVariable({|CR6001:"{{name}}"|}, "{{value}}")]
            public sealed class Deployment;
            """, "CR6001");

    [Theory]
    [InlineData("Db__Password", "")]
    [InlineData("Password__RequiredLength", "12")]
    [InlineData("Auth__TokenEndpoint", "https://login.example.com/token")]
    [InlineData("Features__UseSecrets", "true")]
    [InlineData("Secrets__Path", "/var/run/secrets/orders")]
    [InlineData("Logging__LogLevel__Default", "Information")]
    [InlineData("Token__Lifetime", "00:30:00")]
    public Task Names_or_values_that_cannot_hold_a_credential_are_fine(string name, string value) =>
        Verify<SecretLiteralAnalyzer>.DiagnosticsAsync($$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.EnvironmentVariable("{{name}}", "{{value}}")]
            public sealed class Deployment;
            """, "CR6001", "CR6002");

    [Theory]
    [InlineData("Server=db;User Id=orders;Password=s3cr3t;")]
    [InlineData("amqp://orders:s3cr3t@rabbitmq:5672/")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=x;AccountKey=YWJjZGVmZ2hpams=;")]
    [InlineData("ghp_16C7e42F292c6912E7710c838347Ae178B4a")]
    [InlineData("AKIAIOSFODNN7EXAMPLEAKIA")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    [InlineData("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRkdISUpLTE1OT1A=")]
    public Task A_credential_looking_value_warns_whatever_the_name(string value) =>
        Verify<SecretLiteralAnalyzer>.DiagnosticsAsync($$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.EnvironmentVariable("Orders__Upstream", {|CR6002:"{{value}}"|})]
            public sealed class Deployment;
            """, "CR6002");

    [Theory]
    [InlineData("Server=db;Database=orders;Integrated Security=true")]
    [InlineData("https://orders.example.com/api/v1")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics")]
    [InlineData("the quick brown fox jumps over the lazy dog")]
    public Task Ordinary_values_are_fine(string value) =>
        Verify<SecretLiteralAnalyzer>.DiagnosticsAsync($$"""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.EnvironmentVariable("Orders__Upstream", "{{value}}")]
            public sealed class Deployment;
            """, "CR6002");

    [Fact]
    public async Task The_message_never_repeats_the_value()
    {
        var diagnostics = await AnalyzerRunner.RunAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.EnvironmentVariable("Db__Password", "hunter2-but-longer")]
            [ClusterReady.EnvironmentVariable("Db", "Server=db;Password=hunter3-but-longer")]
            public sealed class Deployment;
            """);

        var messages = diagnostics.Where(d => d.Id is "CR6001" or "CR6002").Select(d => d.GetMessage()).ToList();
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.DoesNotContain("hunter", m, StringComparison.Ordinal));
    }

    [Fact]
    public Task Privilege_escalation_warns() =>
        Verify<PodSecurityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.PodSecurity({|CR6004:AllowPrivilegeEscalation = true|})]
            public sealed class Deployment;
            """, "CR6004");

    [Fact]
    public Task Root_with_RunAsNonRoot_or_a_negative_user_is_an_error() =>
        Verify<PodSecurityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.PodSecurity({|CR6005:RunAsUser = 0|})]
            public sealed class A;

            [ClusterReady.KubernetesService("b")]
            [ClusterReady.PodSecurity({|CR6005:RunAsUser = -1|})]
            public sealed class B;

            [ClusterReady.KubernetesService("c")]
            [ClusterReady.PodSecurity({|CR6005:RunAsUser = 3_000_000_000|})]
            public sealed class C;
            """, "CR6005");

    [Fact]
    public Task A_mounted_service_account_token_is_advice() =>
        Verify<PodSecurityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.PodSecurity({|CR6006:AutomountServiceAccountToken = true|})]
            public sealed class Deployment;
            """, "CR6006");

    [Fact]
    public Task The_restricted_defaults_are_clean() =>
        Verify<PodSecurityAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("a")]
            [ClusterReady.PodSecurity(ReadOnlyRootFilesystem = false, RunAsUser = 1000, RunAsNonRoot = true, AllowPrivilegeEscalation = false)]
            public sealed class A;

            [ClusterReady.KubernetesService("b")]
            public sealed class B;
            """, "CR6003", "CR6004", "CR6005", "CR6006");
}
