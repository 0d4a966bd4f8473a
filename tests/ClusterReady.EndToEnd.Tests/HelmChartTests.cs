using ClusterReady.EndToEnd.Tests.Infrastructure;

namespace ClusterReady.EndToEnd.Tests;

/// <summary>
/// The samples' Helm charts, from a real <c>dotnet publish</c>, with the real helm and kubectl (tests/helm): each lints
/// strictly, renders with the default values exactly the objects of the Kustomize base and with each
/// <c>values-&lt;env&gt;.yaml</c> exactly those of that overlay (parsed objects compared), those objects pass the
/// Kubernetes schema check, and the values schema refuses bad values before anything is rendered.
/// </summary>
[Collection(DotnetCollection.Name)]
[Trait("Category", "Slow")]
public sealed class HelmChartTests
{
    public static TheoryData<string> Samples => new() { "OrdersApi", "InventoryWorker" };

    [SkippableTheory]
    [MemberData(nameof(Samples))]
    public void The_published_chart_lints_and_renders_exactly_the_Kustomize_objects_in_every_environment(string sample)
    {
        var (helm, kubectl) = ExternalTools.RequireHelmTools();
        using var temp = new TempDirectory("helm");
        var deploy = SamplePublishTests.Publish(sample, temp.Path("publish"));
        var rendered = temp.Path("rendered");
        Directory.CreateDirectory(rendered);
        Assert.Equal(["production", "staging"], HelmRendering.Environments(deploy.Root));

        HelmRendering.AssertChartEqualsKustomize(helm, kubectl, deploy.Root, rendered, sample);
        SchemaValidator.AssertValid(rendered);
    }

    [SkippableTheory]
    [InlineData("replicas=-1", "at '/replicas': minimum: got -1, want 0")]
    [InlineData("resources.limits.memory=512MB", "at '/resources/limits/memory': '512MB' does not match pattern")]
    public void The_published_chart_refuses_bad_values_with_Helms_own_message(string assignment, string message)
    {
        var (helm, _) = ExternalTools.RequireHelmTools();
        using var temp = new TempDirectory("helm-values");
        var deploy = SamplePublishTests.Publish("InventoryWorker", temp.Path("publish"));

        var install = HelmRendering.Template(helm, deploy.Root, "production", "--set", assignment);

        Assert.NotEqual(0, install.ExitCode);
        Assert.Contains("values don't meet the specifications of the schema", install.StandardError, StringComparison.Ordinal);
        Assert.Contains(message, install.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterReadyHelmChart_false_leaves_the_chart_out_and_removes_one_written_before()
    {
        using var temp = new TempDirectory("helm-off");
        var publish = temp.Path("publish");
        var deploy = SamplePublishTests.Publish("InventoryWorker", publish);
        Assert.True(File.Exists(Path.Combine(deploy.Root, "helm", "Chart.yaml")));

        ExternalProcess.Dotnet("publish", SamplePublishTests.SampleProject("InventoryWorker"), "-c", Repository.Configuration, "-o", publish,
            "-p:ClusterReadyHelmChart=false").EnsureSuccess("publish with ClusterReadyHelmChart=false");

        Assert.False(Directory.Exists(Path.Combine(deploy.Root, "helm")));
        Assert.True(File.Exists(Path.Combine(deploy.Root, "kubernetes", "base", "deployment.yaml")));
    }
}
