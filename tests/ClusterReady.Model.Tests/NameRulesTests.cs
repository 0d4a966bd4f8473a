using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The name sanitizers' exact output (the code fixes offer it) and the selector and ASCII helpers; that each sanitizer's
/// output is valid on generated input is NamePropertyTests', the validators against Kubernetes NameGrammarTests'.
/// </summary>
public sealed class NameRulesTests
{
    [Theory]
    [InlineData("Orders.API", false, "orders-api")]
    [InlineData("Orders__Db", false, "orders-db")]
    [InlineData("-orders-", false, "orders")]
    [InlineData("2fa-service", false, "2fa-service")]
    [InlineData("2fa-service", true, "fa-service")]
    [InlineData("123", true, null)]
    [InlineData("___", false, null)]
    [InlineData(null, false, null)]
    public void The_nearest_dns_label(string? value, bool startWithLetter, string? label) =>
        Assert.Equal(label, NameRules.ToDns1123Label(value, startWithLetter));

    [Fact]
    public void A_label_is_cut_to_63_characters_without_a_trailing_dash()
    {
        Assert.Equal(new string('a', 62), NameRules.ToDns1123Label(new string('a', 62) + "_b"));
        Assert.Equal(new string('a', 63), NameRules.ToDns1123Label(new string('a', 63) + "b"));
    }

    [Theory]
    [InlineData("Orders_DB", "orders-db")]
    [InlineData("orders-.db", "orders.db")]
    [InlineData("orders..db", "orders.db")]
    [InlineData("orders.-db", "orders.db")]
    [InlineData(".orders.", "orders")]
    [InlineData("a b-c", "a-b-c")]
    public void The_nearest_dns_subdomain(string value, string subdomain) => Assert.Equal(subdomain, NameRules.ToDns1123Subdomain(value));

    [Fact]
    public void Sanitizing_stops_at_512_characters_and_cuts_a_subdomain_to_253()
    {
        Assert.Equal(new string('a', 253), NameRules.ToDns1123Subdomain(new string('a', 600)));
        Assert.Equal(new string('a', 252), NameRules.ToDns1123Subdomain(new string('a', 252) + ".b"));
    }

    [Theory]
    [InlineData("HTTP_Metrics", "http-metrics")]
    [InlineData("8080", "port-8080")]
    [InlineData("http.metrics", "http-metrics")]
    [InlineData("metrics-and-more-x", "metrics-and-mor")]
    [InlineData("metrics-and-m-x", "metrics-and-m-x")]
    [InlineData("metrics-and-mo-x", "metrics-and-mo")]
    [InlineData("123456789012", "port-1234567890")]
    [InlineData("", null)]
    [InlineData("--", null)]
    public void The_nearest_port_name(string value, string? name) => Assert.Equal(name, NameRules.ToPortName(value));

    [Theory]
    [InlineData("Orders:BatchSize", "Orders__BatchSize")]
    [InlineData(" Orders:Retry:Count ", "Orders__Retry__Count")]
    [InlineData(":BatchSize", "__BatchSize")]
    [InlineData("Orders__BatchSize", null)]
    [InlineData("Orders: Batch Size", null)]
    [InlineData(null, null)]
    public void A_configuration_key_as_its_environment_variable(string? key, string? variable) =>
        Assert.Equal(variable, NameRules.ToEnvironmentVariableName(key));

    [Fact]
    public void Only_ascii_capitals_are_lowered()
    {
        // '@' and '[' are the characters either side of 'A'..'Z'; the Kelvin sign and 'É' are not ASCII.
        Assert.Equal("@az[orders-api_\u212A\u00C9", NameRules.LowerAscii("@AZ[Orders-API_\u212A\u00C9"));
    }

    [Fact]
    public void A_selector_is_key_value_pairs_sorted_by_key()
    {
        var labels = NameRules.ParseSelector("tier = web, app.kubernetes.io/name=orders");

        Assert.Equal([("app.kubernetes.io/name", "orders"), ("tier", "web")], labels!.Select(l => (l.Key, l.Value)));
        Assert.True(NameRules.IsLabelSelector("app=orders"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("app")]
    [InlineData("app=orders=x")]
    [InlineData("app=orders,app=web")]
    [InlineData("-app=orders")]
    [InlineData("app=-orders")]
    [InlineData("app=orders,")]
    public void Not_a_selector(string? selector)
    {
        Assert.Null(NameRules.ParseSelector(selector));
        Assert.False(NameRules.IsLabelSelector(selector));
    }
}
