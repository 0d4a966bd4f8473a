using System.Reflection;
using System.Text.RegularExpressions;
using ClusterReady.Generators.Analyzers;
using ClusterReady.Model.Rules;
using Microsoft.CodeAnalysis;

namespace ClusterReady.Analyzers.Tests;

/// <summary>The rule catalogue stays consistent: ids, help pages, release tracking and the documentation table.</summary>
public sealed partial class CatalogTests
{
    private static readonly IReadOnlyList<DiagnosticDescriptor> Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToList();

    public static TheoryData<string> Ids => new(RuleCatalog.All.Select(r => r.Id));

    [Fact]
    public void There_are_at_least_fifteen_rules_with_unique_well_formed_ids()
    {
        Assert.True(Descriptors.Count >= 15);
        Assert.Equal(Descriptors.Count, Descriptors.Select(d => d.Id).Distinct().Count());
        Assert.All(Descriptors, d => Assert.Matches("^CR[1-9][0-9]{3}$", d.Id));
    }

    [Fact]
    public void The_compiler_descriptors_are_the_rulebook_catalog_word_for_word()
    {
        // The build step prints RuleCatalog's text; the IDE shows the descriptors': they must be the same rules, but
        // for the composition's rules, which need every service and so no analyzer can report.
        var analyzed = RuleCatalog.All.Except(RuleCatalog.CompositionRules).ToList();
        Assert.Equal(analyzed.Select(r => r.Id).Order(), Descriptors.Select(d => d.Id).Order());
        foreach (var rule in analyzed)
        {
            var descriptor = Descriptors.Single(d => d.Id == rule.Id);
            Assert.Equal(rule.Title, descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(rule.MessageFormat, descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(rule.HelpLink, descriptor.HelpLinkUri);
            Assert.Equal(rule.Severity.ToString(), descriptor.DefaultSeverity.ToString());
        }
    }

    [Fact]
    public void Every_rule_is_reported_by_exactly_one_analyzer()
    {
        var supported = AnalyzerRunner.All.SelectMany(a => a.SupportedDiagnostics.Select(d => d.Id)).ToList();
        Assert.Equal(Descriptors.Select(d => d.Id).Order(), supported.Order());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_rule_has_its_help_page_and_is_tracked_and_listed(string id)
    {
        var rule = RuleCatalog.All.Single(r => r.Id == id);
        Assert.Equal($"https://github.com/clusterready/clusterready/blob/main/docs/rules/{id}.md", rule.HelpLink);

        var page = File.ReadAllText(Repository.Path("docs", "rules", id + ".md"));
        Assert.StartsWith($"# {id}: {rule.Title}", page, StringComparison.Ordinal);
        Assert.Contains("## Bad", page, StringComparison.Ordinal);
        Assert.Contains("## Good", page, StringComparison.Ordinal);

        // The release tracking lists the analyzers' diagnostics; the composition's rules are not diagnostics.
        var unshipped = File.ReadAllText(Repository.Path("generators", "ClusterReady.Generators", "AnalyzerReleases.Unshipped.md"));
        Assert.Equal(!RuleCatalog.CompositionRules.Contains(rule), Regex.IsMatch(unshipped, $@"^{id} \|", RegexOptions.Multiline));
        if (!RuleCatalog.CompositionRules.Contains(rule))
        {
            Assert.Matches(new Regex($@"^{id} \| {Regex.Escape(rule.Category)} \| {rule.Severity} \|", RegexOptions.Multiline), unshipped);
        }

        var catalogue = File.ReadAllText(Repository.Path("docs", "rules", "README.md"));
        Assert.Contains($"| [{id}]({id}.md) | {rule.Severity} |", catalogue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_samples_have_no_ClusterReady_warnings_or_errors()
    {
        foreach (var sample in new[] { "OrdersApi", "InventoryWorker" })
        {
            var source = await File.ReadAllTextAsync(Repository.Path("samples", sample, "Deployment.cs"));
            var diagnostics = await AnalyzerRunner.RunAsync(source);

            Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || (d.Id.StartsWith("CR", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Warning)));
        }
    }
}
