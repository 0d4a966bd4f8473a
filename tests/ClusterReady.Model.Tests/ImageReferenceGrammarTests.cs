using System.Text.RegularExpressions;
using ClusterReady.Model.Rules;
using CsCheck;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The image repository and tag grammar (<see cref="NameRules.IsImageRepository"/>, <see cref="NameRules.IsImageTag"/>)
/// against the reference grammar of the distribution project (github.com/distribution/reference, regexp.go), on
/// generated references. The oracle restates that grammar, not the product's code. The product is deliberately stricter
/// in three places, which the generators stay inside and the cases below pin: a host is at most 253 characters (a DNS
/// subdomain), a port at most 5 digits, and no bracketed IPv6 host.
/// </summary>
public sealed class ImageReferenceGrammarTests
{
    private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";

    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";

    /// <summary>distribution's anchored name: an optional domain and port before '/', then path components.</summary>
    private static readonly Regex Name = new(
        $@"\A(?:{DomainComponent}(?:\.{DomainComponent})*(?::[0-9]+)?/)?{PathComponent}(?:/{PathComponent})*\z", RegexOptions.CultureInvariant);

    /// <summary>distribution's tag: <c>[\w][\w.-]{0,127}</c>, \w being ASCII in Go.</summary>
    private static readonly Regex Tag = new(@"\A[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z", RegexOptions.CultureInvariant);

    /// <summary>
    /// Path components: runs of [a-z0-9] joined by a separator, valid or not (".", "_", "__", dashes; "___", ".."), or
    /// text with the characters a component does not take.
    /// </summary>
    private static readonly Gen<string> Component = Gen.Frequency(
        (3, Gen.Select(
            Gen.String[Gen.Char["abz09"], 1, 4].Array[1, 3],
            Gen.OneOf(Gen.Const("."), Gen.Const("_"), Gen.Const("__"), Gen.Const("-"), Gen.Const("---"), Gen.Const("___"), Gen.Const(".."), Gen.Const("._")),
            (runs, separator) => string.Join(separator, runs))),
        (1, Gen.String[Gen.Char["abz09._-A:@ \u00E9"], 0, 9]));

    /// <summary>Host-ish text: labels of either case with '-', short enough for DNS, then perhaps a port of up to 5 digits.</summary>
    private static readonly Gen<string> Host = Gen.Select(
        Gen.String[Gen.Char["aZ09-_"], 0, 8].Array[1, 4],
        Gen.OneOf(Gen.Const(""), Gen.String[Gen.Char["0123456789"], 0, 5].Select(port => ":" + port), Gen.Const(":x")),
        (labels, port) => string.Join(".", labels) + port);

    private static readonly Gen<string> References = Gen.Select(
        Gen.Bool, Host, Component.Array[1, 4],
        (hosted, host, path) => (hosted ? host + "/" : "") + string.Join("/", path));

    [Fact]
    public void Image_repositories_are_judged_as_the_distribution_grammar_judges_them()
    {
        int accepted = 0, rejected = 0;
        References.Sample(reference =>
        {
            var expected = reference.Length <= 255 && Name.IsMatch(reference);
            Interlocked.Increment(ref expected ? ref accepted : ref rejected);
            return NameRules.IsImageRepository(reference) == expected;
        }, iter: 20_000, print: reference => $"\"{reference}\": distribution {(Name.IsMatch(reference) ? "accepts" : "rejects")} it");

        // Enough of each verdict that a generator gone wrong fails the test.
        Assert.True(accepted >= 2_000 && rejected >= 2_000, $"{accepted} accepted, {rejected} rejected");
    }

    [Fact]
    public void Image_tags_are_judged_as_the_distribution_grammar_judges_them() =>
        Gen.OneOf(Gen.String[Gen.Char["aZ09_.-:@/ \u00E9"], 0, 6], Gen.String[Gen.Char["a1_."], 120, 135]).Sample(
            tag => NameRules.IsImageTag(tag) == Tag.IsMatch(tag), iter: 10_000, print: tag => $"\"{tag}\" ({tag.Length} characters)");

    [Theory]
    [InlineData("orders-api", true)]
    [InlineData("team/orders-api", true)]
    [InlineData("registry.example.com:5000/team/orders-api", true)]
    [InlineData("Registry.Example.COM/team/orders-api", true)]
    [InlineData("localhost:5000/orders", true)]
    [InlineData("a__b/c.d/e---f", true)]
    [InlineData("a___b", false)]
    [InlineData("a..b", false)]
    [InlineData("a-", false)]
    [InlineData("-a", false)]
    [InlineData("Orders-api", false)]
    [InlineData("host:5000", false)]
    [InlineData("host:/orders", false)]
    [InlineData("/orders", false)]
    [InlineData("orders/", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    // Stricter than distribution: a port of more than 5 digits, a bracketed IPv6 host.
    [InlineData("registry:123456/orders", false)]
    [InlineData("registry:12345/orders", true)]
    [InlineData("[::1]:5000/orders", false)]
    public void Image_repository_cases(string? repository, bool valid) => Assert.Equal(valid, NameRules.IsImageRepository(repository));

    [Fact]
    public void A_repository_is_at_most_255_characters_and_its_host_at_most_253()
    {
        var host253 = new string('r', 60) + "." + new string('e', 60) + "." + new string('g', 60) + "." + new string('i', 70);
        Assert.True(NameRules.IsImageRepository(host253 + "/o"));
        Assert.False(NameRules.IsImageRepository(host253 + "y/o"));

        var path255 = "a/" + new string('b', 253);
        Assert.True(NameRules.IsImageRepository(path255));
        Assert.False(NameRules.IsImageRepository(path255 + "b"));
    }

    [Theory]
    [InlineData("ConnectionStrings__Orders", "connection-strings-orders")]
    [InlineData("Orders:SigningKey", "orders-signing-key")]
    [InlineData("OrdersAPI", "orders-api")]
    [InlineData("APIKey", "apikey")]
    [InlineData("Orders2Db", "orders2-db")]
    [InlineData("orders-_-api", "orders-api")]
    [InlineData("__Lead__", "lead")]
    [InlineData("a.b", "a-b")]
    [InlineData("", "value")]
    [InlineData("___", "value")]
    [InlineData("\u00E9t\u00E9", "t")]
    public void A_configuration_name_becomes_a_conventional_secret_key(string name, string key) => Assert.Equal(key, NameRules.ToConfigKey(name));

    [Fact]
    public void A_long_configuration_name_is_cut_to_253_characters_without_a_trailing_dash()
    {
        var key = NameRules.ToConfigKey(new string('a', 252) + "_B" + new string('c', 10));

        Assert.Equal(new string('a', 252), key);
    }

    [Fact]
    public void Every_configuration_name_becomes_a_valid_key() =>
        Gen.String[Gen.Char["aZ09_:.-\u00E9 "], 0, 300].Sample(
            name => NameRules.IsConfigKey(NameRules.ToConfigKey(name)), iter: 5_000, print: name => $"\"{name}\" -> \"{NameRules.ToConfigKey(name)}\"");
}
