namespace ClusterReady.Tool.Tests;

/// <summary>
/// The build step's rule check: the rulebook on the declaration the generator embedded, every environment as it runs.
/// An error stops the build step with the rule's id, where it is, the message and the help link, and nothing is written.
/// </summary>
public sealed class RuleCheckTests : IDisposable
{
    private readonly BuildStep _step = new();

    public void Dispose() => _step.Dispose();

    [Fact]
    public void An_overlay_request_above_the_base_limit_fails_at_the_overlay() =>
        AssertRefused(
            """
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources(CpuRequest = "250m", CpuLimit = "500m", MemoryLimit = "512Mi")]
            [ClusterReady.EnvironmentOverlay("staging", CpuRequest = "500m")]
            [ClusterReady.EnvironmentOverlay("production", CpuRequest = "1")]
            public sealed class Deployment;
            """,
            "ClusterReady: error CR1002: [EnvironmentOverlay(\"production\").CpuRequest] EnvironmentOverlay.CpuRequest = \"1\" is greater than "
            + "Resources.CpuLimit = \"500m\" and Kubernetes rejects a request above its limit: lower the request or raise the limit "
            + "(https://github.com/clusterready/clusterready/blob/main/docs/rules/CR1002.md)");

    [Fact]
    public void An_overlay_lowering_replicas_below_the_budget_fails_at_the_overlay()
    {
        var (exitCode, _, errors) = _step.Run("""
            [ClusterReady.KubernetesService("orders-api", Replicas = 3)]
            [ClusterReady.Resources(MemoryLimit = "512Mi")]
            [ClusterReady.DisruptionBudget(MinAvailable = 2)]
            [ClusterReady.EnvironmentOverlay("staging", Replicas = 2)]
            [ClusterReady.EnvironmentOverlay("production", Replicas = 4)]
            public sealed class Deployment;
            """);

        Assert.Equal(1, exitCode);
        var error = Assert.Single(Lines(errors));
        Assert.StartsWith("ClusterReady: error CR5001: [EnvironmentOverlay(\"staging\").Replicas] DisruptionBudget.MinAvailable = 2 allows no pod "
            + "to be evicted in the \"staging\" environment (Replicas = 2)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_base_problem_fails_once_at_the_base_not_again_in_each_environment()
    {
        var (exitCode, _, errors) = _step.Run("""
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.Resources(CpuRequest = "2", CpuLimit = "1", MemoryLimit = "512Mi")]
            [ClusterReady.EnvironmentOverlay("staging", MemoryLimit = "256Mi")]
            [ClusterReady.EnvironmentOverlay("production", ImageTag = "1.2.0")]
            public sealed class Deployment;
            """);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("ClusterReady: error CR1002: [Resources.CpuRequest] ", Assert.Single(Lines(errors)), StringComparison.Ordinal);
    }

    [Fact]
    public void Replicas_written_as_0_fails_instead_of_writing_the_default() =>
        AssertRefused(
            """
            [ClusterReady.KubernetesService("orders-api", Replicas = 0)]
            [ClusterReady.Resources(MemoryLimit = "512Mi")]
            public sealed class Deployment;
            """,
            "ClusterReady: error CR5010: [KubernetesService.Replicas] KubernetesService.Replicas = 0 is read as not set, so the default of 1 replica applies: "
            + "write the replicas it runs (1 or more) or leave Replicas out; an environment runs no pods with Replicas = 0 on its [EnvironmentOverlay] "
            + "(https://github.com/clusterready/clusterready/blob/main/docs/rules/CR5010.md)");

    [Fact]
    public void Environments_that_pass_are_written()
    {
        var (exitCode, output, errors) = _step.Run("""
            [ClusterReady.KubernetesService("orders-api", Replicas = 3)]
            [ClusterReady.Resources(CpuRequest = "250m", CpuLimit = "1", MemoryLimit = "512Mi")]
            [ClusterReady.DisruptionBudget(MinAvailable = 2)]
            [ClusterReady.EnvironmentOverlay("staging", CpuRequest = "500m")]
            [ClusterReady.EnvironmentOverlay("production", Replicas = 5, CpuLimit = "2")]
            public sealed class Deployment;
            """);

        Assert.True(exitCode == 0, errors);
        Assert.Empty(errors);
        Assert.Contains("Orders.Api -> ", output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_step.DeployFolder, "kubernetes", "overlays", "production")), output);
    }

    /// <summary>The build step fails on <paramref name="source"/> with <paramref name="error"/> as its one error line, and writes nothing.</summary>
    private void AssertRefused(string source, string error)
    {
        var (exitCode, output, errors) = _step.Run(source);

        Assert.Equal(1, exitCode);
        Assert.Equal(error, Assert.Single(Lines(errors)));
        Assert.Contains("no deploy artifacts written", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_step.DeployFolder));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
