using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The availability rules' verdicts as a user reads them: replica counts, the disruption budget, the autoscaler's range
/// and settings, and each environment as it runs (the base with its overlay applied), each finding with its whole message
/// and site, on declarations built without compiling source. The analyzers report the same findings
/// (AvailabilityAnalyzerTests, EnvironmentsAnalyzerTests).
/// </summary>
public sealed class AvailabilityRulesTests
{
    [Theory]
    // Replicas = 0 on an overlay scales that environment to zero: no pod a budget could block a drain on.
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void A_budget_blocks_a_drain_in_an_environment_whose_replicas_it_keeps_all_of(int replicas, bool blocked)
    {
        var service = Declarations.Service(
            [("Replicas", 3)],
            ("DisruptionBudget", [("MinAvailable", 2)]),
            ("Resources", [("MemoryLimit", "512Mi")]),
            ("EnvironmentOverlay", [("Name", "dev"), ("Replicas", replicas)]));

        var findings = Rulebook.Check(service).Where(f => f.Rule.Id == RuleCatalog.BudgetBlocksEviction.Id).ToList();

        Assert.Equal(blocked, findings.Count == 1);
        Assert.All(findings, f => Assert.Equal(new Site(3, "Replicas", -1), f.Site));
        Assert.All(findings, f => Assert.Equal(
            $"DisruptionBudget.MinAvailable = 2 allows no pod to be evicted in the \"dev\" environment (Replicas = {replicas}), so node drains and cluster upgrades hang: " +
            $"lower MinAvailable below {replicas} (or use MaxUnavailable = 1), or raise the environment's Replicas",
            f.Message));
    }

    [Theory]
    [InlineData(3, 3, "with 3 replicas", "lower MinAvailable to at most 2 (or use MaxUnavailable = 1), or raise Replicas")]
    [InlineData(3, 4, "with 3 replicas", "lower MinAvailable to at most 2 (or use MaxUnavailable = 1), or raise Replicas")]
    [InlineData(2, 2, "with 2 replicas", "lower MinAvailable to at most 1 (or use MaxUnavailable = 1), or raise Replicas")]
    [InlineData(1, 1, "with 1 replica", "raise Replicas to 2 or more, or use MaxUnavailable = 1")]
    // Not written: the default, one replica (written as 0 it is CR5010's).
    [InlineData(null, 1, "with 1 replica", "raise Replicas to 2 or more, or use MaxUnavailable = 1")]
    public void A_budget_that_keeps_every_replica_is_refused_on_MinAvailable(int? replicas, int minAvailable, string with, string advice) =>
        AssertFinding(
            RuleCatalog.BudgetBlocksEviction, new Site(1, "MinAvailable", -1),
            $"DisruptionBudget.MinAvailable = {minAvailable} allows no pod to be evicted {with}, so node drains and cluster upgrades hang: {advice}",
            Replicas(replicas), ("DisruptionBudget", [("MinAvailable", minAvailable)]));

    [Fact]
    public void A_highly_available_service_runs_two_replicas_for_the_budget() =>
        AssertFinding(
            RuleCatalog.BudgetBlocksEviction, new Site(1, "MinAvailable", -1),
            "DisruptionBudget.MinAvailable = 2 allows no pod to be evicted with 2 replicas, so node drains and cluster upgrades hang: " +
            "lower MinAvailable to at most 1 (or use MaxUnavailable = 1), or raise Replicas",
            [("HighlyAvailable", true)], ("DisruptionBudget", [("MinAvailable", 2)]));

    [Fact]
    public void MaxUnavailable_0_is_refused_on_it()
    {
        AssertFinding(
            RuleCatalog.BudgetBlocksEviction, new Site(1, "MaxUnavailable", -1),
            "DisruptionBudget.MaxUnavailable = 0 allows no pod to be evicted at any time, so node drains and cluster upgrades hang: use MaxUnavailable = 1",
            [("Replicas", 3)], ("DisruptionBudget", [("MaxUnavailable", 0)]));
    }

