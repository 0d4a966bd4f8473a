using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Tests;

/// <summary>The service's name when the attributes give none: the assembly name made a DNS-1035-style label.</summary>
public sealed class ServiceNamesTests
{
    [Theory]
    [InlineData("Orders.Api", "orders-api")]
    [InlineData("az09", "az09")]
    [InlineData("AZ", "az")]
    // Characters just outside the ranges, and runs of them, become one '-'; none at either end.
    [InlineData("a`b{c/d:e@f[g", "a-b-c-d-e-f-g")]
    [InlineData("..Orders__Api..", "orders-api")]
    [InlineData("-a", "a")]
    [InlineData("Ünïcode", "n-code")]
    // Nothing usable: the default name.
    [InlineData("", "app")]
    [InlineData("...", "app")]
    public void An_assembly_name_becomes_a_lowercase_label(string assemblyName, string expected) =>
        Assert.Equal(expected, ServiceNames.FromAssemblyName(assemblyName));

    [Theory]
    [InlineData(63, 63)]
    [InlineData(64, 63)]
    public void A_long_name_is_cut_to_63_characters_without_a_trailing_dash(int length, int expected)
    {
        Assert.Equal(new string('a', expected), ServiceNames.FromAssemblyName(new string('a', length)));
        // Cut where a '-' would end it: the '-' goes too.
        Assert.Equal(new string('a', 62), ServiceNames.FromAssemblyName(new string('a', 62) + ".b" + new string('c', 10)));
    }
}
