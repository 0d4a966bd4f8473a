using ClusterReady.Manifests;
using k8s;
using k8s.Models;

namespace ClusterReady.Manifests.Tests;

/// <summary>Reads the emitted YAML back into the Kubernetes client's typed models.</summary>
internal static class ManifestFiles
{
    /// <summary>The type each emitted Kubernetes file must deserialize to, by file name.</summary>
    public static Type TypeOf(string relativePath)
    {
        var name = relativePath[(relativePath.LastIndexOf('/') + 1)..];
        return name switch
        {
            "deployment.yaml" or "deployment-patch.yaml" => typeof(V1Deployment),
            "service.yaml" => typeof(V1Service),
            "serviceaccount.yaml" => typeof(V1ServiceAccount),
            "poddisruptionbudget.yaml" => typeof(V1PodDisruptionBudget),
            "horizontalpodautoscaler.yaml" or "horizontalpodautoscaler-patch.yaml" => typeof(V2HorizontalPodAutoscaler),
            "ingress.yaml" => typeof(V1Ingress),
            "networkpolicy.yaml" => typeof(V1NetworkPolicy),
            "httproute.yaml" => typeof(HttpRoute),
            _ when name.StartsWith("configmap-", StringComparison.Ordinal) => typeof(V1ConfigMap),
            _ => throw new InvalidOperationException($"No expected type for {relativePath}; add it to {nameof(ManifestFiles)}.{nameof(TypeOf)}."),
        };
    }

    public static bool IsKubernetesObject(ArtifactFile file) =>
        file.RelativePath.StartsWith("kubernetes/", StringComparison.Ordinal) && !file.RelativePath.EndsWith("/kustomization.yaml", StringComparison.Ordinal);

    /// <summary>Deserializes strictly (an unknown field is an error) to the type the file name calls for.</summary>
    public static object Deserialize(ArtifactFile file)
    {
        var type = TypeOf(file.RelativePath);
        var method = typeof(KubernetesYaml).GetMethod(nameof(KubernetesYaml.Deserialize), [typeof(string), typeof(bool)])!.MakeGenericMethod(type);
        try
        {
            return method.Invoke(null, [file.Content, true])!;
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException($"{file.RelativePath} does not deserialize strictly to {type.Name}: {e.InnerException.Message}", e.InnerException);
        }
    }

    public static T Get<T>(IReadOnlyList<ArtifactFile> files, string relativePath) =>
        KubernetesYaml.Deserialize<T>(Text(files, relativePath), strict: true);

    /// <summary>Name, namespace and labels of any emitted object: the client library's types and the Gateway API's.</summary>
    public static (string Name, string? Namespace, IDictionary<string, string> Labels) MetadataOf(object value) => value switch
    {
        HttpRoute route => (route.Metadata.Name, route.Metadata.Namespace, route.Metadata.Labels ?? []),
        IMetadata<V1ObjectMeta> o => (o.Metadata.Name, o.Metadata.NamespaceProperty, o.Metadata.Labels),
        _ => throw new InvalidOperationException($"{value.GetType().Name} has no metadata that the tests know of."),
    };

    /// <summary>The text of the file at <paramref name="relativePath"/>, failing with the paths there are when there is none.</summary>
    public static string Text(IReadOnlyList<ArtifactFile> files, string relativePath) =>
        (files.SingleOrDefault(f => f.RelativePath == relativePath)
            ?? throw new InvalidOperationException($"No file {relativePath}; files: {string.Join(", ", files.Select(f => f.RelativePath))}")).Content;

    public static bool Has(IReadOnlyList<ArtifactFile> files, string relativePath) => files.Any(f => f.RelativePath == relativePath);

    /// <summary>The objects of a multi-document YAML stream, such as <c>kubectl kustomize</c> output.</summary>
    public static IReadOnlyList<object> LoadAll(string yaml) => KubernetesYaml.LoadAllFromString(yaml, GatewayApiTypes, strict: true);

    /// <summary>The Gateway API kinds, which the client library does not know, by "apiVersion/kind".</summary>
    private static readonly Dictionary<string, Type> GatewayApiTypes = new() { [$"{HttpRoute.GroupVersion}/HTTPRoute"] = typeof(HttpRoute) };
}
