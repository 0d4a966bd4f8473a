using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace ClusterReady.Manifests;

/// <summary>An object of the Kustomize base and its file name there.</summary>
internal sealed record BaseObject(string FileName, object Value);

/// <summary>
/// The Helm chart of a service (<c>helm/</c> in the deploy folder). Its templates are the Kustomize base's own objects
/// with what Kustomize adds (namespace, labels) written in, and the fields an operator changes per install replaced by
/// expressions over <c>values.yaml</c>: image, replicas, resources, autoscaling range and targets, the Ingress host, the
/// plain environment variables and an environment's appsettings file. Every value reaches a template through
/// <c>quote</c>, <c>int</c>, <c>sha256sum</c> or <c>toYaml</c>, never as raw text; secrets stay references.
/// <c>values-&lt;env&gt;.yaml</c> carries each overlay's patches as values, read off the same patch objects, and
/// <c>values.schema.json</c> holds the grammars' patterns and the rules' bounds, so Helm refuses a bad value itself.
/// </summary>
internal static partial class HelmChart
{
    /// <summary>The chart's folder in the deploy folder.</summary>
    public const string Directory = "helm";

    private const string AppSettingsCondition = ".Values.appSettings.json";

    public static IEnumerable<ArtifactFile> Create(ServicePlan plan, IReadOnlyList<BaseObject> baseObjects)
    {
        yield return File("Chart.yaml", YamlText.FromJson(new JsonObject
        {
            ["apiVersion"] = "v2",
            ["name"] = plan.Name,
            ["description"] = $"{plan.Name}, as declared by its [KubernetesService] attributes (written by ClusterReady).",
            ["type"] = "application",
            ["version"] = ChartVersion(plan.Version),
            ["appVersion"] = plan.Version,
        }.ToJsonString(), "Chart.yaml", "look at the service name and version"));
        yield return File("values.yaml", Values(DefaultValues(plan, baseObjects), "values.yaml"));
        yield return File("values.schema.json", HelmValuesSchema.Create(plan));
        foreach (var overlay in plan.Overlays)
        {
            var name = $"values-{overlay.Directory}.yaml";
            yield return File(name, Values(OverlayValues(plan, overlay), name));
        }

        // The PodDisruptionBudget is a template even where the base has none: an environment that runs more
        // replicas adds it (podDisruptionBudget.enabled), as its Kustomize overlay does.
        var templates = baseObjects.Any(o => o.Value is V1PodDisruptionBudget)
            ? baseObjects
            : [.. baseObjects, new BaseObject("poddisruptionbudget.yaml", KubernetesObjects.PodDisruptionBudget(plan))];
        foreach (var (fileName, value) in templates)
        {
            var template = Template(plan, value);
            yield return File($"templates/{fileName}", value is V1PodDisruptionBudget
                ? Conditional(".Values.podDisruptionBudget.enabled", template)
                : template);
        }

        yield return File("templates/configmap-appsettings.yaml", Conditional(AppSettingsCondition, AppSettingsConfigMap(plan)));
    }