    [Theory]
    [InlineData(3, "MinAvailable", 2)]
    [InlineData(3, "MinAvailable", 0)]
    [InlineData(1, "MinAvailable", 0)]
    [InlineData(1, "MaxUnavailable", 1)]
    [InlineData(3, "MaxUnavailable", 5)]
    public void A_budget_that_leaves_room_is_no_finding(int replicas, string setting, int value) =>
        Assert.Empty(Findings([("Replicas", replicas)], ("DisruptionBudget", [(setting, value)])));

    [Fact]
    public void A_budget_must_set_exactly_one_setting()
    {
        // Both: on MaxUnavailable, and nothing else judged of the budget (not its MaxUnavailable = 0).
        AssertFinding(
            RuleCatalog.BudgetNeedsOneSetting, new Site(1, "MaxUnavailable", -1),
            "[DisruptionBudget] sets both MinAvailable and MaxUnavailable: set exactly one of them, such as MaxUnavailable = 1",
            [("Replicas", 1)], ("DisruptionBudget", [("MinAvailable", 1), ("MaxUnavailable", 0)]));
        AssertFinding(
            RuleCatalog.BudgetNeedsOneSetting, new Site(1, null, -1),
            "[DisruptionBudget] sets neither MinAvailable nor MaxUnavailable: set exactly one of them, such as MaxUnavailable = 1",
            [("Replicas", 1)], ("DisruptionBudget", []));
    }

    [Fact]
    public void A_budget_that_sets_both_is_not_judged_in_environments() =>
        Assert.Single(Findings([("Replicas", 3)], ("DisruptionBudget", [("MinAvailable", 2), ("MaxUnavailable", 1)]), Overlay("dev", ("Replicas", 2))));

    [Fact]
    public void A_budget_on_MaxUnavailable_blocks_no_environment() =>
        Assert.Empty(Findings([("Replicas", 3)], ("DisruptionBudget", [("MaxUnavailable", 1)]), Overlay("dev", ("Replicas", 1))));

    [Fact]
    public void A_budget_blocking_the_base_is_refused_once_and_again_in_an_environment_that_writes_its_own_replicas()
    {
        var findings = Findings(
            [("Replicas", 2)], ("DisruptionBudget", [("MinAvailable", 2)]), Overlay("staging", ("ImageTag", "1.2.0")), Overlay("production", ("Replicas", 5)), Overlay("dev", ("Replicas", 2)));

        Assert.Equal([new Site(1, "MinAvailable", -1), new Site(4, "Replicas", -1)], findings.Select(f => f.Site));
    }

    [Theory]
    [InlineData("KubernetesService.Replicas", 0, "Replicas")]
    [InlineData("DisruptionBudget.MinAvailable", 1, "MinAvailable")]
    [InlineData("DisruptionBudget.MaxUnavailable", 1, "MaxUnavailable")]
    [InlineData("EnvironmentOverlay.Replicas", 1, "Replicas")]
    [InlineData("EnvironmentOverlay.MinReplicas", 1, "MinReplicas")]
    [InlineData("EnvironmentOverlay.MaxReplicas", 1, "MaxReplicas")]
    public void A_negative_count_is_refused_on_it(string property, int attribute, string argument)
    {
        foreach (var value in new[] { -1, -2 })
        {
            AssertFinding(RuleCatalog.NegativeReplicas, new Site(attribute, argument, -1), $"{property} = {value} is negative: use 1 or more", Counting(property, value));
        }
    }

    [Theory]
    [InlineData("KubernetesService.Replicas")]
    [InlineData("DisruptionBudget.MaxUnavailable")]
    [InlineData("EnvironmentOverlay.Replicas")]
    [InlineData("EnvironmentOverlay.MinReplicas")]
    [InlineData("EnvironmentOverlay.MaxReplicas")]
    public void A_count_of_0_is_not_negative(string property) =>
        Assert.DoesNotContain(RuleCatalog.NegativeReplicas.Id, Findings(Counting(property, 0)).Select(f => f.Rule.Id));

