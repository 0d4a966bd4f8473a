using System.Text.RegularExpressions;
using ClusterReady.Manifests;
using ClusterReady.Model;

namespace ClusterReady.Manifests.Tests;

/// <summary>
/// The Helm chart. The tests marked Slow run the real helm (v4) and kubectl (v1.35) that tests/helm unpacks: the chart
/// lints strictly, renders with the default values exactly the objects <c>kubectl kustomize</c> renders from the base and
/// with each <c>values-&lt;env&gt;.yaml</c> exactly those of that overlay, and those objects pass the Kubernetes schema
/// check; its values schema refuses bad values with Helm's own message; no value can inject YAML; secrets stay
/// references. The others read the chart's text in process: its files, the version it gets, the values each model
/// gives and the template holes that depend on the model.
/// </summary>
public sealed class HelmChartTests
{
    /// <summary>A value that would add a key "injected" to the object if it reached a template unquoted.</summary>
    private const string Injection = "\"\n  injected: true";

    [Trait("Category", "Slow")]
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
        Assert.Equal(objectCount, schema.StandardOutput.Split('\n').Count(line => line.StartsWith("OK ", StringComparison.Ordinal)));
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
    [InlineData("01.002.0003", "1.2.3")]
    [InlineData("1.2.3.4.5", "1.2.3+4.5")]
    [InlineData("1.2.3.4-rc1", "1.2.3-rc1+4")]
    [InlineData("123456789012345678", "123456789012345678.0.0")]
    [InlineData("1234567890123456789", "0.0.0+1234567890123456789")]
    [InlineData("1..2", "0.0.0+1.2")]
    [InlineData("1.0.0-01", "0.0.0+1.0.0-01")]
    [InlineData("v1.2", "0.0.0+v1.2")]
    [InlineData("", "0.0.0")]
    public void The_chart_version_is_SemVer_2_whatever_the_project_version(string version, string chartVersion) =>
        Assert.Equal(chartVersion, HelmChart.ChartVersion(version));