    /// <summary>
    /// The chart's version: Helm takes only SemVer 2. A version that is one stays as it is (so does appVersion, always);
    /// otherwise its numbers make the core, padded to three (<c>1.0</c> gives <c>1.0.0</c>) with any beyond the third
    /// as build metadata (<c>1.2.3.4</c> gives <c>1.2.3+4</c>); a version with no number first gives <c>0.0.0+</c>
    /// and its characters.
    /// </summary>
    internal static string ChartVersion(string version)
    {
        if (SemanticVersion().IsMatch(version))
        {
            return version;
        }

        var dash = version.IndexOf('-', StringComparison.Ordinal);
        var core = (dash < 0 ? version : version[..dash]).Split('.');
        var prerelease = dash < 0 ? "" : version[dash..];
        if (core.All(part => part.Length is > 0 and <= 18 && part.All(char.IsAsciiDigit)))
        {
            var numbers = core.Select(part => long.Parse(part, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)).ToList();
            var padded = numbers.Concat(Enumerable.Repeat("0", Math.Max(0, 3 - numbers.Count))).ToList();
            var candidate = string.Join('.', padded.Take(3)) + prerelease + (padded.Count > 3 ? "+" + string.Join('.', padded.Skip(3)) : "");
            if (SemanticVersion().IsMatch(candidate))
            {
                return candidate;
            }
        }

        var metadata = string.Join('.', version.Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => new string(part.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-').ToArray())));
        return metadata.Length == 0 ? "0.0.0" : "0.0.0+" + metadata;
    }

    private static ArtifactFile File(string path, string content) => new($"{Directory}/{path}", content);

    private static string Values(JsonObject values, string what) =>
        YamlText.FromJson(values.ToJsonString(), what, "look for leading or trailing tabs or control characters in the attribute values");

    /// <summary>What the base renders: every value read off the base's objects.</summary>
    private static JsonObject DefaultValues(ServicePlan plan, IReadOnlyList<BaseObject> baseObjects)
    {
        var deployment = baseObjects.Select(o => o.Value).OfType<V1Deployment>().Single();
        var container = deployment.Spec.Template.Spec.Containers[0];
        var values = new JsonObject();
        if (plan.Model.Namespace is { } ns)
        {
            values["namespace"] = ns;
        }

        values["image"] = new JsonObject { ["repository"] = plan.ImageRepository, ["tag"] = plan.ImageTag, ["digest"] = "" };
        values["replicas"] = deployment.Spec.Replicas;
        values["resources"] = ToNode(container.Resources) ?? new JsonObject();
        values["env"] = EnvironmentValues(container.Env);
        if (baseObjects.Select(o => o.Value).OfType<V2HorizontalPodAutoscaler>().SingleOrDefault() is { } autoscaler)
        {
            var autoscaling = new JsonObject { ["minReplicas"] = autoscaler.Spec.MinReplicas, ["maxReplicas"] = autoscaler.Spec.MaxReplicas };
            foreach (var metric in autoscaler.Spec.Metrics)
            {
                autoscaling[UtilizationKey(metric.Resource.Name)] = metric.Resource.Target.AverageUtilization;
            }

            values["autoscaling"] = autoscaling;
        }

        if (baseObjects.Select(o => o.Value).OfType<V1Ingress>().SingleOrDefault() is { } ingress)
        {
            values["ingress"] = new JsonObject { ["host"] = ingress.Spec.Rules[0].Host };
        }

        values["podDisruptionBudget"] = new JsonObject { ["enabled"] = plan.HasDisruptionBudget };
        values["appSettings"] = new JsonObject();
        return values;
    }

    /// <summary>An overlay's differences, read off the very patches its Kustomize overlay applies.</summary>
    private static JsonObject OverlayValues(ServicePlan plan, OverlayPlan overlay)
    {
        var patch = KubernetesObjects.DeploymentPatch(plan, overlay, appSettingsHash: null);
        var container = patch.Spec.Template.Spec.Containers[0];
        var values = new JsonObject();
        if (overlay.Overlay.ImageTag is { } tag)
        {
            values["image"] = new JsonObject { ["tag"] = tag };
        }

        if (patch.Spec.Replicas is { } replicas)
        {
            values["replicas"] = replicas;
        }

        if (ToNode(container.Resources) is { } resources)
        {
            values["resources"] = resources;
        }

        values["env"] = EnvironmentValues(container.Env);
        if (overlay.PatchesAutoscaler)
        {
            var autoscaler = KubernetesObjects.HorizontalPodAutoscalerPatch(plan, overlay).Spec;
            var autoscaling = new JsonObject { ["maxReplicas"] = autoscaler.MaxReplicas };
            if (autoscaler.MinReplicas is { } min)
            {
                autoscaling["minReplicas"] = min;
            }

            values["autoscaling"] = autoscaling;
        }

        if (overlay.NeedsDisruptionBudget)
        {
            values["podDisruptionBudget"] = new JsonObject { ["enabled"] = true };
        }

        if (overlay.AppSettingsText is { } text)
        {
            values["appSettings"] = new JsonObject { ["fileName"] = overlay.AppSettingsFileName, ["json"] = text };
        }

        return values;
    }

    /// <summary>The plain (not secret) environment variables by name.</summary>
    private static JsonObject EnvironmentValues(IEnumerable<V1EnvVar>? environment)
    {
        var values = new JsonObject();
        foreach (var variable in environment ?? [])
        {
            if (variable.ValueFrom is null)
            {
                values[variable.Name] = variable.Value ?? "";
            }
        }

        return values;
    }

    private static string UtilizationKey(string resource) => resource + "Utilization";

    /// <summary>One template: the object as the Kustomize base renders it, with the operator's fields as holes.</summary>
    private static string Template(ServicePlan plan, object value)
    {
        var holes = new Holes();
        var node = KustomizedNode(plan, value, holes);
        switch (value)
        {
            case V1Deployment:
                Deployment(plan, node, holes);
                break;
            case V2HorizontalPodAutoscaler:
                var spec = node["spec"]!.AsObject();
                spec["minReplicas"] = holes.Inline("{{ .Values.autoscaling.minReplicas | int }}");
                spec["maxReplicas"] = holes.Inline("{{ .Values.autoscaling.maxReplicas | int }}");
                holes.BlockAtEnd(spec, "metrics", indent =>
                    $"{indent}metrics:\n" + string.Concat(new[] { "cpu", "memory" }.Select(resource =>
                    {
                        var key = $".Values.autoscaling.{UtilizationKey(resource)}";
                        var metric = Node(KubernetesObjects.ResourceMetric(resource, 0));
                        metric["resource"]!["target"]!["averageUtilization"] = holes.Inline($"{{{{ {key} | int }}}}");
                        return $"{{{{- if {key} }}}}\n{holes.Fragment(new JsonArray(metric), indent)}{{{{- end }}}}\n";
                    })).TrimEnd('\n'));
                break;
            case V1Ingress:
                var ingress = node["spec"]!;
                ingress["rules"]![0]!["host"] = holes.Inline("{{ .Values.ingress.host | quote }}");
                if (ingress["tls"] is JsonArray tls)
                {
                    tls[0]!["hosts"]![0] = holes.Inline("{{ .Values.ingress.host | quote }}");
                }

                break;
        }

        return holes.Render(node, $"the {node["kind"]} template");
    }

    private static void Deployment(ServicePlan plan, JsonObject node, Holes holes)
    {
        var spec = node["spec"]!.AsObject();
        spec["replicas"] = holes.Inline("{{ .Values.replicas | int }}");
        var template = spec["template"]!.AsObject();
        var pod = template["spec"]!.AsObject();
        var container = pod["containers"]![0]!.AsObject();

        container["image"] = holes.Inline(
            "{{ if .Values.image.digest }}{{ printf \"%s@%s\" .Values.image.repository .Values.image.digest | quote }}" +
            "{{ else }}{{ printf \"%s:%s\" .Values.image.repository (toString .Values.image.tag) | quote }}{{ end }}");

        holes.BlockAtEnd(container, "resources", indent =>
            $"{{{{- if .Values.resources }}}}\n{indent}resources: {{{{- toYaml .Values.resources | nindent {indent.Length + 2} }}}}\n{{{{- end }}}}");

        // The plain variables come from values (a map: an overlay adds to it); the secret ones stay references.
        var secrets = new JsonArray(((container["env"] as JsonArray) ?? [])
            .Where(variable => variable!["valueFrom"] is not null).Select(variable => variable!.DeepClone()).ToArray());
        holes.BlockAtEnd(container, "env", indent =>
        {
            var body = $"{indent}env:\n" +
                "{{- range $name, $value := .Values.env }}\n" +
                $"{indent}- name: {{{{ $name | quote }}}}\n" +
                $"{indent}  value: {{{{ $value | toString | quote }}}}\n" +
                "{{- end }}" +
                (secrets.Count > 0 ? "\n" + holes.Fragment(secrets, indent).TrimEnd('\n') : "");
            return secrets.Count > 0 ? body : Conditional(".Values.env", body).TrimEnd('\n');
        });

        // An environment's appsettings file, mounted over the published one; a changed file rolls the pods.
        var mount = Node(new V1VolumeMount { Name = "appsettings", MountPath = "/app/x", SubPath = "x", ReadOnlyProperty = true });
        mount["mountPath"] = holes.Inline("{{ printf \"/app/%s\" .Values.appSettings.fileName | quote }}");
        mount["subPath"] = holes.Inline("{{ .Values.appSettings.fileName | quote }}");
        holes.AppendIf(container, "volumeMounts", mount, AppSettingsCondition);
        holes.AppendIf(pod, "volumes", Node(new V1Volume
        {
            Name = "appsettings",
            ConfigMap = new V1ConfigMapVolumeSource { Name = KubernetesObjects.AppSettingsConfigMapName(plan) },
        }), AppSettingsCondition);
        var metadata = template["metadata"]!.AsObject();
        var annotations = new JsonObject { [KubernetesObjects.AppSettingsHashAnnotation] = holes.Inline($"{{{{ {AppSettingsCondition} | sha256sum | quote }}}}") };
        holes.BlockAtEnd(metadata, "annotations", indent =>
            Conditional(AppSettingsCondition, holes.Fragment(new JsonObject { ["annotations"] = annotations }, indent)).TrimEnd('\n'));
    }

    private static string AppSettingsConfigMap(ServicePlan plan)
    {
        var holes = new Holes();
        var node = KustomizedNode(plan, new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = KubernetesObjects.AppSettingsConfigMapName(plan) },
        }, holes);
        holes.BlockAtEnd(node, "data", indent =>
            $"{indent}data:\n{indent}  {{{{ .Values.appSettings.fileName | quote }}}}: {{{{ {AppSettingsCondition} | quote }}}}");
        return holes.Render(node, "the appsettings ConfigMap template");
    }

