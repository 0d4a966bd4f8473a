using System.Text.Json.Serialization;

namespace ClusterReady.Manifests;

// The subset of the Gateway API's HTTPRoute (gateway.networking.k8s.io/v1) that the artifacts use. The Kubernetes
// client library has no Gateway API types, so these are ours (plain classes: the library's own metadata type reads
// back only through its own serializer); property names become camelCase keys, null ones are left out, and the tests
// validate the output against the Gateway API's own schema (@kubernetes-models/gateway-api).

/// <summary>An HTTPRoute.</summary>
internal sealed class HttpRoute
{
    public const string GroupVersion = "gateway.networking.k8s.io/v1";

    public const string KindName = "HTTPRoute";

    public string ApiVersion { get; set; } = GroupVersion;

    public string Kind { get; set; } = KindName;

    public required ObjectMetadata Metadata { get; init; }

    public required HttpRouteSpec Spec { get; init; }
}

/// <summary>The metadata the base writes (Kustomize and the Helm chart add the namespace and labels).</summary>
internal sealed class ObjectMetadata
{
    public required string Name { get; init; }

    public string? Namespace { get; init; }

    public Dictionary<string, string>? Labels { get; init; }
}

/// <summary>The route's Gateways, hostnames and rules.</summary>
internal sealed class HttpRouteSpec
{
    public required List<ParentReference> ParentRefs { get; init; }

    public required List<string> Hostnames { get; init; }

    public required List<HttpRouteRule> Rules { get; init; }
}

/// <summary>A Gateway the route attaches to.</summary>
internal sealed class ParentReference
{
    public required string Name { get; init; }

    public string? Namespace { get; init; }
}

/// <summary>Requests that match go to the backends.</summary>
internal sealed class HttpRouteRule
{
    public required List<HttpRouteMatch> Matches { get; init; }

    public required List<HttpBackendRef> BackendRefs { get; init; }
}

/// <summary>A match on the request path.</summary>
internal sealed class HttpRouteMatch
{
    public required HttpPathMatch Path { get; init; }
}

/// <summary>A path match: <c>PathPrefix</c> as an Ingress's <c>Prefix</c>.</summary>
internal sealed class HttpPathMatch
{
    public string Type { get; init; } = "PathPrefix";

    public required string Value { get; init; }
}

/// <summary>A Service and its port number (a backendRef names the port by number, unlike an Ingress).</summary>
internal sealed class HttpBackendRef
{
    public required string Name { get; init; }

    public required int Port { get; init; }
}

/// <summary>The JSON form of the Gateway API objects, which <see cref="YamlText"/> writes as YAML.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpRoute))]
internal sealed partial class GatewayApiJsonContext : JsonSerializerContext;
