using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Tests;

/// <summary>
/// Where the build step says a finding is (Rulebook.Describe), and the pieces every message is built from: the
/// quoted list of suggestions and the code-fix properties.
/// </summary>
public sealed class RulebookTests
{
    private static readonly ServiceDeclaration Service = Declarations.Service(
        ("Resources", [("MemoryLimit", "512Mi")]),
        ("EnvironmentOverlay", [("Name", "production"), ("Replicas", 2)]));

    [Theory]
    [InlineData(-1, null, -1, "KubernetesService")]
    [InlineData(3, "Replicas", -1, "KubernetesService")]
    [InlineData(0, null, -1, "KubernetesService")]
    [InlineData(0, "Replicas", -1, "KubernetesService.Replicas")]
    [InlineData(1, null, -1, "Resources")]
    [InlineData(1, "MemoryLimit", -1, "Resources.MemoryLimit")]
    [InlineData(1, "Hosts", 0, "Resources.Hosts[0]")]
    [InlineData(1, "Hosts", 2, "Resources.Hosts[2]")]
    // An attribute that can be repeated is named by its Name.
    [InlineData(2, "Replicas", -1, "EnvironmentOverlay(\"production\").Replicas")]
    [InlineData(2, null, -1, "EnvironmentOverlay(\"production\")")]
    public void A_site_is_described_in_the_user_s_words(int attribute, string? argument, int element, string expected) =>
        Assert.Equal(expected, Rulebook.Describe(Service, new Site(attribute, argument, element)));

    [Theory]
    [InlineData("", "")]
    [InlineData("a", "\"a\"")]
    [InlineData("a,b", "\"a\" or \"b\"")]
    [InlineData("a,b,c", "\"a\", \"b\" or \"c\"")]
    [InlineData("a,b,c,d", "\"a\", \"b\", \"c\" or \"d\"")]
    public void Suggestions_are_quoted_and_joined_with_or_before_the_last(string values, string expected) =>
        Assert.Equal(expected, FindingProperties.Quote(values.Length == 0 ? [] : values.Split(',')));

    [Fact]
    public void The_code_fix_is_offered_each_replacement_in_order_with_its_note_and_nothing_for_no_fix()
    {
        Assert.Empty(FindingProperties.Replacement(null));
        Assert.Equal([new(FindingProperties.ReplacementProperty + "0", "2")], Sorted(FindingProperties.Replacement("2")));

        // Notes for the first replacements only: the others have none.
        Assert.Equal(
            [
                new(FindingProperties.ReplacementProperty + "0", "500M"),
                new(FindingProperties.ReplacementProperty + "1", "500Mi"),
                new(FindingProperties.ReplacementNoteProperty + "0", "decimal"),
            ],
            Sorted(FindingProperties.Replacements(["500M", "500Mi"], ["decimal"])));
    }

    private static List<KeyValuePair<string, string?>> Sorted(FindingProperties properties) =>
        properties.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
}
