using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterReady.Model.Rules;

namespace ClusterReady.Manifests;

/// <summary>
/// The chart's <c>values.schema.json</c>: the analyzers' grammars as patterns (<see cref="Quantity.NonNegativePattern"/>,
/// <see cref="NameRules"/>' patterns, each proven equal to its grammar on the corpus) and the rules' bounds, each
/// described by its rule's id and title, so <c>helm install</c> refuses <c>--set replicas=-1</c> or a memory limit of
/// <c>512MB</c> with Helm's own message before anything reaches the cluster.
/// </summary>
internal static class HelmValuesSchema
{
    public static string Create(ServicePlan plan)
    {
        var properties = new JsonObject
        {
            // Helm passes a "global" map to every chart.
            ["global"] = new JsonObject { ["type"] = "object" },
            ["image"] = Object(new JsonObject
            {
                ["repository"] = new JsonObject { ["type"] = "string", ["minLength"] = 1 },
                ["tag"] = Pattern(NameRules.ImageTagPattern, RuleCatalog.InvalidImageReference),
                ["digest"] = new JsonObject
                {
                    ["type"] = "string",
                    ["pattern"] = "^(sha256:[a-f0-9]{64})?$",
                    ["description"] = "Empty, or the image's digest (sha256:...), which then replaces the tag.",
                },
            }, required: ["repository", "tag"]),
            ["replicas"] = Integer(RuleBounds.MinReplicas, RuleCatalog.NegativeReplicas),
            ["resources"] = Object(new JsonObject
            {
                ["requests"] = Quantities(),
                ["limits"] = Quantities(),
            }),
            ["env"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Environment variables that are not secrets, by name.",
                ["propertyNames"] = Pattern(NameRules.EnvironmentVariableNamePattern, RuleCatalog.InvalidEnvironmentVariableName),
                ["additionalProperties"] = new JsonObject { ["type"] = new JsonArray("string", "number", "boolean") },
            },
            ["podDisruptionBudget"] = Object(new JsonObject { ["enabled"] = new JsonObject { ["type"] = "boolean" } }),
            ["appSettings"] = new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = false,
                ["description"] = "An environment's appsettings file, mounted over the published one.",
                ["properties"] = new JsonObject
                {
                    ["fileName"] = new JsonObject { ["type"] = "string", ["pattern"] = "^appsettings\\.[A-Za-z0-9_-]+\\.json$" },
                    ["json"] = new JsonObject { ["type"] = "string" },
                },
                ["dependencies"] = new JsonObject { ["json"] = new JsonArray("fileName") },
            },
        };
        if (plan.Model.Namespace is not null)
        {
            properties["namespace"] = new JsonObject
            {
                ["type"] = "string",
                ["maxLength"] = NameRules.MaxLabelLength,
                ["pattern"] = NameRules.Dns1123LabelPattern,
                ["description"] = Describe(RuleCatalog.InvalidDnsLabel),
            };
        }

        if (plan.Model.Autoscaling is not null)
        {
            var autoscaling = Object(new JsonObject
            {
                ["minReplicas"] = Integer(RuleBounds.MinAutoscalingReplicas, RuleCatalog.InvalidAutoscalingRange),
                ["maxReplicas"] = Integer(RuleBounds.MinAutoscalingReplicas, RuleCatalog.InvalidAutoscalingRange),
                ["cpuUtilization"] = Integer(RuleBounds.MinUtilizationPercent, RuleCatalog.AutoscalingSettingOutOfRange),
                ["memoryUtilization"] = Integer(RuleBounds.MinUtilizationPercent, RuleCatalog.AutoscalingSettingOutOfRange),
            }, required: ["minReplicas", "maxReplicas"]);
            // The autoscaler needs a metric.
            autoscaling["anyOf"] = new JsonArray(
                new JsonObject { ["required"] = new JsonArray("cpuUtilization") },
                new JsonObject { ["required"] = new JsonArray("memoryUtilization") });
            properties["autoscaling"] = autoscaling;
        }

        if (plan.Model.Ingress is not null)
        {
            var host = Pattern(NameRules.IngressHostPattern, RuleCatalog.InvalidDnsSubdomain);
            host["maxLength"] = NameRules.MaxSubdomainLength;
            host["not"] = new JsonObject { ["pattern"] = NameRules.IPv4AddressPattern };
            properties["ingress"] = Object(new JsonObject { ["host"] = host }, required: ["host"]);
        }

        var schema = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = $"Values of the {plan.Name} chart",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = new JsonArray("image", "replicas"),
            ["properties"] = properties,
        };
        return YamlText.JsonText(writer => schema.WriteTo(writer), new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonObject Object(JsonObject properties, string[]? required = null)
    {
        var schema = new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = properties };
        if (required is not null)
        {
            schema["required"] = new JsonArray(required.Select(name => (JsonNode)name!).ToArray());
        }

        return schema;
    }

    private static JsonObject Quantities()
    {
        var quantity = new JsonObject
        {
            // A plain number is a quantity too (--set resources.limits.cpu=2).
            ["type"] = new JsonArray("string", "integer"),
            ["minimum"] = 0,
            ["pattern"] = Quantity.NonNegativePattern,
            ["description"] = Describe(RuleCatalog.InvalidQuantity),
        };
        return Object(new JsonObject { ["cpu"] = quantity, ["memory"] = quantity.DeepClone() });
    }

    private static JsonObject Pattern(string pattern, Rule rule) =>
        new() { ["type"] = "string", ["pattern"] = pattern, ["description"] = Describe(rule) };

    private static JsonObject Integer(int minimum, Rule rule) =>
        new() { ["type"] = "integer", ["minimum"] = minimum, ["description"] = Describe(rule) };

    private static string Describe(Rule rule) => $"{rule.Id}: {rule.Title}";
}
