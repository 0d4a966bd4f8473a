using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The latency profile rules' verdicts as a user reads them: whole CPUs (with the whole amount for the code fix), each
/// request equal to the limit it runs with, a CPU and a memory amount in every environment, and a warm-up inside the
/// startup probe's budget (with the numbers of that budget), each with its whole message, site and replacement, on
/// declarations built without compiling source. The analyzers report the same findings (LatencyProfileAnalyzerTests);
/// the values the profile derives are LatencyProfileTests'.
/// </summary>
public sealed class LatencyProfileRulesTests
{
    private const string Memory = "512Mi";

    [Theory]
    [InlineData("CpuLimit", "500m", "0.5", "1")]
    [InlineData("CpuLimit", "0.999", "0.999", "1")]
    [InlineData("CpuLimit", "0", "0", "1")]
    [InlineData("CpuLimit", "1001m", "1.001", "2")]
    [InlineData("CpuLimit", "2.5", "2.5", "3")]
    [InlineData("CpuLimit", "1.2345", "1.235", "2")]
    [InlineData("CpuLimit", "0.0005", "0.001", "1")]
    // Shortened to three decimals these would read as a whole amount they are not (0 or 1 CPU): every decimal is shown.
    [InlineData("CpuLimit", "0.0001", "0.0001", "1")]
    [InlineData("CpuLimit", "0.00049", "0.00049", "1")]
    [InlineData("CpuLimit", "100u", "0.0001", "1")]
    [InlineData("CpuLimit", "1n", "0.000000001", "1")]
    [InlineData("CpuLimit", "0.9999", "0.9999", "1")]
    [InlineData("CpuLimit", "1.9996", "1.9996", "2")]
    [InlineData("CpuLimit", "2.0001", "2.0001", "3")]
    // Without a limit the request is the amount the profile uses.
    [InlineData("CpuRequest", "1.5", "1.5", "2")]
    public void A_fractional_cpu_is_refused_with_the_whole_cpus_above_it(string property, string cpu, string cores, string fix)
    {
        var finding = AssertFinding(
            RuleCatalog.FractionalCpuUnderLatencyProfile, new Site(1, property, -1),
            $"Resources.{property} = \"{cpu}\" is {cores} CPU, but [LatencyProfile] runs the service on whole CPUs: a fractional CPU quota is spent early in each "
            + $"100 ms period and the pod then stalls until the next one, which is the tail latency the profile removes: write \"{fix}\" (whole CPUs)",
            Resources((property, cpu), ("MemoryLimit", Memory)), Profile());

        Assert.Equal(fix, Declarations.Replacements(finding));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("1000m")]
    [InlineData("1024")]
    // Whole, above the most CPUs the profile sets a processor count for: not fractional (CR1005 calls the amount implausible).
    [InlineData("1025")]
    // Not a quantity: CR1001's.
    [InlineData("lots")]
    public void Whole_cpus_or_a_malformed_amount_are_not_fractional(string cpu)
    {
        Assert.Empty(Findings(Resources(("CpuLimit", cpu), ("MemoryLimit", Memory)), Profile()));
        Assert.Empty(Findings(Resources(("CpuRequest", cpu), ("MemoryLimit", Memory)), Profile()));
    }

    [Fact]
    public void The_limit_is_the_amount_judged_when_both_are_written()
    {
        // A malformed limit is CR1001's, and the request is not judged in its place.
        Assert.Empty(Findings(Resources(("CpuRequest", "0.5"), ("CpuLimit", "lots"), ("MemoryLimit", Memory)), Profile()));
    }

    [Fact]
    public void Without_the_profile_nothing_is_judged() =>
        Assert.Empty(Findings(Resources(("CpuLimit", "500m"), ("MemoryRequest", "256Mi"))));

    [Fact]
    public void A_fractional_overlay_cpu_is_refused_on_the_overlay()
    {
        var finding = AssertFinding(
            RuleCatalog.FractionalCpuUnderLatencyProfile, new Site(3, "CpuLimit", -1),
            "EnvironmentOverlay(\"production\").CpuLimit = \"2.5\" is 2.5 CPU, but [LatencyProfile] runs the service on whole CPUs: a fractional CPU quota is spent early "
            + "in each 100 ms period and the pod then stalls until the next one, which is the tail latency the profile removes: write \"3\" (whole CPUs)",
            Resources(("CpuLimit", "2000m"), ("MemoryLimit", Memory)), Overlay("staging"), Overlay("production", ("CpuLimit", "2.5")), Profile());

        Assert.Equal("3", Declarations.Replacements(finding));
    }

