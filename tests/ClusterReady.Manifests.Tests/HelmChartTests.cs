using ClusterReady.Manifests;

namespace ClusterReady.Manifests.Tests;

/// <summary>
/// The Helm chart of every case, with the real helm (v4) and kubectl (v1.35) that tests/helm unpacks: it lints
/// strictly, renders with the default values exactly the objects <c>kubectl kustomize</c> renders from the base and with
/// each <c>values-&lt;env&gt;.yaml</c> exactly those of that overlay, and those objects pass the Kubernetes schema check;
/// its values schema refuses bad values with Helm's own message; no value can inject YAML; secrets stay references.
/// </summary>
[Trait("Category", "Slow")]
public sealed class HelmChartTests
{
    /// <summary>A value that would add a key "injected" to the object if it reached a template unquoted.</summary>
    private const string Injection = "\"\n  injected: true";

    [SkippableTheory]
    [MemberData(nameof(TestCases.Names), MemberType = typeof(TestCases))]
    public void The_chart_lints_and_renders_exactly_the_Kustomize_objects_in_every_environment(string caseName)
    {
        var (helm, kubectl) = ExternalTools.RequireHelmTools();
        var node = ExternalTools.RequireSchemaValidator();
        using var folder = new TemporaryDeployFolder(TestCases.CreateFiles(caseName));
        var rendered = folder.PathOf("rendered");
        Directory.CreateDirectory(rendered);
        Assert.NotEmpty(HelmRendering.Environments(folder.Root));

        var objectCount = HelmRendering.AssertChartEqualsKustomize(helm, kubectl, folder.Root, rendered, caseName);

        var schema = ExternalProcess.Run(node, [Repository.Path("tests", "schema", "validate.js"), rendered]);
        Assert.True(schema.ExitCode == 0, $"Schema validation of the chart's rendered objects failed: {schema}");
        // One line per object checked.
        Assert.Equal(objectCount, schema.Output.Split('\n').Count(line => line.StartsWith("OK ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("1.4.2", "1.4.2")]
    [InlineData("2.0.0-beta.1+sha.5f3c2a1", "2.0.0-beta.1+sha.5f3c2a1")]
    [InlineData("1.0", "1.0.0")]
    [InlineData("1.0.0.0", "1.0.0+0")]
    [InlineData("2024.01.15", "2024.1.15")]
    [InlineData("1.2-rc1", "1.2.0-rc1")]
    [InlineData("1.0-preview_2", "0.0.0+1.0-preview-2")]
    [InlineData("release", "0.0.0+release")]
    public void The_chart_version_is_SemVer_2_whatever_the_project_version(string version, string chartVersion) =>
        Assert.Equal(chartVersion, HelmChart.ChartVersion(version));

    [SkippableFact]
    public void A_four_part_project_version_still_gives_a_chart_that_lints()
    {
        var (helm, _) = ExternalTools.RequireHelmTools();
        var result = DeployArtifacts.Create(TestCases.All["worker"] with { AssemblyVersion = "1.0.0.0" });
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        using var folder = new TemporaryDeployFolder(result.Files);

        var lint = ExternalProcess.Run(helm, ["lint", "--strict", folder.PathOf("helm")]);

        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.Contains("appVersion: 1.0.0.0", result.Files.Single(f => f.RelativePath == "helm/Chart.yaml").Content, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_value_that_looks_like_a_template_hole_is_an_error_not_a_broken_chart()
    {
        var api = TestCases.All["web-api"];
        var request = api with { Model = api.Model with { Liveness = api.Model.Liveness! with { Path = "/zzclusterreadyhole0" } } };

        var result = DeployArtifacts.Create(request);
        var plain = DeployArtifacts.Create(request with { HelmChart = false });
        Assert.True(plain.Succeeded, string.Join("\n", plain.Errors));

        var error = Assert.Single(result.Errors);
        Assert.True(error.Message.Contains("ClusterReadyHelmChart=false", StringComparison.Ordinal), error.Message);
        Assert.Empty(result.Files);
    }

    [SkippableTheory]
    [InlineData("replicas=-1", "at '/replicas': minimum: got -1, want 0")]
    [InlineData("replicas=three", "at '/replicas'")]
    [InlineData("resources.limits.memory=512MB", "at '/resources/limits/memory': '512MB' does not match pattern")]
    [InlineData("resources.requests.cpu=-250m", "at '/resources/requests/cpu'")]
    [InlineData("resources.limits.gpu=1", "additional properties 'gpu' not allowed")]
    [InlineData("env.1BAD=x", "invalid propertyName '1BAD'")]
    [InlineData("ingress.host=10.0.0.1", "at '/ingress/host'")]
    [InlineData("ingress.host=Orders.Example.com", "at '/ingress/host'")]
    [InlineData("autoscaling.minReplicas=0", "at '/autoscaling/minReplicas': minimum: got 0, want 1")]
    [InlineData("autoscaling.cpuUtilization=0", "at '/autoscaling/cpuUtilization'")]
    [InlineData("image.tag=-rc1", "at '/image/tag'")]
    [InlineData("image.digest=sha256:abc", "at '/image/digest'")]
    [InlineData("namespace=Orders", "at '/namespace'")]
    [InlineData("replica=3", "additional properties 'replica' not allowed")]
    public void The_values_schema_refuses_a_bad_value_with_Helms_own_message(string assignment, string message)
    {
        var (helm, _) = ExternalTools.RequireHelmTools();
        using var folder = new TemporaryDeployFolder(TestCases.CreateFiles("web-api"));

        var result = HelmRendering.Template(helm, folder.Root, null, "--set", assignment);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("values don't meet the specifications of the schema", result.Error, StringComparison.Ordinal);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [SkippableFact]
    public void Good_values_set_at_install_reach_the_objects()
    {
        var (helm, _) = ExternalTools.RequireHelmTools();
        using var folder = new TemporaryDeployFolder(TestCases.CreateFiles("web-api"));
        var digest = "sha256:" + new string('a', 64);

        var result = HelmRendering.Template(helm, folder.Root, "production", "--set", "replicas=7", "--set", "resources.limits.cpu=2",
            "--set", $"image.digest={digest}", "--set", "ingress.host=shop.example.org", "--set", "autoscaling.maxReplicas=30");

        Assert.True(result.ExitCode == 0, result.ToString());
        var objects = HelmRendering.Objects(result.Output);
        var deployment = objects["Deployment/orders-api"];
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal(7, (long)deployment["spec"]!["replicas"]!);
        Assert.Equal($"registry.example.com/shop/orders-api@{digest}", (string?)container["image"]);
        Assert.Equal(2, (long)container["resources"]!["limits"]!["cpu"]!);
        // The production values file's memory limit still applies: values merge as the overlay's patch did.
        Assert.Equal("1Gi", (string?)container["resources"]!["limits"]!["memory"]);
        Assert.Equal("shop.example.org", (string?)objects["Ingress/orders-api"]["spec"]!["rules"]![0]!["host"]);
        Assert.Equal(30, (long)objects["HorizontalPodAutoscaler/orders-api"]["spec"]!["maxReplicas"]!);
    }

    [SkippableFact]
    public void No_value_reaches_a_template_where_it_could_inject_YAML()
    {
        var (helm, _) = ExternalTools.RequireHelmTools();
        using var folder = new TemporaryDeployFolder(TestCases.CreateFiles("web-api"));

        var result = HelmRendering.Template(helm, folder.Root, "production",
            "--set-string", $"env.Orders__BatchSize={Injection}",
            "--set-string", $"env.Added={Injection}",
            "--set-string", $"appSettings.json={Injection}",
            "--set-string", $"image.repository=registry.example.com/x{Injection}");

        Assert.True(result.ExitCode == 0, result.ToString());
        var objects = HelmRendering.Objects(result.Output);
        Assert.DoesNotContain("injected", objects.Values.SelectMany(HelmRendering.Keys));
        var container = objects["Deployment/orders-api"]["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var environment = container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string?)e!["value"]);
        Assert.Equal(Injection, environment["Orders__BatchSize"]);
        Assert.Equal(Injection, environment["Added"]);
        Assert.Equal($"registry.example.com/x{Injection}:1.4.2", (string?)container["image"]);
        Assert.Equal(Injection, (string?)objects["ConfigMap/orders-api-appsettings"]["data"]!["appsettings.Production.json"]);
    }

    [SkippableFact]
    public void Secrets_are_referenced_never_rendered()
    {
        var (helm, _) = ExternalTools.RequireHelmTools();
        var files = TestCases.CreateFiles("web-api");
        using var folder = new TemporaryDeployFolder(files);
        var model = TestCases.All["web-api"].Model;
        Assert.NotEmpty(model.SecretEnvironment);

        var result = HelmRendering.Template(helm, folder.Root, "production");

        Assert.True(result.ExitCode == 0, result.ToString());
        var objects = HelmRendering.Objects(result.Output);
        Assert.DoesNotContain(objects.Keys, key => key.StartsWith("Secret/", StringComparison.Ordinal));
        var environment = objects["Deployment/orders-api"]["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray();
        foreach (var secret in model.SecretEnvironment)
        {
            var variable = environment.Single(e => (string?)e!["name"] == secret.Name)!;
            Assert.Null(variable["value"]);
            Assert.Equal(secret.SecretName, (string?)variable["valueFrom"]!["secretKeyRef"]!["name"]);
        }

        // Nor are they values: an operator cannot be asked for one, and a chart cannot leak one.
        Assert.All(files.Where(f => f.RelativePath.StartsWith("helm/values", StringComparison.Ordinal)), file =>
            Assert.All(model.SecretEnvironment, secret => Assert.DoesNotContain(secret.Name, file.Content, StringComparison.Ordinal)));
    }
}
