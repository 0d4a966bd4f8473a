using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ClusterReady.Tests;

/// <summary>
/// Renders a deploy folder twice, with the real tools: its Helm chart with <c>helm template</c> (default values, or an
/// environment's <c>values-&lt;env&gt;.yaml</c>) and its Kustomize base or overlay with <c>kubectl kustomize</c>; and
/// reads what each printed as objects (kind/name to JSON), to compare parsed objects rather than text.
/// </summary>
internal static partial class HelmRendering
{
    /// <summary>The environments of a deploy folder: its overlays' folder names.</summary>
    public static IReadOnlyList<string> Environments(string deployRoot) =>
        Directory.EnumerateDirectories(Path.Combine(deployRoot, "kubernetes", "overlays"))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// For the default values and each environment's values file: <c>helm lint --strict</c> passes, and <c>helm
    /// template</c> renders exactly the objects <c>kubectl kustomize</c> renders from the base or that overlay. Writes
    /// each rendering to <paramref name="renderedDirectory"/> (for the schema check); returns how many objects it rendered.
    /// </summary>
    public static int AssertChartEqualsKustomize(string helm, string kubectl, string deployRoot, string renderedDirectory, string what)
    {
        var chart = Path.Combine(deployRoot, "helm");
        var objects = 0;
        foreach (var environment in Environments(deployRoot).Prepend(null))
        {
            string[] values = environment is null ? [] : ["-f", Path.Combine(chart, $"values-{environment}.yaml")];
            var lint = ExternalProcess.Run(helm, ["lint", "--strict", chart, .. values]);
            Assert.True(lint.ExitCode == 0, $"helm lint --strict {what} ({environment ?? "default values"}): {lint}");

            var kustomize = Kustomize(kubectl, deployRoot, environment);
            Assert.True(kustomize.ExitCode == 0, kustomize.ToString());
            var template = Template(helm, deployRoot, environment);
            Assert.True(template.ExitCode == 0, template.ToString());

            var expected = Objects(kustomize.StandardOutput);
            var actual = Objects(template.StandardOutput);
            Assert.Contains(expected.Keys, key => key.StartsWith("Deployment/", StringComparison.Ordinal));
            var differences = Differences(expected, actual);
            Assert.True(differences.Count == 0, $"{what}, {environment ?? "base"}:\n{string.Join("\n", differences)}");
            File.WriteAllText(Path.Combine(renderedDirectory, $"helm-{environment ?? "base"}.yaml"), template.StandardOutput);
            objects += actual.Count;
        }

        return objects;
    }

    public static ProcessResult Kustomize(string kubectl, string deployRoot, string? environment) =>
        ExternalProcess.Run(kubectl, ["kustomize", environment is null
            ? Path.Combine(deployRoot, "kubernetes", "base")
            : Path.Combine(deployRoot, "kubernetes", "overlays", environment)]);

    /// <summary><c>helm template</c> of the chart, with the environment's values file when one is named, and more arguments.</summary>
    public static ProcessResult Template(string helm, string deployRoot, string? environment, params string[] arguments)
    {
        var chart = Path.Combine(deployRoot, "helm");
        string[] values = environment is null ? [] : ["-f", Path.Combine(chart, $"values-{environment}.yaml")];
        return ExternalProcess.Run(helm, ["template", "release", chart, .. values, .. arguments]);
    }

    /// <summary>
    /// Every object of a multi-document YAML text by "Kind/name", as JSON. Scalars are typed as a YAML reader types
    /// them (a quoted "3" is a string, a plain 3 a number). Lists whose items all have a name (containers, env,
    /// ports, volumes, volume mounts) are sorted by it: Kubernetes treats them as maps keyed by name, and Kustomize's
    /// patches put a new entry where Helm's map of variables does not.
    /// </summary>
    public static SortedDictionary<string, JsonNode> Objects(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var objects = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var document in stream.Documents)
        {
            if (Normalize(ToJson(document.RootNode)) is JsonObject value)
            {
                var key = $"{value["kind"]}/{value["metadata"]?["name"]}";
                Assert.True(objects.TryAdd(key, value), $"{key} is rendered twice");
            }
        }

        return objects;
    }

    /// <summary>What differs between two renderings: objects only on one side, and objects that differ (both shown).</summary>
    public static List<string> Differences(IReadOnlyDictionary<string, JsonNode> expected, IReadOnlyDictionary<string, JsonNode> actual)
    {
        var differences = new List<string>();
        foreach (var key in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            if (!actual.TryGetValue(key, out var rendered))
            {
                differences.Add($"{key}: missing");
            }
            else if (!expected.TryGetValue(key, out var wanted))
            {
                differences.Add($"{key}: not expected");
            }
            else if (!JsonNode.DeepEquals(wanted, rendered))
            {
                differences.Add($"{key} differs:\nexpected {wanted.ToJsonString()}\nrendered {rendered.ToJsonString()}");
            }
        }

        return differences;
    }

    /// <summary>Every key of every object anywhere in <paramref name="node"/>.</summary>
    public static IEnumerable<string> Keys(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Keys(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Keys),
        _ => [],
    };

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(p =>
            KeyValuePair.Create(((YamlScalarNode)p.Key).Value!, ToJson(p.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain => Plain(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };

    private static JsonNode? Plain(string value) => value switch
    {
        "" or "~" or "null" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when Integer().IsMatch(value) => JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture)),
        _ when Float().IsMatch(value) => JsonValue.Create(double.Parse(value, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value),
    };

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    var value = o[key];
                    o.Remove(key);
                    o[key] = Normalize(value);
                }

                return o;
            case JsonArray a:
                var items = a.Select(item => Normalize(item?.DeepClone())).ToList();
                if (items.Count > 0 && items.All(item => item is JsonObject o && o["name"] is JsonValue))
                {
                    items = items.OrderBy(item => (string?)item!["name"], StringComparer.Ordinal).ThenBy(item => item!.ToJsonString(), StringComparer.Ordinal).ToList();
                }

                return new JsonArray(items.ToArray());
            default:
                return node;
        }
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