    /// <summary>
    /// The object as <c>kubectl kustomize</c> renders it from the base: the namespace (a value) and the common labels on
    /// every object and on the Deployment's pod template (<c>includeTemplates</c>), never on selectors.
    /// </summary>
    private static JsonObject KustomizedNode(ServicePlan plan, object value, Holes holes)
    {
        var node = Node(value);
        if (node.ToJsonString().Contains(Holes.Marker, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"A value of the {node["kind"]} contains \"{Holes.Marker}\", which the Helm chart's templates use for their own expressions; " +
                "change that attribute value, or set ClusterReadyHelmChart=false.");
        }

        var metadata = node["metadata"]!.AsObject();
        if (plan.Model.Namespace is not null)
        {
            metadata["namespace"] = holes.Inline("{{ .Values.namespace | quote }}");
        }

        AddLabels(metadata, plan);
        if (value is V1Deployment)
        {
            AddLabels(node["spec"]!["template"]!["metadata"]!.AsObject(), plan);
        }

        return node;

        static void AddLabels(JsonObject metadata, ServicePlan plan)
        {
            var labels = new SortedDictionary<string, string>(plan.CommonLabels, StringComparer.Ordinal);
            foreach (var (key, label) in (metadata["labels"] as JsonObject) ?? [])
            {
                labels[key] = (string)label!;
            }

            metadata["labels"] = new JsonObject(labels.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));
        }
    }

    private static JsonObject Node(object value) => JsonNode.Parse(YamlText.ObjectJson(value))!.AsObject();

    private static JsonNode? ToNode(V1ResourceRequirements? resources) =>
        resources is null ? null : JsonNode.Parse(KubernetesJson.Serialize(resources));

    /// <summary>Text that Helm renders only when <paramref name="condition"/> holds.</summary>
    private static string Conditional(string condition, string text) => $"{{{{- if {condition} }}}}\n{text.TrimEnd('\n')}\n{{{{- end }}}}\n";

    /// <summary>SemVer 2, as semver.org writes it.</summary>
    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\+[0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*)?$")]
    private static partial Regex SemanticVersion();

    /// <summary>
    /// Template expressions in an object. A hole is a placeholder string in the object's JSON; the object is written as
    /// YAML like every manifest, and each placeholder's line is then replaced: an inline hole by its expression in
    /// place, a block by lines of its own at the key's indentation. Blocks start and end with <c>{{-</c> actions, so a
    /// false condition leaves no line behind.
    /// </summary>
    private sealed partial class Holes
    {
        public const string Marker = "zzclusterreadyhole";

        private readonly List<Func<string, string, string>> _fills = [];

        /// <summary>A scalar replaced by <paramref name="expression"/>.</summary>
        public JsonNode Inline(string expression) => Add((prefix, _) => prefix + expression);

        /// <summary>Moves <paramref name="key"/> to the end of <paramref name="parent"/> (never the first key of a list item) and fills it with lines.</summary>
        public void BlockAtEnd(JsonObject parent, string key, Func<string, string> lines)
        {
            parent.Remove(key);
            parent[key] = Add((_, indent) => lines(indent));
        }

        /// <summary>Adds <paramref name="item"/> to the list <paramref name="key"/> (made when missing) when the condition holds.</summary>
        public void AppendIf(JsonObject parent, string key, JsonNode item, string condition)
        {
            if (parent[key] is JsonArray list)
            {
                list.Add(Add((_, indent) => Conditional(condition, Fragment(new JsonArray(item), indent)).TrimEnd('\n')));
            }
            else
            {
                BlockAtEnd(parent, key, indent => Conditional(condition, Fragment(new JsonObject { [key] = new JsonArray(item) }, indent)).TrimEnd('\n'));
            }
        }

        /// <summary>A piece of YAML (its holes filled) with every line indented by <paramref name="indent"/>.</summary>
        public string Fragment(JsonNode node, string indent) =>
            string.Concat(Render(node, "a template fragment").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.StartsWith("{{-", StringComparison.Ordinal) ? line + "\n" : indent + line + "\n"));

        public string Render(JsonNode node, string what)
        {
            var yaml = YamlText.FromJson(node.ToJsonString(), what, "look for leading or trailing tabs or control characters in the attribute values");
            return HoleLine().Replace(yaml, match =>
            {
                var fill = _fills[int.Parse(match.Groups["hole"].Value, CultureInfo.InvariantCulture)];
                var indent = match.Groups["indent"].Value + (match.Groups["dash"].Success && match.Groups["key"].Success ? "  " : "");
                return fill(match.Groups["prefix"].Value, indent);
            });
        }

        private JsonNode Add(Func<string, string, string> fill)
        {
            _fills.Add(fill);
            return JsonValue.Create($"{Marker}{_fills.Count - 1}")!;
        }

        [GeneratedRegex($"^(?<prefix>(?<indent> *)(?<dash>- )?(?<key>[^ \\n][^\\n]*?: )?){Marker}(?<hole>[0-9]+)$", RegexOptions.Multiline)]
        private static partial Regex HoleLine();
    }
}
