using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The port rules' verdicts as a user reads them: each finding's whole message, the argument it sits on and the
/// replacement offered to the code fix, on declarations built without compiling source (the analyzers report the same
/// findings: PortsAnalyzerTests). The range edges on generated numbers are PortPropertyTests'.
/// </summary>
public sealed class PortRulesTests
{
    [Theory]
    [InlineData(0, "CR3001", "ContainerPort(0) is not a port number: use 1 to 65535, such as 8080")]
    [InlineData(65536, "CR3001", "ContainerPort(65536) is not a port number: use 1 to 65535, such as 8080")]
    [InlineData(80, "CR3002", "ContainerPort(80) is a privileged port that the non-root, capability-free container cannot bind: listen on 1024 or above, such as 8080 (the Service and Ingress route to it by name)")]
    [InlineData(1023, "CR3002", "ContainerPort(1023) is a privileged port that the non-root, capability-free container cannot bind: listen on 1024 or above, such as 8080 (the Service and Ingress route to it by name)")]
    public void A_port_Kubernetes_or_a_non_root_container_cannot_use_is_refused_on_its_number(int port, string id, string message)
    {
        var finding = Assert.Single(Findings(Declarations.Port(port)));

        Assert.Equal(id, finding.Rule.Id);
        Assert.Equal(message, finding.Message);
        Assert.Equal(new Site(1, "Port", -1), finding.Site);
    }

    [Fact]
    public void The_same_number_and_protocol_twice_is_refused_on_the_second()
    {
        var finding = Assert.Single(Findings(Declarations.Port(8080, name: "http"), Declarations.Port(8080, name: "admin")));

        Assert.Equal(RuleCatalog.DuplicatePort.Id, finding.Rule.Id);
        Assert.Equal("ContainerPort number \"8080/TCP\" is already declared: give each port its own number", finding.Message);
        Assert.Equal(new Site(2, "Port", -1), finding.Site);
    }

    [Fact]
    public void The_same_number_with_another_protocol_is_another_port() =>
        Assert.Empty(Findings(Declarations.Port(8053, name: "dns"), Declarations.Port(8053, name: "dns-udp", protocol: "UDP")));

    [Fact]
    public void The_same_name_twice_is_refused_on_the_second_name()
    {
        var finding = Assert.Single(Findings(Declarations.Port(8080, name: "http"), Declarations.Port(8081, name: "http")));

        Assert.Equal("ContainerPort name \"http\" is already declared: give each port its own name", finding.Message);
        Assert.Equal(new Site(2, "Name", -1), finding.Site);
    }

    [Theory]
    [InlineData("tcp", "TCP")]
    [InlineData(" udp ", "UDP")]
    [InlineData("Sctp", "SCTP")]
    [InlineData("HTTP", null)]
    [InlineData("", null)]
    public void A_protocol_that_is_not_one_is_refused_with_its_uppercase_form_when_that_is_one(string protocol, string? fix)
    {
        var finding = Assert.Single(Findings(Declarations.Port(8080, protocol: protocol)));

        Assert.Equal(RuleCatalog.InvalidProtocol.Id, finding.Rule.Id);
        Assert.Equal($"ContainerPort.Protocol = \"{protocol}\" is not a protocol: use \"TCP\", \"UDP\" or \"SCTP\" (uppercase)", finding.Message);
        Assert.Equal(new Site(1, "Protocol", -1), finding.Site);
        Assert.Equal(fix ?? "", Declarations.Replacements(finding));
    }

    [Theory]
    [InlineData("UDP")]
    [InlineData("SCTP")]
    public void The_management_port_serves_HTTP_so_it_must_be_TCP(string protocol)
    {
        var finding = Assert.Single(Findings(Declarations.Port(8080), Declarations.Port(9090, protocol: protocol, management: true)));

        Assert.Equal(
            $"ContainerPort.Protocol = \"{protocol}\" is not TCP, but the management port serves the HTTP health endpoints: use \"TCP\"", finding.Message);
        Assert.Equal(new Site(2, "Protocol", -1), finding.Site);
        Assert.Equal("TCP", Declarations.Replacements(finding));
    }

    [Fact]
    public void A_second_management_port_is_refused_naming_the_first()
    {
        var finding = Assert.Single(Findings(Declarations.Port(8080), Declarations.Port(9090, name: "management", management: true), Declarations.Port(9091, name: "admin", management: true)));

        Assert.Equal(RuleCatalog.SeveralManagementPorts.Id, finding.Rule.Id);
        Assert.Equal(
            "ContainerPort(9091) is marked Management but port 9090 already is: mark only the port that serves the health endpoints", finding.Message);
        Assert.Equal(new Site(3, "Management", -1), finding.Site);
    }

    [Fact]
    public void Valid_ports_and_no_ports_are_no_finding()
    {
        Assert.Empty(Findings());
        Assert.Empty(Findings(Declarations.Port(1024), Declarations.Port(65535, protocol: "UDP"), Declarations.Port(9090, protocol: "TCP", management: true)));
    }

    private static List<Finding> Findings(params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) =>
        Declarations.Findings(Declarations.Service(attributes), PortRules.Rules);
}
