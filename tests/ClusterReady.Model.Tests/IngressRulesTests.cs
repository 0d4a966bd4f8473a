using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The ingress rules' verdicts as a user reads them, for [Ingress] and [HttpRoute]: an app port to route to, a path
/// prefix (with the nearest one for the code fix), TLS on an Ingress host, a Gateway for a route, each with its whole
/// message and site, on declarations built without compiling source. The analyzers report the same findings
/// (IngressAnalyzerTests, HttpRouteAnalyzerTests).
/// </summary>
public sealed class IngressRulesTests
{
    private const string NoAppPort = "routes to the service's first app port but the service declares none (only management or UDP ports): declare one, such as [ContainerPort(8080)]";

    private const string NoGateway =
        "names no Gateway, so the route attaches to nothing and no request reaches the service: set Gateway to the Gateway that serves the host, " +
        "such as Gateway = \"public\" (and GatewayNamespace when it lives in another namespace)";

    private static readonly (string, (string, object)[]) AppPort = Port(8080);

    [Theory]
    [InlineData("Ingress")]
    [InlineData("HttpRoute")]
    public void A_route_on_a_worker_without_ports_is_refused_on_the_attribute(string kind)
    {
        var finding = Assert.Single(Findings([Route(kind)]));

        Assert.Equal(RuleCatalog.IngressWithoutAppPort.Id, finding.Rule.Id);
        Assert.Equal($"[{kind}] {NoAppPort}", finding.Message);
        Assert.Equal(new Site(1, null, -1), finding.Site);
    }

    [Theory]
    [InlineData("Ingress")]
    [InlineData("HttpRoute")]
    public void A_web_app_without_ports_has_its_default_app_port_to_route_to(string kind) =>
        Assert.Empty(Findings([Route(kind)], web: true));

    [Theory]
    // Only management or UDP ports: nothing to route HTTP to.
    [InlineData(false, "9090/TCP/management")]
    [InlineData(false, "8053/UDP")]
    [InlineData(false, "8053/UDP", "9090/TCP/management")]
    [InlineData(false, "8053/SCTP")]
    // One TCP app port is enough, wherever it is among the others, with the protocol written or not.
    [InlineData(true, "8080")]
    [InlineData(true, "8080/TCP")]
    [InlineData(true, "8080", "9090/TCP/management")]
    [InlineData(true, "9090/TCP/management", "8080")]
    [InlineData(true, "8080", "8053/UDP")]
    [InlineData(true, "8053/UDP", "8080")]
    // Two (or three) are as good as one.
    [InlineData(true, "8080", "8081/TCP")]
    [InlineData(true, "8080", "8081", "8082")]
    public void A_route_needs_a_TCP_port_that_is_not_the_management_port(bool routable, params string[] ports)
    {
        var attributes = ports.Select(p => p.Split('/')).Select(p => Port(int.Parse(p[0]), p.Length > 1 ? p[1] : null, p.Length > 2)).Append(Route("Ingress")).ToArray();

        Assert.Equal(routable ? [] : [new Site(ports.Length + 1, null, -1)], Findings(attributes).Select(f => f.Site));
    }

    [Fact]
    public void An_ingress_and_a_route_without_a_port_are_each_refused_naming_themselves()
    {
        var findings = Findings([Route("Ingress"), Route("HttpRoute")]);

        Assert.Equal(
            [($"[Ingress] {NoAppPort}", new Site(1, null, -1)), ($"[HttpRoute] {NoAppPort}", new Site(2, null, -1))],
            findings.Select(f => (f.Message, f.Site)));
    }