    [Theory]
    [InlineData("Memory", "256Mi", "512Mi")]
    [InlineData("Cpu", "500m", "1")]
    [InlineData("Cpu", "999m", "1")]
    public void A_request_below_its_limit_is_refused_with_the_limit_for_the_code_fix(string resource, string request, string limit)
    {
        var other = resource == "Cpu" ? ("MemoryLimit", (object)Memory) : ("CpuLimit", "1");

        var finding = AssertFinding(
            RuleCatalog.RequestDiffersFromLimitUnderLatencyProfile, new Site(1, resource + "Request", -1),
            Differs($"Resources.{resource}Request", request, $"Resources.{resource}Limit", limit),
            Resources((resource + "Request", request), (resource + "Limit", limit), other), Profile());

        Assert.Equal(limit, Declarations.Replacements(finding));
    }

    [Theory]
    // Equal in other units, above its own limit (CR1002's), without a limit, or malformed (CR1001's).
    [InlineData("CpuRequest", "1000m", "CpuLimit", "1")]
    [InlineData("MemoryRequest", "0.5Gi", "MemoryLimit", "512Mi")]
    [InlineData("CpuRequest", "2", "CpuLimit", "1")]
    [InlineData("MemoryRequest", "1Gi", "MemoryLimit", "512Mi")]
    [InlineData("MemoryRequest", "lots", "MemoryLimit", "512Mi")]
    [InlineData("MemoryRequest", "256Mi", "MemoryLimit", "lots")]
    // A fractional number of bytes is no memory amount (CR1001's), though it would be a CPU amount.
    [InlineData("MemoryRequest", "500m", "MemoryLimit", "512Mi")]
    [InlineData("MemoryRequest", "1", "MemoryLimit", "1.5")]
    [InlineData("CpuRequest", "1", "MemoryLimit", "512Mi")]
    public void A_request_equal_to_its_limit_or_reported_otherwise_is_no_finding(string request, string requestValue, string limit, string limitValue)
    {
        (string, object)[] resources = [(request, requestValue), (limit, limitValue), .. Amount("MemoryLimit", limit == "CpuLimit" ? Memory : null), .. Amount("CpuLimit", request == "MemoryRequest" ? "1" : null)];

        Assert.Empty(Findings(Resources(resources), Profile()));
    }

    [Theory]
    // An overlay request runs with the base limit when the overlay writes none: above it too, as CR1002 does not judge that pair.
    [InlineData("1", "Resources.CpuLimit")]
    [InlineData("4", "Resources.CpuLimit")]
    public void An_overlay_request_that_differs_from_the_base_limit_is_refused_on_the_overlay(string request, string limit)
    {
        var finding = AssertFinding(
            RuleCatalog.RequestDiffersFromLimitUnderLatencyProfile, new Site(2, "CpuRequest", -1),
            Differs("EnvironmentOverlay(\"production\").CpuRequest", request, limit, "2"),
            Resources(("CpuLimit", "2"), ("MemoryLimit", Memory)), Overlay("production", ("CpuRequest", request)), Profile());

        Assert.Equal("2", Declarations.Replacements(finding));
    }

    [Fact]
    public void An_overlay_request_runs_with_the_overlay_limit_when_it_writes_one()
    {
        AssertFinding(
            RuleCatalog.RequestDiffersFromLimitUnderLatencyProfile, new Site(2, "CpuRequest", -1),
            Differs("EnvironmentOverlay(\"production\").CpuRequest", "1", "EnvironmentOverlay(\"production\").CpuLimit", "3"),
            Resources(("CpuLimit", "2"), ("MemoryLimit", Memory)), Overlay("production", ("CpuRequest", "1"), ("CpuLimit", "3")), Profile());

        // Above its own limit: CR1002's.
        Assert.Empty(Findings(Resources(("CpuLimit", "2"), ("MemoryLimit", Memory)), Overlay("production", ("CpuRequest", "4"), ("CpuLimit", "3")), Profile()));
        Assert.Empty(Findings(Resources(("MemoryLimit", Memory), ("CpuLimit", "1")), Overlay("production", ("CpuRequest", "2"), ("CpuLimit", "2")), Profile()));
    }

