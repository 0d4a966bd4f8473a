using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Tests;

/// <summary>The availability rules on environments, on declarations built without compiling source (the analyzers' cases: ShutdownAndAvailabilityAnalyzerTests).</summary>
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
    }
}
