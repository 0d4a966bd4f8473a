using System.Text.Json.Serialization;

namespace ClusterReady.Manifests;

// The subset of Kustomize's kustomization.yaml (kustomize.config.k8s.io/v1beta1) that the artifacts use.
// Property names become camelCase keys; null properties are left out.

/// <summary>A <c>kustomization.yaml</c>.</summary>
internal sealed class Kustomization
{
    public string ApiVersion { get; init; } = "kustomize.config.k8s.io/v1beta1";

    public string Kind { get; init; } = "Kustomization";

    public string? Namespace { get; init; }

    public List<string>? Resources { get; init; }

    public List<KustomizeLabels>? Labels { get; init; }

    public List<KustomizeImage>? Images { get; init; }

    public List<KustomizePatch>? Patches { get; init; }
}

/// <summary>An entry of <c>labels</c>: labels added to every object.</summary>
internal sealed class KustomizeLabels
{
    public required SortedDictionary<string, string> Pairs { get; init; }

    /// <summary>False: selectors are immutable, so they must never pick up a label such as the version.</summary>
    public bool IncludeSelectors { get; init; }

    /// <summary>True: pods carry the labels too (pod templates are not selectors).</summary>
    public bool IncludeTemplates { get; init; }
}

/// <summary>An entry of <c>images</c>: the tag or digest (and repository) that replaces an image's in every container.</summary>
internal sealed class KustomizeImage
{
    public required string Name { get; init; }

    public string? NewName { get; init; }

    public string? NewTag { get; init; }

    /// <summary>The image's digest (<c>sha256:...</c>): the containers run <c>name@digest</c>, whatever the tag.</summary>
    public string? Digest { get; init; }
}

/// <summary>An entry of <c>patches</c>: a strategic-merge patch file, whose kind and name select its target.</summary>
internal sealed class KustomizePatch
{
    public required string Path { get; init; }
}

/// <summary>The JSON form of the Kustomize files, which <see cref="YamlText"/> writes as YAML.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Kustomization))]
internal sealed partial class KustomizeJsonContext : JsonSerializerContext;