    [Theory]
    [InlineData(false, "the default of 1 replica applies", "1")]
    [InlineData(true, "the default of 2 replicas for a HighlyAvailable service applies", "2")]
    public void Replicas_written_as_0_on_the_service_is_refused_with_the_default_as_the_fix(bool highlyAvailable, string applies, string replacement)
    {
        (string, object)[] service = highlyAvailable ? [("Replicas", 0), ("HighlyAvailable", true)] : [("Replicas", 0)];

        var finding = Declarations.Single(
            Findings(service),
            RuleCatalog.ZeroReplicasReadAsNotSet,
            new Site(0, "Replicas", -1),
            $"KubernetesService.Replicas = 0 is read as not set, so {applies}: write the replicas it runs (1 or more) or leave Replicas out; " +
            "an environment runs no pods with Replicas = 0 on its [EnvironmentOverlay]");

        Assert.Equal(RuleSeverity.Error, finding.Rule.Severity);
        Assert.Equal(replacement, Declarations.Replacements(finding));
    }

    [Theory]
    [InlineData("MinReplicas", true, "the environment would keep the [Autoscaling] minimum of 2", "2")]
    [InlineData("MaxReplicas", true, "the environment would keep the [Autoscaling] maximum of 6", "6")]
    [InlineData("MinReplicas", false, "it would change nothing (the service has no [Autoscaling])", "")]
    [InlineData("MaxReplicas", false, "it would change nothing (the service has no [Autoscaling])", "")]
    public void An_autoscaling_limit_written_as_0_on_an_overlay_is_refused(string property, bool autoscales, string keeps, string replacement)
    {
        var service = autoscales
            ? Declarations.Service(Autoscaling(2, 6), Overlay("dev", (property, 0)))
            : Declarations.Service(Overlay("dev", (property, 0)));

        var finding = Declarations.Single(
            Findings(service),
            RuleCatalog.ZeroReplicasReadAsNotSet,
            new Site(autoscales ? 2 : 1, property, -1),
            $"EnvironmentOverlay(\"dev\").{property} = 0 is read as not set, so {keeps}: an autoscaler does not scale to zero: " +
            $"write 1 or more or leave {property} out; Replicas = 0 on the overlay runs no pods in that environment");

        Assert.Equal(replacement, Declarations.Replacements(finding));
    }

    [Theory]
    // Left out, the default applies without a finding; an overlay's Replicas = 0 scales that environment to zero.
    [InlineData("KubernetesService.Replicas", 1)]
    [InlineData("EnvironmentOverlay.Replicas", 0)]
    [InlineData("EnvironmentOverlay.MinReplicas", 1)]
    [InlineData("EnvironmentOverlay.MaxReplicas", 1)]
    public void A_count_that_means_what_it_says_is_not_refused_as_read_as_not_set(string property, int value) =>
        Assert.DoesNotContain(RuleCatalog.ZeroReplicasReadAsNotSet.Id, Findings(Counting(property, value)).Select(f => f.Rule.Id));

    [Fact]
    public void A_service_that_leaves_Replicas_out_is_not_refused_as_read_as_not_set() =>
        Assert.DoesNotContain(RuleCatalog.ZeroReplicasReadAsNotSet.Id, Findings([("HighlyAvailable", true)], Overlay("dev", ("ImageTag", "1.0"))).Select(f => f.Rule.Id));

    [Fact]
    public void A_highly_available_service_with_one_replica_warns_on_each_place_that_leaves_one()
    {
        (string, object)[] available = [("HighlyAvailable", true)];
        AssertFinding(RuleCatalog.SingleReplicaHighlyAvailable, new Site(0, "Replicas", -1), SingleReplica("KubernetesService.Replicas"), [.. available, ("Replicas", 1)]);
        AssertFinding(RuleCatalog.SingleReplicaHighlyAvailable, new Site(1, "MinReplicas", -1), SingleReplica("Autoscaling.MinReplicas"), available, Autoscaling(1, 4));
        AssertFinding(RuleCatalog.SingleReplicaHighlyAvailable, new Site(1, "Replicas", -1), SingleReplica("EnvironmentOverlay(\"dev\").Replicas"), available, Overlay("dev", ("Replicas", 1)));
        AssertFinding(
            RuleCatalog.SingleReplicaHighlyAvailable, new Site(3, "MinReplicas", -1), SingleReplica("EnvironmentOverlay(\"staging\").MinReplicas"),
            available, Autoscaling(2, 6), Overlay("dev", ("Replicas", 1)), Overlay("staging", ("MinReplicas", 1)));
    }