    [Trait("Category", "Slow")]
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
        Assert.Equal("(model)", error.Property);
        Assert.Equal(
            "The deploy artifacts could not be created: InvalidOperationException: A value of the Deployment contains \"zzclusterreadyhole\", " +
            "which the Helm chart's templates use for their own expressions; change that attribute value, or set ClusterReadyHelmChart=false.",
            error.Message);
        Assert.Empty(result.Files);
    }

    [Trait("Category", "Slow")]
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
        Assert.Contains("values don't meet the specifications of the schema", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
    }

    [Trait("Category", "Slow")]
    [SkippableFact]
    public void Good_values_set_at_install_reach_the_objects()
    {
        var (helm, _) = ExternalTools.RequireHelmTools();
        using var folder = new TemporaryDeployFolder(TestCases.CreateFiles("web-api"));
        var digest = "sha256:" + new string('a', 64);

        var result = HelmRendering.Template(helm, folder.Root, "production", "--set", "replicas=7", "--set", "resources.limits.cpu=2",
            "--set", $"image.digest={digest}", "--set", "ingress.host=shop.example.org", "--set", "autoscaling.maxReplicas=30");

        Assert.True(result.ExitCode == 0, result.ToString());
        var objects = HelmRendering.Objects(result.StandardOutput);
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

    [Trait("Category", "Slow")]
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
        var objects = HelmRendering.Objects(result.StandardOutput);
        Assert.DoesNotContain("injected", objects.Values.SelectMany(HelmRendering.Keys));
        var container = objects["Deployment/orders-api"]["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var environment = container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string?)e!["value"]);
        Assert.Equal(Injection, environment["Orders__BatchSize"]);
        Assert.Equal(Injection, environment["Added"]);
        Assert.Equal($"registry.example.com/x{Injection}:1.4.2", (string?)container["image"]);
        Assert.Equal(Injection, (string?)objects["ConfigMap/orders-api-appsettings"]["data"]!["appsettings.Production.json"]);
    }

    [Trait("Category", "Slow")]
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
        var objects = HelmRendering.Objects(result.StandardOutput);
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

    [Theory]
    [MemberData(nameof(TestCases.Names), MemberType = typeof(TestCases))]
    public void The_chart_has_a_template_per_base_object_the_budget_and_the_appsettings_ConfigMap_and_values_per_environment(string caseName)
    {
        var files = TestCases.CreateFiles(caseName);
        var baseObjects = files.Select(f => f.RelativePath)
            .Where(path => path.StartsWith("kubernetes/base/", StringComparison.Ordinal) && !path.EndsWith("/kustomization.yaml", StringComparison.Ordinal))
            .Select(path => path["kubernetes/base/".Length..]);
        string[] expected =
        [
            "Chart.yaml", "values.schema.json", "values.yaml",
            .. Environments(files).Select(environment => $"values-{environment}.yaml"),
            .. baseObjects.Union(["poddisruptionbudget.yaml", "configmap-appsettings.yaml"]).Select(name => $"templates/{name}"),
        ];

        Assert.Equal(
            expected.Order(StringComparer.Ordinal),
            files.Select(f => f.RelativePath).Where(path => path.StartsWith("helm/", StringComparison.Ordinal)).Select(path => path["helm/".Length..]));
    }

    [Theory]
    [InlineData("1.0", "version: 1.0.0\nappVersion: \"1.0\"\n")]
    [InlineData("2.0.0", "version: 2.0.0\nappVersion: 2.0.0\n")]
    public void Chart_yaml_names_the_service_and_its_versions(string assemblyVersion, string versions)
    {
        var files = TestCases.CreateFiles(TestCases.MinimalWorker with { AssemblyVersion = assemblyVersion });

        Assert.Equal(
            "apiVersion: v2\nname: inventory-worker\n" +
            "description: inventory-worker, as declared by its [KubernetesService] attributes (written by ClusterReady).\n" +
            "type: application\n" + versions,
            ChartFile(files, "Chart.yaml"));
    }

    [Theory]
    [InlineData("worker", "false", "production")]
    [InlineData("web-api", "true", null)]
    public void The_budget_template_renders_only_where_the_values_enable_it(string caseName, string inBase, string? environmentThatAddsOne)
    {
        var files = TestCases.CreateFiles(caseName);

        var template = ChartFile(files, "templates/poddisruptionbudget.yaml");
        Assert.StartsWith("{{- if .Values.podDisruptionBudget.enabled }}\napiVersion: policy/v1\nkind: PodDisruptionBudget\n", template, StringComparison.Ordinal);
        Assert.EndsWith("\n{{- end }}\n", template, StringComparison.Ordinal);
        Assert.Contains($"podDisruptionBudget:\n  enabled: {inBase}\n", ChartFile(files, "values.yaml"), StringComparison.Ordinal);
        Assert.All(Environments(files), environment => Assert.Equal(
            environment == environmentThatAddsOne,
            ChartFile(files, $"values-{environment}.yaml").Contains("podDisruptionBudget:\n  enabled: true\n", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("orders-tls", 2)]
    [InlineData(null, 1)]
    public void The_ingress_host_is_a_value_in_the_rule_and_in_TLS_when_there_is_TLS(string? tlsSecretName, int holes)
    {
        var api = TestCases.WebApi;
        var files = TestCases.CreateFiles(api with { Model = api.Model with { Ingress = api.Model.Ingress! with { TlsSecretName = tlsSecretName } } });

        var template = ChartFile(files, "templates/ingress.yaml");
        Assert.Equal(holes, Regex.Count(template, Regex.Escape("{{ .Values.ingress.host | quote }}")));
        Assert.Equal(tlsSecretName is not null, template.Contains("\n  tls:\n", StringComparison.Ordinal));
        Assert.DoesNotContain("orders.example.com", template, StringComparison.Ordinal);
        Assert.Contains("\ningress:\n  host: orders.example.com\n", ChartFile(files, "values.yaml"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(70, null, "  cpuUtilization: 70\n")]
    [InlineData(null, 80, "  memoryUtilization: 80\n")]
    public void The_autoscaling_values_hold_the_declared_metric_and_the_template_renders_each_metric_that_has_a_value(int? cpu, int? memory, string metric)
    {
        var api = TestCases.WebApi;
        var files = TestCases.CreateFiles(api with { Model = api.Model with { Autoscaling = api.Model.Autoscaling! with { CpuUtilization = cpu, MemoryUtilization = memory } } });

        Assert.Contains("\nautoscaling:\n  minReplicas: 3\n  maxReplicas: 12\n" + metric + "ingress:\n", ChartFile(files, "values.yaml"), StringComparison.Ordinal);
        var template = ChartFile(files, "templates/horizontalpodautoscaler.yaml");
        Assert.Contains("  maxReplicas: {{ .Values.autoscaling.maxReplicas | int }}\n  minReplicas: {{ .Values.autoscaling.minReplicas | int }}\n", template, StringComparison.Ordinal);
        Assert.EndsWith(
            "  metrics:\n" +
            "{{- if .Values.autoscaling.cpuUtilization }}\n  - resource:\n      name: cpu\n      target:\n        averageUtilization: {{ .Values.autoscaling.cpuUtilization | int }}\n        type: Utilization\n    type: Resource\n{{- end }}\n" +
            "{{- if .Values.autoscaling.memoryUtilization }}\n  - resource:\n      name: memory\n      target:\n        averageUtilization: {{ .Values.autoscaling.memoryUtilization | int }}\n        type: Utilization\n    type: Resource\n{{- end }}\n",
            template,
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_environment_s_values_hold_only_what_its_overlay_changes()
    {
        var worker = TestCases.MinimalWorker;
        var files = TestCases.CreateFiles(worker with
        {
            Model = worker.Model with
            {
                Autoscaling = new AutoscalingModel { MinReplicas = 2, MaxReplicas = 5, CpuUtilization = 70 },
                Overlays = [new EnvironmentOverlayModel("qa") { MaxReplicas = 8 }, new EnvironmentOverlayModel("perf") { MinReplicas = 3, ImageTag = "2.0.0-perf" }],
            },
        });

        // An environment's autoscaling range is whole, as in its Kustomize patch: the minimum comes along with a new maximum.
        Assert.Equal("env:\n  DOTNET_ENVIRONMENT: Qa\nautoscaling:\n  maxReplicas: 8\n  minReplicas: 2\n", ChartFile(files, "values-qa.yaml"));
        Assert.Equal("image:\n  tag: 2.0.0-perf\nreplicas: 3\nenv:\n  DOTNET_ENVIRONMENT: Perf\nautoscaling:\n  maxReplicas: 5\n  minReplicas: 3\n", ChartFile(files, "values-perf.yaml"));
    }

    [Fact]
    public void A_plain_variable_reaches_the_templates_only_as_a_value_and_a_secret_one_only_as_a_reference()
    {
        var worker = TestCases.MinimalWorker;
        var files = TestCases.CreateFiles(worker with
        {
            Model = worker.Model with
            {
                Environment = [new EnvironmentVariableModel("Greeting", "{{ .Release.Name }}")],
                SecretEnvironment = [new SecretEnvironmentVariableModel("Db__Password", "db", "password")],
            },
        });

        var values = ChartFile(files, "values.yaml");
        var template = ChartFile(files, "templates/deployment.yaml");
        Assert.Contains("\nenv:\n  Greeting: '{{ .Release.Name }}'\n", values, StringComparison.Ordinal);
        Assert.DoesNotContain("Db__Password", values, StringComparison.Ordinal);
        Assert.DoesNotContain("Release.Name", template, StringComparison.Ordinal);
        Assert.Contains(
            "        env:\n{{- range $name, $value := .Values.env }}\n        - name: {{ $name | quote }}\n          value: {{ $value | toString | quote }}\n{{- end }}\n" +
            "        - name: Db__Password\n          valueFrom:\n            secretKeyRef:\n              key: password\n              name: db\n",
            template,
            StringComparison.Ordinal);
    }

    private static string ChartFile(IReadOnlyList<ArtifactFile> files, string path) => ManifestFiles.Text(files, $"{HelmChart.Directory}/{path}");

    /// <summary>The environments, by their overlay folders' names.</summary>
    private static IEnumerable<string> Environments(IReadOnlyList<ArtifactFile> files) => files.Select(f => f.RelativePath)
        .Where(path => path.StartsWith("kubernetes/overlays/", StringComparison.Ordinal) && path.EndsWith("/kustomization.yaml", StringComparison.Ordinal))
        .Select(path => path.Split('/')[2]);
}