    [Theory]
    [InlineData(null, null, "the service (it has no [Resources])", "CpuLimit or MemoryLimit", "CpuLimit = \"1\", MemoryLimit = \"512Mi\"")]
    [InlineData("1", null, "[Resources]", "MemoryLimit", "MemoryLimit = \"512Mi\"")]
    [InlineData(null, "512Mi", "[Resources]", "CpuLimit", "CpuLimit = \"1\"")]
    public void The_profile_without_a_cpu_or_memory_amount_is_refused_on_the_profile(string? cpu, string? memory, string subject, string missing, string example)
    {
        (string, (string, object)[])[] resources = cpu is null && memory is null ? [] : [Resources([.. Amount("CpuLimit", cpu), .. Amount("MemoryLimit", memory)])];

        var finding = AssertFinding(
            RuleCatalog.LatencyProfileWithoutResources, new Site(resources.Length + 1, null, -1),
            $"[LatencyProfile] derives Guaranteed QoS and the runtime's processor count and heap limit from the resources, but {subject} sets no {missing}: set [Resources({example})]",
            [.. resources, Profile()]);

        Assert.Equal("", Declarations.Replacements(finding));
    }

    [Fact]
    public void Requests_are_amounts_enough() =>
        Assert.Empty(Findings(Resources(("CpuRequest", "1"), ("MemoryRequest", Memory)), Profile()));

    [Fact]
    public void Every_environment_needs_both_amounts_and_the_base_is_then_not_judged_alone()
    {
        AssertFinding(
            RuleCatalog.LatencyProfileWithoutResources, new Site(4, null, -1),
            "[LatencyProfile] derives Guaranteed QoS and the runtime's processor count and heap limit from the resources, but EnvironmentOverlay(\"production\") "
            + "sets no MemoryLimit: set [Resources(MemoryLimit = \"512Mi\")]",
            Resources(("CpuLimit", "1")), Overlay("staging", ("MemoryLimit", "256Mi")), Overlay("production"), Profile());

        Assert.Empty(Findings(Overlay("staging", ("CpuLimit", "1"), ("MemoryLimit", Memory)), Overlay("production", ("CpuRequest", "2"), ("MemoryRequest", "1Gi")), Profile()));
    }

