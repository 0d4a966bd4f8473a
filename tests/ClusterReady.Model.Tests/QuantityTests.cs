using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The exact amounts behind the request-within-limit rule and the runtime settings (<see cref="Quantity.ExactAmount"/>),
/// and the comparison's fallback beyond decimal's range. The grammar itself is QuantityGrammarTests' (against apimachinery).
/// </summary>
public sealed class QuantityTests
{
    [Theory]
    [InlineData("1", "1")]
    [InlineData("+2", "2")]
    [InlineData("-1.5Ki", "-1536")]
    [InlineData("250m", "0.25")]
    [InlineData("7n", "0.000000007")]
    [InlineData("3u", "0.000003")]
    [InlineData("1.1k", "1100")]
    [InlineData("2M", "2000000")]
    [InlineData("1G", "1000000000")]
    [InlineData("1T", "1000000000000")]
    [InlineData("1P", "1000000000000000")]
    [InlineData("1E", "1000000000000000000")]
    [InlineData("512Mi", "536870912")]
    [InlineData("1Gi", "1073741824")]
    [InlineData("1Ti", "1099511627776")]
    [InlineData("1Pi", "1125899906842624")]
    [InlineData("1Ei", "1152921504606846976")]
    [InlineData("1e3", "1000")]
    [InlineData("1E+3", "1000")]
    [InlineData("15e-1", "1.5")]
    [InlineData("0e999999", "0")]
    public void A_quantity_is_its_exact_amount_in_base_units(string quantity, string amount) =>
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Quantity.ExactAmount(quantity));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("1 Gi")]
    // Beyond decimal's range (about 7.9 x 10^28).
    [InlineData("1e30")]
    [InlineData("100000000000000000000000000000000")]
    [InlineData("100000000000Ei")]
    public void Not_a_quantity_or_beyond_decimal_is_no_exact_amount(string? quantity) => Assert.Null(Quantity.ExactAmount(quantity));

    [Theory]
    [InlineData("1e30", "1e29", true)]
    [InlineData("1e29", "1e30", false)]
    [InlineData("1e30", "1", true)]
    [InlineData("1e30", "1e30", false)]
    [InlineData("1384m", "1.384", false)]
    public void Above_compares_exactly_and_beyond_decimal_as_doubles(string request, string limit, bool above) =>
        Assert.Equal(above, Quantity.IsAbove(request, limit));
}