    [Fact]
    public void Two_replicas_or_no_high_availability_is_no_single_replica_warning()
    {
        Assert.Empty(Findings([("HighlyAvailable", true), ("Replicas", 2)], Autoscaling(2, 4), Overlay("dev", ("MinReplicas", 2))));
        Assert.Empty(Findings([("HighlyAvailable", true)], Overlay("dev", ("Replicas", 2))));
        Assert.Empty(Findings([("Replicas", 1)], Autoscaling(1, 4), Overlay("dev", ("MinReplicas", 1))));
        Assert.Empty(Findings([("Replicas", 1)], Overlay("dev", ("Replicas", 1))));
        Assert.Empty(Findings([("HighlyAvailable", true)]));
    }

    [Fact]
    public void An_environment_that_inherits_the_autoscaler_minimum_has_the_base_warning_only() =>
        Assert.Equal(
            [new Site(1, "MinReplicas", -1)],
            Findings([("HighlyAvailable", true)], Autoscaling(1, 4), Overlay("dev", ("MaxReplicas", 6))).Select(f => f.Site));

    [Theory]
    [InlineData(0, 3, "MinReplicas", "Autoscaling.MinReplicas = 0 is below 1: use at least 1")]
    [InlineData(-1, 3, "MinReplicas", "Autoscaling.MinReplicas = -1 is below 1: use at least 1")]
    [InlineData(0, -1, "MinReplicas", "Autoscaling.MinReplicas = 0 is below 1: use at least 1")]
    [InlineData(5, 3, "MaxReplicas", "Autoscaling.MaxReplicas = 3 is below MinReplicas (5): use at least 5")]
    [InlineData(3, 2, "MaxReplicas", "Autoscaling.MaxReplicas = 2 is below MinReplicas (3): use at least 3")]
    public void An_autoscaling_range_that_is_not_one_is_refused(int min, int max, string argument, string message) =>
        AssertFinding(RuleCatalog.InvalidAutoscalingRange, new Site(1, argument, -1), message, [], Autoscaling(min, max));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 3)]
    [InlineData(2, 2)]
    public void A_valid_autoscaling_range_is_no_finding(int min, int max) =>
        Assert.Empty(Findings([], Autoscaling(min, max)));

    [Theory]
    [InlineData("MinReplicas", 6, null, "MinReplicas", "EnvironmentOverlay(\"production\").MinReplicas = 6 is above MaxReplicas (4): use at most 4")]
    [InlineData("MinReplicas", 5, null, "MinReplicas", "EnvironmentOverlay(\"production\").MinReplicas = 5 is above MaxReplicas (4): use at most 4")]
    [InlineData("MaxReplicas", 1, null, "MaxReplicas", "EnvironmentOverlay(\"production\").MaxReplicas = 1 is below MinReplicas (2): use at least 2")]
    // Both written: on the maximum.
    [InlineData("MinReplicas", 5, 3, "MaxReplicas", "EnvironmentOverlay(\"production\").MaxReplicas = 3 is below MinReplicas (5): use at least 5")]
    public void An_overlay_that_breaks_the_range_is_refused_on_its_value(string property, int value, int? max, string argument, string message)
    {
        (string, object)[] overlay = [(property, value), .. max is { } m ? new[] { ("MaxReplicas", (object)m) } : []];

        AssertFinding(RuleCatalog.InvalidAutoscalingRange, new Site(2, argument, -1), message, [], Autoscaling(2, 4), Overlay("production", overlay));
    }

    [Theory]
    [InlineData("MinReplicas", 4)]
    [InlineData("MaxReplicas", 2)]
    [InlineData("Replicas", 9)]
    [InlineData("ImageTag", "1.2.0")]
    public void An_overlay_inside_the_range_or_that_writes_none_of_it_is_no_finding(string property, object value) =>
        Assert.Empty(Findings([], Autoscaling(2, 4), Overlay("production", (property, value))));

    [Fact]
    public void A_base_range_that_is_not_one_is_refused_once_not_in_each_environment() =>
        Assert.Equal(
            [new Site(1, "MaxReplicas", -1)],
            Findings([], Autoscaling(5, 3), Overlay("staging", ("ImageTag", "1.2.0")), Overlay("production", ("Replicas", 4))).Select(f => f.Site));

    [Theory]
    [InlineData(2, 2, "2", "2", "3")]
    [InlineData(1, 1, "1", "1", "2")]
    [InlineData(2, 5, "2", "5", "6")]
    public void An_autoscaler_minimum_the_budget_needs_entirely_warns_on_MinReplicas(int min, int minAvailable, string minText, string needed, string raise) =>
        AssertFinding(
            RuleCatalog.AutoscalingMinBelowBudget, new Site(1, "MinReplicas", -1),
            $"Autoscaling MinReplicas = {minText} is not above DisruptionBudget.MinAvailable = {needed}, so once scaled down no pod can be evicted and node drains hang: " +
            $"raise MinReplicas to at least {raise} or lower MinAvailable",
            [], Autoscaling(min, 10), ("DisruptionBudget", [("MinAvailable", minAvailable)]));

    [Theory]
    [InlineData(3, "MinAvailable", 2)]
    [InlineData(1, "MinAvailable", 0)]
    [InlineData(1, "MaxUnavailable", 1)]
    // Under an autoscaler the budget is weighed against its minimum, not the replicas.
    [InlineData(6, "MinAvailable", 5)]
    public void An_autoscaler_minimum_above_the_budget_is_no_finding(int min, string setting, int value) =>
        Assert.Empty(Findings([("Replicas", 1)], Autoscaling(min, 10), ("DisruptionBudget", [(setting, value)])));

    [Fact]
    public void A_minimum_below_1_is_the_range_s_finding_not_the_budget_s() =>
        Assert.Equal(
            [RuleCatalog.InvalidAutoscalingRange.Id],
            Findings([], Autoscaling(0, 10), ("DisruptionBudget", [("MinAvailable", 2)])).Select(f => f.Rule.Id));

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, true)]
    [InlineData(3, false)]
    public void An_overlay_minimum_the_budget_needs_entirely_warns_on_the_overlay(int min, bool warns)
    {
        var findings = Findings([], Autoscaling(3, 10), ("DisruptionBudget", [("MinAvailable", 2)]), Overlay("staging", ("MinReplicas", min)));

        Assert.Equal(warns ? [new Site(3, "MinReplicas", -1)] : [], findings.Select(f => f.Site));
        Assert.All(findings, f => Assert.Equal(
            $"Autoscaling MinReplicas = {min} is not above DisruptionBudget.MinAvailable = 2, so once scaled down no pod can be evicted and node drains hang: " +
            "raise MinReplicas to at least 3 or lower MinAvailable",
            f.Message));
    }

    [Theory]
    [InlineData("CpuUtilization", 0, "use a percentage of the CPU request above 0, such as 70")]
    [InlineData("CpuUtilization", -5, "use a percentage of the CPU request above 0, such as 70")]
    [InlineData("MemoryUtilization", 0, "use a percentage of the memory request above 0, such as 80")]
    [InlineData("MemoryUtilization", -10, "use a percentage of the memory request above 0, such as 80")]
    [InlineData("ScaleDownStabilizationSeconds", -1, "use 0 to 3600 seconds, such as 300")]
    [InlineData("ScaleDownStabilizationSeconds", 3601, "use 0 to 3600 seconds, such as 300")]
    public void An_autoscaling_setting_out_of_range_is_refused_on_it(string setting, int value, string advice) =>
        AssertFinding(
            RuleCatalog.AutoscalingSettingOutOfRange, new Site(1, setting, -1), $"Autoscaling.{setting} = {value} is out of range: {advice}",
            [], Autoscaling(2, 5, (setting, value)));

    [Theory]
    [InlineData("CpuUtilization", 1)]
    [InlineData("CpuUtilization", 150)]
    [InlineData("MemoryUtilization", 1)]
    [InlineData("MemoryUtilization", 100)]
    [InlineData("ScaleDownStabilizationSeconds", 0)]
    [InlineData("ScaleDownStabilizationSeconds", 3600)]
    public void An_autoscaling_setting_in_range_is_no_finding(string setting, int value) =>
        Assert.Empty(Findings([], Autoscaling(2, 5, (setting, value))));

    [Theory]
    [InlineData(101)]
    [InlineData(120)]
    public void Memory_utilization_above_100_warns(int value) =>
        AssertFinding(
            RuleCatalog.MemoryUtilizationAbove100, new Site(1, "MemoryUtilization", -1),
            $"Autoscaling.MemoryUtilization = {value} targets more memory than the request, which the pods reach only near their limit, so the autoscaler scales out too late: " +
            "use 100 or less, such as 80",
            [], Autoscaling(2, 5, ("MemoryUtilization", value)));

    [Theory]
    [InlineData(3, 10, "MinReplicas")]
    [InlineData(1, null, "MinReplicas")]
    [InlineData(null, 10, "MaxReplicas")]
    public void Overlay_autoscaling_limits_without_an_autoscaler_are_refused_on_the_first_written(int? min, int? max, string argument)
    {
        (string, object)[] limits = [.. min is { } a ? new[] { ("MinReplicas", (object)a) } : [], .. max is { } b ? new[] { ("MaxReplicas", (object)b) } : []];

        AssertFinding(
            RuleCatalog.OverlayAutoscalingWithoutAutoscaling, new Site(1, argument, -1),
            $"EnvironmentOverlay(\"production\").{argument} sets an autoscaling limit but the service has no [Autoscaling]: add [Autoscaling(min, max)] or remove the limit",
            [], Overlay("production", limits));
    }

    [Fact]
    public void An_overlay_without_a_name_is_named_empty() =>
        AssertFinding(
            RuleCatalog.OverlayAutoscalingWithoutAutoscaling, new Site(1, "MinReplicas", -1),
            "EnvironmentOverlay(\"\").MinReplicas sets an autoscaling limit but the service has no [Autoscaling]: add [Autoscaling(min, max)] or remove the limit",
            [], ("EnvironmentOverlay", [("MinReplicas", 2)]));

    [Fact]
    public void Overlay_autoscaling_limits_under_an_autoscaler_are_no_finding() =>
        Assert.Empty(Findings([], Autoscaling(2, 5), Overlay("production", ("MinReplicas", 3), ("MaxReplicas", 10))));

    private static string SingleReplica(string property) =>
        $"{property} = 1 on a service marked HighlyAvailable leaves one pod, so every restart or node drain is an outage: use 2 or more";

    /// <summary>A service whose <paramref name="property"/> (such as "EnvironmentOverlay.MinReplicas") is <paramref name="value"/>.</summary>
    private static ServiceDeclaration Counting(string property, int value)
    {
        var (attribute, argument) = (property.Split('.')[0], property.Split('.')[1]);
        return attribute switch
        {
            "KubernetesService" => Declarations.Service([(argument, value)]),
            "DisruptionBudget" => Declarations.Service(("DisruptionBudget", [(argument, value)])),
            _ => Declarations.Service(Overlay("dev", (argument, value))),
        };
    }

    private static (string, object)[] Replicas(int? replicas) => replicas is { } count ? [("Replicas", count)] : [];

    private static (string, (string, object)[]) Autoscaling(int min, int max, params (string, object)[] settings) =>
        ("Autoscaling", [("MinReplicas", min), ("MaxReplicas", max), .. settings]);

    private static (string, (string, object)[]) Overlay(string name, params (string, object)[] arguments) => ("EnvironmentOverlay", [("Name", name), .. arguments]);

    /// <summary>The one finding on the service with <paramref name="attributes"/>: its rule, site and whole message.</summary>
    private static void AssertFinding(Rule rule, Site site, string message, (string Name, object Value)[] service, params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) =>
        AssertFinding(rule, site, message, Declarations.Service(service, attributes));

    private static void AssertFinding(Rule rule, Site site, string message, ServiceDeclaration service) =>
        Declarations.Single(Findings(service), rule, site, message);

    private static List<Finding> Findings((string Name, object Value)[] service, params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) =>
        Declarations.Findings(Declarations.Service(service, attributes), AvailabilityRules.Rules);

    private static List<Finding> Findings(ServiceDeclaration service) => Declarations.Findings(service, AvailabilityRules.Rules);
}