    [Fact]
    public void An_environment_without_any_resources_is_told_both()
    {
        var finding = Assert.Single(Findings(Overlay("dev", ("Replicas", 1)), Profile()));

        Assert.EndsWith("but EnvironmentOverlay(\"dev\") sets no CpuLimit or MemoryLimit: set [Resources(CpuLimit = \"1\", MemoryLimit = \"512Mi\")]", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    // The default startup probe: 0 + 3 s x 20 = 60 s, so at most 57 s.
    [InlineData(58, null, null, null, "does not fit the startup probe: its budget is 0 + 3 s x 20 = 60 s and the probe must see the 200 before its last period, so the warm-up may take at most 57 s: lower WarmupTimeoutSeconds to 57 or raise StartupProbe.FailureThreshold to 21", "57")]
    [InlineData(60, null, null, null, "does not fit the startup probe: its budget is 0 + 3 s x 20 = 60 s and the probe must see the 200 before its last period, so the warm-up may take at most 57 s: lower WarmupTimeoutSeconds to 57 or raise StartupProbe.FailureThreshold to 21", "57")]
    [InlineData(90, null, null, null, "does not fit the startup probe: its budget is 0 + 3 s x 20 = 60 s and the probe must see the 200 before its last period, so the warm-up may take at most 57 s: lower WarmupTimeoutSeconds to 57 or raise StartupProbe.FailureThreshold to 31", "57")]
    [InlineData(-1, null, null, null, "is negative: write 0 for the default (the startup probe's budget less one period, 57 s) or a number of seconds up to 57", "57")]
    // A probe of its own: 5 + 10 s x 3 = 35 s, so at most 25 s.
    [InlineData(26, 5, 10, 3, "does not fit the startup probe: its budget is 5 + 10 s x 3 = 35 s and the probe must see the 200 before its last period, so the warm-up may take at most 25 s: lower WarmupTimeoutSeconds to 25 or raise StartupProbe.FailureThreshold to 4", "25")]
    [InlineData(-30, 5, 10, 3, "is negative: write 0 for the default (the startup probe's budget less one period, 25 s) or a number of seconds up to 25", "25")]
    // One period in all: at least 1 s of warm-up.
    [InlineData(2, 0, 10, 1, "does not fit the startup probe: its budget is 0 + 10 s x 1 = 10 s and the probe must see the 200 before its last period, so the warm-up may take at most 1 s: lower WarmupTimeoutSeconds to 1 or raise StartupProbe.FailureThreshold to 2", "1")]
    public void A_warmup_beyond_the_startup_budget_or_negative_is_refused_with_the_numbers(int timeout, int? delay, int? period, int? threshold, string reason, string fix)
    {
        var finding = AssertFinding(
            RuleCatalog.WarmupBeyondStartupBudget, new Site(delay is null ? 2 : 3, "WarmupTimeoutSeconds", -1),
            $"LatencyProfile.WarmupTimeoutSeconds = {timeout} {reason}",
            [Resources(("CpuLimit", "1"), ("MemoryLimit", Memory)), .. StartupProbe(delay, period, threshold), Profile(("WarmupTimeoutSeconds", timeout))]);

        Assert.Equal(fix, Declarations.Replacements(finding));
    }

    [Theory]
    [InlineData(57, null, null, null)]
    [InlineData(1, null, null, null)]
    [InlineData(0, null, null, null)]
    [InlineData(25, 5, 10, 3)]
    [InlineData(1, 0, 10, 1)]
    // Probe timings out of range are CR3013's: the warm-up is not judged against them.
    [InlineData(1000, 0, 0, 3)]
    [InlineData(1000, 0, 10, 0)]
    [InlineData(1000, -1, 10, 3)]
    public void A_warmup_inside_the_budget_the_default_or_one_against_a_broken_probe_is_no_finding(int timeout, int? delay, int? period, int? threshold) =>
        Assert.Empty(Findings([Resources(("CpuLimit", "1"), ("MemoryLimit", Memory)), .. StartupProbe(delay, period, threshold), Profile(("WarmupTimeoutSeconds", timeout))]));

    [Fact]
    public void The_smallest_valid_probe_timings_are_judged() =>
        Assert.Single(Findings([Resources(("CpuLimit", "1"), ("MemoryLimit", Memory)), .. StartupProbe(0, 1, 1), Profile(("WarmupTimeoutSeconds", 2))]));

    private static string Differs(string request, string value, string limit, string limitValue) =>
        $"{request} = \"{value}\" differs from {limit} = \"{limitValue}\", but [LatencyProfile] makes each request equal to its limit (Guaranteed QoS): "
        + $"remove {request} (the profile sets it to the limit) or write \"{limitValue}\"";

    private static (string, object)[] Amount(string property, string? value) => value is null ? [] : [(property, value)];

    private static (string, (string, object)[]) Resources(params (string, object)[] arguments) => ("Resources", arguments);

    private static (string, (string, object)[]) Overlay(string name, params (string, object)[] arguments) => ("EnvironmentOverlay", [("Name", name), .. arguments]);

    private static (string, (string, object)[]) Profile(params (string, object)[] arguments) => ("LatencyProfile", arguments);

    private static (string, (string, object)[])[] StartupProbe(int? delay, int? period, int? threshold) =>
        delay is null ? [] : [("StartupProbe", [("InitialDelaySeconds", delay.Value), ("PeriodSeconds", period!.Value), ("FailureThreshold", threshold!.Value)])];

    /// <summary>The one finding on the service with <paramref name="attributes"/>: its rule, site and whole message.</summary>
    private static Finding AssertFinding(Rule rule, Site site, string message, params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) =>
        Declarations.Single(Findings(attributes), rule, site, message);

    private static List<Finding> Findings(params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) =>
        Declarations.Findings(Declarations.Service(attributes), LatencyProfileRules.Rules);
}
