using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The probe rules' verdicts as a user reads them: each finding's whole message, the argument it sits on and the
/// replacement offered to the code fix, on declarations built without compiling source (the analyzers report the same
/// findings: PortsAndProbesAnalyzerTests; the code fix applies them: ReplaceValueCodeFixTests). The timing edges are
/// each probe's defaults (liveness every 10 s, readiness every 5 s, startup every 3 s, each with a 2 s timeout).
/// </summary>
public sealed class ProbeRulesTests
{
    private const string TimingAdvice = "use at least 1";

    private const string ZeroAdvice = "use at least 1 (Kubernetes would replace 0 with its own default and disagree with the runtime)";

    [Theory]
    [InlineData("LivenessProbe", "healthz/live", "/healthz/live", "/healthz/live")]
    [InlineData("LivenessProbe", " healthz ", "/healthz", "/healthz")]
    [InlineData("LivenessProbe", "\t/healthz", "/healthz", "/healthz")]
    [InlineData("LivenessProbe", "a b", "/healthz/live", "")]
    [InlineData("LivenessProbe", "", "/healthz/live", "")]
    [InlineData("LivenessProbe", "  ", "/healthz/live", "")]
    [InlineData("ReadinessProbe", "/healthz/ready now", "/healthz/ready", "")]
    [InlineData("ReadinessProbe", "ready", "/ready", "/ready")]
    [InlineData("StartupProbe", "/healthz/\u0001", "/healthz/startup", "")]
    [InlineData("StartupProbe", "started", "/started", "/started")]
    public void A_path_that_is_not_a_request_path_is_refused_with_it_made_one_or_the_default(string probe, string path, string suchAs, string replacements)
    {
        var finding = Assert.Single(Findings((probe, [("Path", path)])), f => f.Rule.Id == RuleCatalog.InvalidProbePath.Id);

        Assert.Equal(
            $"[{probe}] path \"{path}\" is not a request path: start it with '/' and use no spaces, such as \"{suchAs}\"", finding.Message);
        Assert.Equal(new Site(1, "Path", -1), finding.Site);
        Assert.Equal(replacements, Declarations.Replacements(finding));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/healthz")]
    [InlineData("/health/live?full=1")]
    public void A_request_path_is_no_finding(string path) =>
        Assert.Empty(Findings(("StartupProbe", [("Path", path)])));

    [Fact]
    public void A_port_the_worker_does_not_declare_is_refused_naming_its_ports()
    {
        var finding = Assert.Single(Findings(("LivenessProbe", [("Port", "http")])));

        AssertPortFinding(finding, "LivenessProbe.Port = \"http\" is not a declared port: use one of \"management\"", new Site(1, "Port", -1), "");
    }

    [Theory]
    [InlineData("Management")]
    [InlineData(" management ")]
    [InlineData("MANAGEMENT")]
    public void A_port_named_in_another_case_or_with_spaces_is_refused_with_the_declared_name(string port)
    {
        var finding = Assert.Single(Findings(("ReadinessProbe", [("Port", port)])));

        AssertPortFinding(finding, $"ReadinessProbe.Port = \"{port}\" is not a declared port: use one of \"management\"", new Site(1, "Port", -1), "management");
    }

    [Fact]
    public void A_port_that_is_declared_but_not_TCP_is_refused_naming_the_TCP_ports()
    {
        var finding = Assert.Single(Findings(Declarations.Port(8080), Declarations.Port(5353, "dns", "UDP"), Declarations.Port(9090, "metrics"), ("StartupProbe", [("Port", "dns")])));

        AssertPortFinding(
            finding, "StartupProbe.Port = \"dns\" is not a TCP port and an HTTP probe needs one: use one of \"http\" or \"metrics\"", new Site(4, "Port", -1), "");
    }

    [Fact]
    public void Without_a_TCP_port_the_finding_asks_for_one()
    {
        var finding = Assert.Single(Findings(Declarations.Port(5353, "dns", "UDP"), ("LivenessProbe", [("Port", "dns")])));

        AssertPortFinding(
            finding, "LivenessProbe.Port = \"dns\" is not a TCP port and an HTTP probe needs one: use one of the TCP ports (declare one with [ContainerPort])",
            new Site(2, "Port", -1), "");
    }

    [Fact]
    public void A_UDP_port_in_another_case_is_not_offered()
    {
        var finding = Assert.Single(Findings(Declarations.Port(8080), Declarations.Port(5353, "dns", "UDP"), Declarations.Port(9090, management: true), ("LivenessProbe", [("Port", "DNS")])));

        AssertPortFinding(finding, "LivenessProbe.Port = \"DNS\" is not a declared port: use one of \"http\" or \"management\"", new Site(4, "Port", -1), "");
    }

    [Theory]
    [InlineData(false, "management")]
    [InlineData(true, "http")]
    public void A_probe_on_the_default_port_is_no_finding(bool web, string port) =>
        Assert.Empty(Findings(web, ("LivenessProbe", [("Port", port)])));

    [Fact]
    public void A_probe_on_a_declared_TCP_port_is_no_finding() =>
        Assert.Empty(Findings(Declarations.Port(8080), Declarations.Port(9090, "admin", "TCP"), ("LivenessProbe", [("Port", "http")]), ("ReadinessProbe", [("Port", "admin")])));

    [Theory]
    [InlineData("PeriodSeconds", 0, ZeroAdvice)]
    [InlineData("PeriodSeconds", -1, TimingAdvice)]
    [InlineData("TimeoutSeconds", 0, ZeroAdvice)]
    [InlineData("TimeoutSeconds", -1, TimingAdvice)]
    [InlineData("FailureThreshold", 0, ZeroAdvice)]
    [InlineData("FailureThreshold", int.MinValue, TimingAdvice)]
    [InlineData("InitialDelaySeconds", -1, "use 0 or more seconds")]
    public void A_timing_below_its_minimum_is_refused(string property, int value, string advice)
    {
        var finding = Assert.Single(Findings(("LivenessProbe", [(property, value)])));

        Assert.Equal(RuleCatalog.ProbeTimingOutOfRange.Id, finding.Rule.Id);
        Assert.Equal($"LivenessProbe.{property} = {value} is out of range: {advice}", finding.Message);
        Assert.Equal(new Site(1, property, -1), finding.Site);
    }

    [Fact]
    public void Each_probe_names_its_own_timing() =>
        Assert.Equal(
            ["ReadinessProbe.FailureThreshold = 0 is out of range: " + ZeroAdvice, "StartupProbe.InitialDelaySeconds = -5 is out of range: use 0 or more seconds"],
            Findings(("ReadinessProbe", [("FailureThreshold", 0)]), ("StartupProbe", [("InitialDelaySeconds", -5)])).Select(f => f.Message));

    [Fact]
    public void Timings_at_their_minimum_are_no_finding() =>
        Assert.Empty(Findings(
            ("LivenessProbe", [("InitialDelaySeconds", 0), ("PeriodSeconds", 2), ("TimeoutSeconds", 1), ("FailureThreshold", 1)]),
            ("ReadinessProbe", [("Path", "/ready"), ("InitialDelaySeconds", 0), ("PeriodSeconds", 2), ("TimeoutSeconds", 1), ("FailureThreshold", 1)])));

    [Theory]
    // Both written: the timeout is blamed.
    [InlineData("LivenessProbe", 5, 5, "TimeoutSeconds", 5, 5)]
    [InlineData("LivenessProbe", 5, 6, "TimeoutSeconds", 6, 5)]
    [InlineData("LivenessProbe", 1, 1, "TimeoutSeconds", 1, 1)]
    // One written: the other is the probe's default.
    [InlineData("LivenessProbe", null, 10, "TimeoutSeconds", 10, 10)]
    [InlineData("LivenessProbe", 2, null, "PeriodSeconds", 2, 2)]
    [InlineData("ReadinessProbe", null, 5, "TimeoutSeconds", 5, 5)]
    [InlineData("ReadinessProbe", 2, null, "PeriodSeconds", 2, 2)]
    [InlineData("StartupProbe", null, 3, "TimeoutSeconds", 3, 3)]
    [InlineData("StartupProbe", 1, null, "PeriodSeconds", 2, 1)]
    // An out-of-range value counts as not written: the default stands in for it.
    [InlineData("LivenessProbe", 0, 10, "TimeoutSeconds", 10, 10)]
    [InlineData("LivenessProbe", 2, 0, "PeriodSeconds", 2, 2)]
    public void A_timeout_not_shorter_than_the_period_is_refused(string probe, int? period, int? timeout, string site, int effectiveTimeout, int effectivePeriod)
    {
        var finding = Assert.Single(Findings((probe, Timings(period, timeout))), f => f.Rule.Id == RuleCatalog.ProbeTimeoutNotBelowPeriod.Id);

        Assert.Equal(
            $"{probe}.TimeoutSeconds = {effectiveTimeout} is not shorter than PeriodSeconds = {effectivePeriod}, so a slow probe is still running when the next one starts: make the timeout shorter than the period",
            finding.Message);
        Assert.Equal(new Site(1, site, -1), finding.Site);
    }

    [Theory]
    [InlineData("LivenessProbe", 5, 4)]
    [InlineData("LivenessProbe", 2, 1)]
    [InlineData("LivenessProbe", null, 9)]
    [InlineData("LivenessProbe", 3, null)]
    [InlineData("ReadinessProbe", null, 4)]
    [InlineData("ReadinessProbe", 3, null)]
    [InlineData("StartupProbe", null, 2)]
    [InlineData("StartupProbe", 3, null)]
    [InlineData("StartupProbe", null, null)]
    [InlineData("LivenessProbe", 0, 0)]
    public void A_timeout_shorter_than_the_period_is_no_finding(string probe, int? period, int? timeout) =>
        Assert.DoesNotContain(RuleCatalog.ProbeTimeoutNotBelowPeriod.Id, Findings((probe, Timings(period, timeout))).Select(f => f.Rule.Id));

    [Theory]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/live/")]
    [InlineData("/HEALTHZ/Live")]
    [InlineData("healthz/live")]
    [InlineData(" /healthz/live ")]
    public void Readiness_on_the_liveness_endpoint_is_refused_on_readiness(string path)
    {
        var finding = Assert.Single(Findings(("ReadinessProbe", [("Path", path)])), f => f.Rule.Id == RuleCatalog.ReadinessSameAsLiveness.Id);

        Assert.Equal(ReadinessOnLiveness(path, "management"), finding.Message);
        Assert.Equal(new Site(1, "Path", -1), finding.Site);
    }

    [Theory]
    [InlineData("/healthz/ready")]
    [InlineData("/HEALTHZ/Ready")]
    [InlineData("/healthz/ready/")]
    public void Liveness_moved_onto_the_readiness_endpoint_is_refused_on_liveness_sending_it_back_to_its_own_path(string path)
    {
        var finding = Assert.Single(Findings(true, ("LivenessProbe", [("Path", path)])));

        Assert.Equal(RuleCatalog.ReadinessSameAsLiveness.Id, finding.Rule.Id);
        Assert.Equal(
            $"The liveness probe requests \"{path}\" on port \"http\", the same endpoint as the readiness probe, so a dependency outage restarts the pod instead of taking it out of the load balancer: give liveness its own path, such as \"/healthz/live\"",
            finding.Message);
        Assert.Equal(new Site(1, "Path", -1), finding.Site);
    }

    [Fact]
    public void A_readiness_probe_that_writes_no_path_is_refused_on_the_whole_attribute_sending_liveness_back_to_its_own_path()
    {
        var finding = Assert.Single(Findings(("LivenessProbe", [("Path", "/healthz/ready")]), ("ReadinessProbe", [("PeriodSeconds", 10), ("TimeoutSeconds", 3)])));

        Assert.Equal(LivenessOnReadiness("/healthz/ready", "management"), finding.Message);
        Assert.Equal(new Site(2, null, -1), finding.Site);
    }

    [Fact]
    public void Readiness_written_on_its_default_path_with_liveness_moved_there_sends_liveness_back_to_its_own_path()
    {
        var finding = Assert.Single(Findings(("LivenessProbe", [("Path", "/healthz/ready")]), ("ReadinessProbe", [("Path", "/healthz/ready/")])));

        Assert.Equal(LivenessOnReadiness("/healthz/ready/", "management"), finding.Message);
        Assert.Equal(new Site(2, "Path", -1), finding.Site);
    }

    [Fact]
    public void The_same_path_on_the_same_port_named_or_by_default_is_refused()
    {
        var finding = Assert.Single(Findings(
            Declarations.Port(8080), Declarations.Port(8081, management: true), ("LivenessProbe", [("Path", "/health"), ("Port", "management")]), ("ReadinessProbe", [("Path", "/health/")])));

        Assert.Equal(ReadinessOnLiveness("/health/", "management"), finding.Message);
        Assert.Equal(new Site(4, "Path", -1), finding.Site);
    }

    [Fact]
    public void The_same_path_on_different_ports_or_the_default_paths_are_no_finding()
    {
        Assert.Empty(Findings(Declarations.Port(8080), Declarations.Port(8081, management: true), ("LivenessProbe", [("Path", "/health")]), ("ReadinessProbe", [("Path", "/health"), ("Port", "http")])));
        Assert.Empty(Findings(Declarations.Port(8080), Declarations.Port(8081, management: true), ("LivenessProbe", [("Path", "/health"), ("Port", "http")]), ("ReadinessProbe", [("Path", "/health")])));
        Assert.Empty(Findings(("LivenessProbe", []), ("ReadinessProbe", []), ("StartupProbe", [("Path", "/healthz/live")])));
        Assert.Empty(Findings(("ReadinessProbe", [("Path", "/healthz/liveness")])));
    }

    private static void AssertPortFinding(Finding finding, string message, Site site, string replacements)
    {
        Assert.Equal(RuleCatalog.ProbeOnUndeclaredPort.Id, finding.Rule.Id);
        Assert.Equal(message, finding.Message);
        Assert.Equal(site, finding.Site);
        Assert.Equal(replacements, Declarations.Replacements(finding));
    }

    /// <summary>Readiness on a path that is not its default: readiness is sent to its own default path.</summary>
    private static string ReadinessOnLiveness(string path, string port) =>
        $"The readiness probe requests \"{path}\" on port \"{port}\", the same endpoint as the liveness probe, so a dependency outage restarts the pod instead of taking it out of the load balancer: give readiness its own path, such as \"/healthz/ready\"";

    /// <summary>Liveness moved onto readiness's default path: liveness is sent back to its own default path.</summary>
    private static string LivenessOnReadiness(string path, string port) =>
        $"The readiness probe requests \"{path}\" on port \"{port}\", the same endpoint as the liveness probe, so a dependency outage restarts the pod instead of taking it out of the load balancer: give liveness its own path, such as \"/healthz/live\"";

    private static (string, object)[] Timings(int? period, int? timeout) =>
        [.. period is { } p ? new[] { ("PeriodSeconds", (object)p) } : [], .. timeout is { } t ? new[] { ("TimeoutSeconds", (object)t) } : []];

    private static List<Finding> Findings(params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) => Findings(false, attributes);

    private static List<Finding> Findings(bool web, params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) =>
        Declarations.Findings(web ? Declarations.WebApp(Declarations.Service(attributes)) : Declarations.Service(attributes), ProbeRules.Rules);
}
