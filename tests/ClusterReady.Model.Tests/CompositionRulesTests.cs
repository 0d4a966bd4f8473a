using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The composition rules' verdicts on several services together, as a user reads them: a service name declared twice,
/// a [DependsOn] that names no service of the composition (with the services it has, sorted), and a cycle of
/// dependencies (its path, reported once on the [DependsOn] that closes it), each with the service it is on, its whole
/// message and site, on declarations built without compiling source. The composition's build step reports the same
/// findings on compiled services (CompositionTests); a service's own [DependsOn] rules are NameRulesTests'.
/// </summary>
public sealed class CompositionRulesTests
{
    [Fact]
    public void Services_that_depend_on_services_of_the_composition_are_no_finding()
    {
        Assert.Empty(CompositionRules.Check([]));
        Assert.Empty(CompositionRules.Check([Service("orders-api", "inventory-worker", "billing"), Service("inventory-worker", "billing"), Service("billing")]));
    }

    [Fact]
    public void A_dependency_on_no_service_of_the_composition_is_refused_on_it_with_the_services_sorted()
    {
        var orders = Service("orders-api", "inventory-worker", "payments");

        var (service, finding) = Assert.Single(CompositionRules.Check([orders, Service("inventory-worker"), Service("billing")]));

        Assert.Same(orders, service);
        Assert.Equal(RuleCatalog.UnknownDependency.Id, finding.Rule.Id);
        Assert.Equal(
            "Service \"orders-api\" depends on \"payments\", which is not a service of the composition (its services: billing, inventory-worker, orders-api): " +
            "add the project that declares [KubernetesService(\"payments\")] to the composition, or correct the name",
            finding.Message);
        Assert.Equal(new Site(2, "Service", -1), finding.Site);
    }

    [Fact]
    public void A_dependency_without_a_service_name_or_on_itself_is_not_the_composition_s_to_judge()
    {
        // Each is the service's own rule (NamingRules): a name the compiler refuses, or CR9101.
        var service = Declarations.Named("orders-api", ("DependsOn", []), ("DependsOn", [("Service", 5)]), ("DependsOn", [("Service", "orders-api")]));

        Assert.Empty(CompositionRules.Check([service, Service("billing")]));
    }

    [Fact]
    public void A_service_name_declared_again_is_refused_on_each_later_service()
    {
        var first = Service("orders-api");
        var second = Service("orders-api");
        var third = Service("orders-api");

        var findings = CompositionRules.Check([first, Service("billing"), second, third]);

        Assert.Equal([second, third], findings.Select(f => f.Service));
        Assert.All(findings, f => Assert.Equal(
            (RuleCatalog.DuplicateName.Id, new Site(0, "Name", -1), "The service of the composition \"orders-api\" is declared more than once: give each its own name or remove one"),
            (f.Finding.Rule.Id, f.Finding.Site, f.Finding.Message)));
    }

    [Fact]
    public void A_service_named_by_its_assembly_is_refused_on_its_KubernetesService()
    {
        var (_, finding) = Assert.Single(CompositionRules.Check([Service("ordersapi"), Declarations.Named(null)]));

        Assert.Equal(new Site(0, null, -1), finding.Site);
        Assert.Equal("The service of the composition \"ordersapi\" is declared more than once: give each its own name or remove one", finding.Message);
    }

    [Fact]
    public void Only_the_first_service_of_a_name_has_its_dependencies_judged()
    {
        var (_, finding) = Assert.Single(CompositionRules.Check([Service("orders-api"), Service("orders-api", "payments")]));

        Assert.Equal(RuleCatalog.DuplicateName.Id, finding.Rule.Id);
    }

    [Theory]
    // Services in this order, each "name>dependency,dependency"; the cycle, the service and the [DependsOn] that closes it.
    [InlineData("a>b|b>c|c>a|d>a", "a -> b -> c -> a", "c", 1)]
    [InlineData("a>b|b>a", "a -> b -> a", "b", 1)]
    [InlineData("d>a|a>b|b>a", "a -> b -> a", "b", 1)]
    [InlineData("a>z,b|b>a|z", "a -> b -> a", "b", 1)]
    [InlineData("a>b|b>z,a|z", "a -> b -> a", "b", 2)]
    [InlineData("a>b|b>c|c>b", "b -> c -> b", "c", 1)]
    public void A_cycle_is_refused_once_on_the_dependency_that_closes_it_with_its_path(string services, string cycle, string on, int attribute)
    {
        var declared = Parse(services);

        var (service, finding) = Assert.Single(CompositionRules.Check(declared));

        Assert.Equal(on, service.ServiceName);
        Assert.Equal(RuleCatalog.DependencyCycle.Id, finding.Rule.Id);
        Assert.Equal($"The services depend on each other in a cycle ({cycle}), so none of them can start first: remove one [DependsOn] of the cycle", finding.Message);
        Assert.Equal(new Site(attribute, "Service", -1), finding.Site);
    }

    [Theory]
    // A service reached again on another path is done, not a cycle.
    [InlineData("a>b,c|b>d|c>d|d")]
    [InlineData("a>b|c>b|b")]
    [InlineData("a>b|b|c>a,b")]
    public void Dependencies_that_meet_without_a_cycle_are_no_finding(string services) =>
        Assert.Empty(CompositionRules.Check(Parse(services)));

    [Fact]
    public void An_unknown_dependency_is_no_step_of_a_cycle()
    {
        var (_, finding) = Assert.Single(CompositionRules.Check(Parse("a>x,b|b")));

        Assert.Equal(RuleCatalog.UnknownDependency.Id, finding.Rule.Id);
    }

    [Fact]
    public void The_findings_come_names_first_then_unknown_dependencies_then_cycles()
    {
        var findings = CompositionRules.Check([Service("a", "b"), Service("b", "a"), Service("c", "x"), Service("a")]);

        Assert.Equal(
            [RuleCatalog.DuplicateName.Id, RuleCatalog.UnknownDependency.Id, RuleCatalog.DependencyCycle.Id],
            findings.Select(f => f.Finding.Rule.Id));
    }

    /// <summary>"a&gt;b,c|b|c": a depends on b and c; b and c on nothing.</summary>
    private static List<ServiceDeclaration> Parse(string services) =>
        services.Split('|').Select(s => s.Split('>')).Select(s => Service(s[0], s.Length > 1 ? s[1].Split(',') : [])).ToList();

    private static ServiceDeclaration Service(string name, params string[] dependsOn) =>
        Declarations.Named(name, [.. dependsOn.Select(d => ("DependsOn", new[] { ("Service", (object)d) }))]);
}
