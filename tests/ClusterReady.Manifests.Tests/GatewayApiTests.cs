using ClusterReady.Manifests;
using ClusterReady.Model;

namespace ClusterReady.Manifests.Tests;

/// <summary>
/// The Gateway API's HTTPRoute, which the Kubernetes client library has no type for: its JSON form (camelCase keys,
/// the group, kind and path type it is written with, no key for what is not set) and the route the base and the Helm
/// chart write for a model. What the route means (its Gateway, host, path and port) is in ContentTests.
/// </summary>
public sealed class GatewayApiTests
{
    [Fact]
    public void A_route_is_written_with_camelCase_keys_and_without_the_keys_that_are_not_set()
    {
        var route = Route(gatewayNamespace: null);

        Assert.Equal(
            """{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"orders"},"spec":{"parentRefs":[{"name":"public"}],"hostnames":["orders.example.com"],"rules":[{"matches":[{"path":{"type":"PathPrefix","value":"/"}}],"backendRefs":[{"name":"orders","port":8080}]}]}}""",
            YamlText.ObjectJson(route));
    }

    [Fact]
    public void The_namespaces_and_labels_of_a_route_are_written_when_set()
    {
        var route = new HttpRoute
        {
            Metadata = new ObjectMetadata { Name = "orders", Namespace = "shop", Labels = new() { ["app"] = "orders" } },
            Spec = Route(gatewayNamespace: "gateways").Spec,
        };

        Assert.Equal(
            """{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"orders","namespace":"shop","labels":{"app":"orders"}},"spec":{"parentRefs":[{"name":"public","namespace":"gateways"}],"hostnames":["orders.example.com"],"rules":[{"matches":[{"path":{"type":"PathPrefix","value":"/"}}],"backendRefs":[{"name":"orders","port":8080}]}]}}""",
            YamlText.ObjectJson(route));
    }

    [Fact]
    public void A_route_to_a_Gateway_in_the_service_s_own_namespace_names_no_Gateway_namespace_in_the_base_or_the_chart()
    {
        var defaults = TestCases.WebDefaults;
        var files = TestCases.CreateFiles(defaults with { Model = defaults.Model with { HttpRoute = new HttpRouteModel("catalog.example.com", "public") } });

        var spec =
            "spec:\n  parentRefs:\n  - name: public\n  hostnames:\n  - catalog.example.com\n  rules:\n  - matches:\n    - path:\n        type: PathPrefix\n        value: /\n" +
            "    backendRefs:\n    - name: catalog-api\n      port: 8080\n";
        Assert.Equal("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: catalog-api\n" + spec, ManifestFiles.Text(files, "kubernetes/base/httproute.yaml"));
        Assert.Equal(
            "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: catalog-api\n  labels:\n" +
            "    app.kubernetes.io/managed-by: clusterready\n    app.kubernetes.io/name: catalog-api\n    app.kubernetes.io/version: 0.3.0\n" + spec,
            ManifestFiles.Text(files, "helm/templates/httproute.yaml"));
    }

    private static HttpRoute Route(string? gatewayNamespace) => new()
    {
        Metadata = new ObjectMetadata { Name = "orders" },
        Spec = new HttpRouteSpec
        {
            ParentRefs = [new ParentReference { Name = "public", Namespace = gatewayNamespace }],
            Hostnames = ["orders.example.com"],
            Rules = [new HttpRouteRule { Matches = [new HttpRouteMatch { Path = new HttpPathMatch { Value = "/" } }], BackendRefs = [new HttpBackendRef { Name = "orders", Port = 8080 }] }],
        },
    };
}
