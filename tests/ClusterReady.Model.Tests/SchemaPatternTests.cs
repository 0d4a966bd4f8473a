using System.Text.RegularExpressions;
using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The regular expressions the Helm chart's values.schema.json carries are the grammars themselves: on the generated
/// corpus each pattern accepts exactly what the grammar's method accepts. A match counts only when it covers the whole
/// text, as with RE2's and ECMAScript's '$' (.NET's '$' also matches before a final "\n").
/// </summary>
public sealed class SchemaPatternTests
{
    [Fact]
    public void The_quantity_patterns_accept_exactly_what_the_quantity_grammar_accepts()
    {
        var corpus = GrammarCorpus.Quantities(20_000);
        var any = new Regex(Quantity.Pattern, RegexOptions.CultureInvariant);
        var nonNegative = new Regex(Quantity.NonNegativePattern, RegexOptions.CultureInvariant);
        var disagreements = new List<string>();
        var accepted = 0;
        foreach (var text in corpus)
        {
            var parsed = Quantity.TryParse(text, out _, out _);
            var request = parsed && !Quantity.IsNegative(text);
            accepted += request ? 1 : 0;
            if (IsFullMatch(any, text) != parsed)
            {
                disagreements.Add($"{GrammarCorpus.Show(text)}: Quantity.TryParse {parsed}, Pattern {!parsed}");
            }

            if (IsFullMatch(nonNegative, text) != request)
            {
                disagreements.Add($"{GrammarCorpus.Show(text)}: a valid request {request}, NonNegativePattern {!request}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Take(30)));
        Assert.InRange(accepted, 3_000, corpus.Count - 3_000);
    }

    [Theory]
    [InlineData("512Mi", true)]
    [InlineData("512MB", false)]
    [InlineData("0.5", true)]
    [InlineData("-0", true)]
    [InlineData("-1", false)]
    [InlineData("1e9223372036854775807", true)]
    [InlineData("1e9223372036854775808", false)]
    [InlineData("1e-9223372036854775808", true)]
    [InlineData("1e-9223372036854775809", false)]
    [InlineData("1e000000000000009223372036854775807", true)]
    [InlineData("1Mi\n", false)]
    public void The_edges_of_the_request_pattern_are_the_grammars(string text, bool valid)
    {
        Assert.Equal(valid, Quantity.TryParse(text, out _, out _) && !Quantity.IsNegative(text));
        Assert.Equal(valid, IsFullMatch(new Regex(Quantity.NonNegativePattern), text));
    }

    [Fact]
    public void The_label_pattern_with_its_length_condition_is_the_grammar() =>
        Prove(NameGrammar.Dns1123Label, NameRules.IsDns1123Label,
            text => IsFullMatch(new Regex(NameRules.Dns1123LabelPattern), text) && text.Length <= NameRules.MaxLabelLength);

    [Fact]
    public void The_environment_variable_name_pattern_is_the_grammar() =>
        Prove(NameGrammar.EnvironmentVariableName, NameRules.IsEnvironmentVariableName,
            text => IsFullMatch(new Regex(NameRules.EnvironmentVariableNamePattern), text));

    [Fact]
    public void The_ingress_host_pattern_with_its_length_and_address_conditions_is_the_grammar() =>
        Prove(NameGrammar.IngressHost, NameRules.IsIngressHost,
            text => IsFullMatch(new Regex(NameRules.IngressHostPattern), text)
                && text.Length <= NameRules.MaxSubdomainLength
                && !IsFullMatch(new Regex(NameRules.IPv4AddressPattern), text));

    [Theory]
    [InlineData("1.4.2", true)]
    [InlineData("_latest", true)]
    [InlineData("-rc1", false)]
    [InlineData("a:b", false)]
    [InlineData("", false)]
    public void The_image_tag_pattern_is_the_grammar(string tag, bool valid)
    {
        Assert.Equal(valid, NameRules.IsImageTag(tag));
        Assert.Equal(valid, IsFullMatch(new Regex(NameRules.ImageTagPattern), tag));
        Assert.False(IsFullMatch(new Regex(NameRules.ImageTagPattern), new string('a', 129)));
    }

    private static void Prove(NameGrammar grammar, Func<string, bool> method, Func<string, bool> pattern)
    {
        var corpus = GrammarCorpus.Names(grammar, 12_000);
        var disagreements = corpus.Where(text => method(text) != pattern(text))
            .Select(text => $"{GrammarCorpus.Show(text)}: method {method(text)}, pattern {pattern(text)}").Take(30).ToList();
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.InRange(corpus.Count(method), 1_000, corpus.Count - 1_000);
    }

    private static bool IsFullMatch(Regex regex, string text) => regex.Match(text) is { Success: true } match && match.Length == text.Length;
}