    [Theory]
    [InlineData("Ingress", "api", "/api")]
    [InlineData("HttpRoute", "api", "/api")]
    [InlineData("Ingress", " /api ", "/api")]
    [InlineData("Ingress", " //api", "/api")]
    [InlineData("Ingress", "api/v1", "/api/v1")]
    [InlineData("Ingress", "", "/")]
    [InlineData("Ingress", " ", "/")]
    // No path prefix near it: the example, and no replacement.
    [InlineData("Ingress", "/a b", null)]
    [InlineData("HttpRoute", "a\tb", null)]
    public void A_path_that_is_not_a_prefix_is_refused_on_Path_with_the_nearest_prefix(string kind, string path, string? fix)
    {
        var finding = Assert.Single(Findings([AppPort, Route(kind, ("Path", path))]));

        Assert.Equal(RuleCatalog.InvalidIngressPath.Id, finding.Rule.Id);
        Assert.Equal($"{kind}.Path = \"{path}\" is not a path prefix: start it with '/' and use no spaces, such as \"{fix ?? "/orders"}\"", finding.Message);
        Assert.Equal(new Site(2, "Path", -1), finding.Site);
        Assert.Equal(fix ?? "", Declarations.Replacements(finding));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api")]
    [InlineData("//api")]
    [InlineData("/api/v1/")]
    public void A_path_prefix_is_no_finding(string path)
    {
        Assert.Empty(Findings([AppPort, Route("Ingress", ("Path", path))]));
        Assert.Empty(Findings([AppPort, Route("HttpRoute", ("Path", path))]));
    }

    [Fact]
    public void An_ingress_host_without_TLS_is_advice_on_the_host()
    {
        var finding = Assert.Single(Findings([AppPort, ("Ingress", [("Host", "a.example.com")])]));

        Assert.Equal(RuleCatalog.IngressWithoutTls.Id, finding.Rule.Id);
        Assert.Equal(
            "[Ingress(\"a.example.com\")] sets no TlsSecretName, so traffic to it is unencrypted: set TlsSecretName to the Secret that holds the certificate",
            finding.Message);
        Assert.Equal(new Site(2, "Host", -1), finding.Site);
    }

    [Fact]
    public void An_ingress_with_TLS_or_without_a_host_is_no_TLS_finding()
    {
        Assert.Empty(Findings([AppPort, ("Ingress", [("Host", "a.example.com"), ("TlsSecretName", "a-tls")])]));
        Assert.Empty(Findings([AppPort, ("Ingress", [("Host", "a.example.com"), ("TlsSecretName", "")])]));
        Assert.Empty(Findings([AppPort, ("Ingress", [("Host", "")])]));
        Assert.Empty(Findings([AppPort, ("Ingress", [])]));
    }

    [Fact]
    public void A_route_host_without_TLS_is_no_TLS_finding() =>
        Assert.Empty(Findings([AppPort, ("HttpRoute", [("Host", "a.example.com"), ("Gateway", "public")])]));

    [Theory]
    // Not written: on the attribute; written blank: on Gateway.
    [InlineData(null, "a.example.com", null)]
    [InlineData(" ", "a.example.com", "Gateway")]
    [InlineData("", "a.example.com", "Gateway")]
    [InlineData(null, null, null)]
    public void A_route_without_a_gateway_is_refused_naming_its_host(string? gateway, string? host, string? site)
    {
        (string, object)[] arguments = [.. host is null ? [] : new[] { ("Host", (object)host) }, .. gateway is null ? [] : new[] { ("Gateway", (object)gateway) }];

        var finding = Assert.Single(Findings([AppPort, ("HttpRoute", arguments)]));

        Assert.Equal(RuleCatalog.HttpRouteWithoutGateway.Id, finding.Rule.Id);
        Assert.Equal($"[HttpRoute(\"{host}\")] {NoGateway}", finding.Message);
        Assert.Equal(new Site(2, site, -1), finding.Site);
    }

    [Fact]
    public void A_gateway_written_as_null_is_refused_on_the_gateway_argument()
    {
        var service = Declarations.With(Declarations.Service(AppPort, ("HttpRoute", [("Host", "a.example.com")])), 2, new DeclaredArgument("Gateway", ArgumentKind.Null));

        var finding = Assert.Single(Declarations.Findings(service, IngressRules.Rules));

        Assert.Equal(RuleCatalog.HttpRouteWithoutGateway.Id, finding.Rule.Id);
        Assert.Equal(new Site(2, "Gateway", -1), finding.Site);
    }

    [Fact]
    public void An_ingress_needs_no_gateway() =>
        Assert.Empty(Findings([AppPort, ("Ingress", [("Host", "a.example.com"), ("TlsSecretName", "a-tls"), ("Path", "/api")])]));

    [Fact]
    public void Without_an_ingress_or_a_route_a_worker_without_an_app_port_is_no_finding() =>
        Assert.Empty(Findings([Port(9090, "TCP", management: true)]));

    [Fact]
    public void Every_finding_of_one_ingress_is_reported_in_order()
    {
        var findings = Findings([("Ingress", [("Host", "a.example.com"), ("Path", "api")]), ("HttpRoute", [("Host", "b.example.com"), ("Path", "b")])]);

        Assert.Equal(
            [
                (RuleCatalog.IngressWithoutAppPort.Id, new Site(1, null, -1)),
                (RuleCatalog.InvalidIngressPath.Id, new Site(1, "Path", -1)),
                (RuleCatalog.IngressWithoutAppPort.Id, new Site(2, null, -1)),
                (RuleCatalog.InvalidIngressPath.Id, new Site(2, "Path", -1)),
                (RuleCatalog.IngressWithoutTls.Id, new Site(1, "Host", -1)),
                (RuleCatalog.HttpRouteWithoutGateway.Id, new Site(2, null, -1)),
            ],
            findings.Select(f => (f.Rule.Id, f.Site)));
    }

    /// <summary>An [Ingress] or [HttpRoute] (by <paramref name="kind"/>) that needs nothing else: TLS or a Gateway.</summary>
    private static (string, (string, object)[]) Route(string kind, params (string, object)[] arguments) =>
        (kind, [("Host", "a.example.com"), kind == "Ingress" ? ("TlsSecretName", "a-tls") : ("Gateway", "public"), .. arguments]);

    private static (string, (string, object)[]) Port(int port, string? protocol = null, bool management = false) =>
        ("ContainerPort",
        [
            ("Port", port),
            .. protocol is null ? Array.Empty<(string, object)>() : [("Protocol", protocol)],
            .. management ? [("Management", (object)true)] : Array.Empty<(string, object)>(),
        ]);

    private static List<Finding> Findings((string Attribute, (string Name, object Value)[] Arguments)[] attributes, bool web = false)
    {
        var service = Declarations.Service(attributes);
        return Declarations.Findings(web ? Declarations.WebApp(service) : service, IngressRules.Rules);
    }
}
