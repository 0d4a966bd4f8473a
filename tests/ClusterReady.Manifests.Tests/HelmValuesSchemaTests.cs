using System.Text.Json.Nodes;
using ClusterReady.Manifests;
using ClusterReady.Model;
using ClusterReady.Model.Rules;

namespace ClusterReady.Manifests.Tests;

/// <summary>
/// The Helm chart's <c>values.schema.json</c>, read in process: it knows every key the chart's values files use and
/// nothing else, a namespace, autoscaling and ingress only when the model has them, the rules' bounds and the
/// grammars' patterns, each described by its rule. HelmChartTests shows that helm itself applies it.
/// </summary>
public sealed class HelmValuesSchemaTests
{
    [Theory]
    [MemberData(nameof(TestCases.Names), MemberType = typeof(TestCases))]
    public void Every_key_of_the_chart_s_values_files_is_in_the_schema_and_the_defaults_have_the_required_ones(string caseName)
    {
        var files = TestCases.CreateFiles(caseName);
        var schema = Schema(files);
        var properties = schema["properties"]!.AsObject();
        var valuesFiles = files.Where(f => f.RelativePath.StartsWith("helm/values", StringComparison.Ordinal) && f.RelativePath.EndsWith(".yaml", StringComparison.Ordinal)).ToList();
        Assert.True(valuesFiles.Count >= 3, "values.yaml and two environments' values");

        Assert.All(valuesFiles, file => Assert.All(TopLevelKeys(file.Content), key => Assert.True(properties.ContainsKey(key), $"{file.RelativePath}: {key}")));
        Assert.Subset(TopLevelKeys(ManifestFiles.Text(files, "helm/values.yaml")).ToHashSet(), schema["required"]!.AsArray().Select(n => (string)n!).ToHashSet());
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void The_namespace_autoscaling_and_ingress_are_values_only_when_the_model_has_them(bool hasNamespace, bool hasAutoscaling, bool hasIngress)
    {
        var api = TestCases.WebApi;
        var model = api.Model with
        {
            Namespace = hasNamespace ? api.Model.Namespace : null,
            Autoscaling = hasAutoscaling ? api.Model.Autoscaling : null,
            Ingress = hasIngress ? api.Model.Ingress : null,
            Overlays = hasAutoscaling ? api.Model.Overlays : [.. api.Model.Overlays.Select(o => o with { MinReplicas = null, MaxReplicas = null })],
        };

        var schema = Schema(TestCases.CreateFiles(api with { Model = model }));

        string[] always = ["global", "image", "replicas", "resources", "env", "podDisruptionBudget", "appSettings"];
        string[] expected = [.. always, .. hasNamespace ? ["namespace"] : Array.Empty<string>(), .. hasAutoscaling ? ["autoscaling"] : Array.Empty<string>(), .. hasIngress ? ["ingress"] : Array.Empty<string>()];
        Assert.Equal(expected, schema["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("""["image","replicas"]""", schema["required"]!.ToJsonString());
        Assert.False((bool)schema["additionalProperties"]!);
        Assert.Equal("Values of the orders-api chart", (string?)schema["title"]);
        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)schema["$schema"]);
    }

    [Fact]
    public void Counts_have_the_rules_lower_bounds_and_autoscaling_needs_its_range_and_a_metric()
    {
        var properties = Schema(TestCases.CreateFiles("web-api"))["properties"]!;
        var range = Integer(1, RuleCatalog.InvalidAutoscalingRange);
        var utilization = Integer(1, RuleCatalog.AutoscalingSettingOutOfRange);

        var autoscaling = Closed(
            new JsonObject { ["minReplicas"] = range, ["maxReplicas"] = range.DeepClone(), ["cpuUtilization"] = utilization, ["memoryUtilization"] = utilization.DeepClone() },
            ["minReplicas", "maxReplicas"]);
        autoscaling["anyOf"] = JsonNode.Parse("""[{"required":["cpuUtilization"]},{"required":["memoryUtilization"]}]""");

        AssertJson(Integer(0, RuleCatalog.NegativeReplicas), properties["replicas"]);
        AssertJson(autoscaling, properties["autoscaling"]);
        AssertJson(Closed(new JsonObject { ["enabled"] = new JsonObject { ["type"] = "boolean" } }), properties["podDisruptionBudget"]);
    }

    [Fact]
    public void Names_quantities_and_hosts_follow_the_analyzers_grammars()
    {
        var properties = Schema(TestCases.CreateFiles("web-api"))["properties"]!;
        var quantity = new JsonObject
        {
            ["type"] = new JsonArray("string", "integer"),
            ["minimum"] = 0,
            ["pattern"] = Quantity.NonNegativePattern,
            ["description"] = Describe(RuleCatalog.InvalidQuantity),
        };
        var quantities = Closed(new JsonObject { ["cpu"] = quantity, ["memory"] = quantity.DeepClone() });
        var host = Pattern(NameRules.IngressHostPattern, RuleCatalog.InvalidDnsSubdomain);
        host["maxLength"] = 253;
        host["not"] = new JsonObject { ["pattern"] = NameRules.IPv4AddressPattern };

        AssertJson(
            Closed(
                new JsonObject
                {
                    ["repository"] = new JsonObject { ["type"] = "string", ["minLength"] = 1 },
                    ["tag"] = Pattern(NameRules.ImageTagPattern, RuleCatalog.InvalidImageReference),
                    ["digest"] = new JsonObject { ["type"] = "string", ["pattern"] = "^(sha256:[a-f0-9]{64})?$", ["description"] = "Empty, or the image's digest (sha256:...), which then replaces the tag." },
                },
                ["repository", "tag"]),
            properties["image"]);
        AssertJson(Closed(new JsonObject { ["requests"] = quantities, ["limits"] = quantities.DeepClone() }), properties["resources"]);
        AssertJson(
            new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Environment variables that are not secrets, by name.",
                ["propertyNames"] = Pattern(NameRules.EnvironmentVariableNamePattern, RuleCatalog.InvalidEnvironmentVariableName),
                ["additionalProperties"] = new JsonObject { ["type"] = new JsonArray("string", "number", "boolean") },
            },
            properties["env"]);
        AssertJson(
            new JsonObject { ["type"] = "string", ["maxLength"] = 63, ["pattern"] = NameRules.Dns1123LabelPattern, ["description"] = Describe(RuleCatalog.InvalidDnsLabel) },
            properties["namespace"]);
        AssertJson(Closed(new JsonObject { ["host"] = host }, ["host"]), properties["ingress"]);
        AssertJson(new JsonObject { ["type"] = "object" }, properties["global"]);
    }

    [Fact]
    public void An_environment_s_appsettings_file_is_a_named_json_text()
    {
        var appSettings = Schema(TestCases.CreateFiles("web-api"))["properties"]!["appSettings"];

        AssertJson(
            JsonNode.Parse("""
                {
                  "type": "object",
                  "additionalProperties": false,
                  "description": "An environment's appsettings file, mounted over the published one.",
                  "properties": {
                    "fileName": { "type": "string", "pattern": "^appsettings\\.[A-Za-z0-9_-]+\\.json$" },
                    "json": { "type": "string" }
                  },
                  "dependencies": { "json": ["fileName"] }
                }
                """),
            appSettings);
    }

    [Fact]
    public void The_schema_is_indented_JSON_with_its_patterns_unescaped()
    {
        var text = ManifestFiles.Text(TestCases.CreateFiles("web-api"), "helm/values.schema.json");

        Assert.StartsWith("{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n  \"title\": \"Values of the orders-api chart\",\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        // '+' and the apostrophe stay as they are, which the default encoder would write as \u002B and \u0027.
        Assert.DoesNotContain("\\u00", text, StringComparison.Ordinal);
        Assert.Contains("\"description\": \"Empty, or the image's digest (sha256:...), which then replaces the tag.\"", text, StringComparison.Ordinal);
    }

    private static JsonObject Schema(IReadOnlyList<ArtifactFile> files) => JsonNode.Parse(ManifestFiles.Text(files, "helm/values.schema.json"))!.AsObject();

    /// <summary>The keys at the top of a values file (a line that starts with a key).</summary>
    private static IEnumerable<string> TopLevelKeys(string yaml) =>
        yaml.Split('\n').Where(line => line.Length > 0 && line[0] != ' ').Select(line => line[..line.IndexOf(':', StringComparison.Ordinal)]);

    private static JsonObject Closed(JsonObject properties, string[]? required = null)
    {
        var schema = new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = properties };
        if (required is not null)
        {
            schema["required"] = new JsonArray([.. required.Select(name => (JsonNode)name!)]);
        }

        return schema;
    }

    private static JsonObject Integer(int minimum, Rule rule) => new() { ["type"] = "integer", ["minimum"] = minimum, ["description"] = Describe(rule) };

    private static JsonObject Pattern(string pattern, Rule rule) => new() { ["type"] = "string", ["pattern"] = pattern, ["description"] = Describe(rule) };

    private static string Describe(Rule rule) => $"{rule.Id}: {rule.Title}";

    private static void AssertJson(JsonNode? expected, JsonNode? actual) => Assert.Equal(expected?.ToJsonString(), actual?.ToJsonString());
}
