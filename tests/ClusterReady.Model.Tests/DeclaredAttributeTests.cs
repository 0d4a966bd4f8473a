using ClusterReady.Model.Declaration;

namespace ClusterReady.Model.Tests;

/// <summary>
/// How the rules read an attribute as declared: each value by its kind (a value of another kind reads as not set, never
/// a throw), constructor arguments by parameter name ignoring case and before named ones, where each argument and
/// array element is written, and the names a message uses. The rule tests read attributes through these on every case.
/// </summary>
public sealed class DeclaredAttributeTests
{
    private static readonly DeclaredAttribute Attribute = new("ClusterReady.ResourcesAttribute", 3, new[]
    {
        new DeclaredArgument("text", ArgumentKind.String, Text: "from the constructor", IsConstructorArgument: true),
        new DeclaredArgument("Text", ArgumentKind.String, Text: "named"),
        new DeclaredArgument("Named", ArgumentKind.String, Text: "named only"),
        new DeclaredArgument("Count", ArgumentKind.Int, Number: 7),
        new DeclaredArgument("Big", ArgumentKind.Long, Number: 5_000_000_000),
        new DeclaredArgument("Flag", ArgumentKind.Bool, Flag: true),
        new DeclaredArgument("Hosts", ArgumentKind.Strings, Items: new[] { new NullableString("a"), new NullableString(null), new NullableString("b") }.ToEquatableArray(), WrittenElements: 3),
        new DeclaredArgument("hosts", ArgumentKind.Strings, Items: new[] { new NullableString("ctor") }.ToEquatableArray(), IsConstructorArgument: true, WrittenElements: 1),
        new DeclaredArgument("Paths", ArgumentKind.Strings, Items: new[] { new NullableString("/x"), new NullableString(null) }.ToEquatableArray(), WrittenElements: 2),
        new DeclaredArgument("Defaulted", ArgumentKind.Int, Number: 1, Written: false, WrittenElements: 4),
        new DeclaredArgument("Nothing", ArgumentKind.Null, IsNullLiteral: true),
        new DeclaredArgument("Other", ArgumentKind.Other),
    }.ToEquatableArray());

    [Fact]
    public void Names_are_the_attribute_without_namespace_or_suffix()
    {
        Assert.Equal("Resources", Attribute.ShortName);
        Assert.Equal("[Resources]", Attribute.DisplayName);
        Assert.Equal("Resources.MemoryLimit", Attribute.Property("MemoryLimit"));
        Assert.Equal("Ingress", new DeclaredAttribute("IngressAttribute", 0, default).ShortName);
        Assert.Same(Attribute, Attribute.Read);
    }

    [Fact]
    public void A_constructor_argument_is_found_by_its_parameter_name_ignoring_case_before_a_named_one()
    {
        Assert.Equal("from the constructor", Attribute.String("Text"));
        Assert.Equal("from the constructor", Attribute.String("TEXT"));
        // A named argument's name is matched exactly.
        Assert.Equal("named only", Attribute.String("Named"));
        Assert.Null(Attribute.String("named"));
    }

    [Theory]
    [InlineData("Count", null, 7, 7L, null)]
    [InlineData("Big", null, null, 5_000_000_000L, null)]
    [InlineData("Flag", null, null, null, true)]
    [InlineData("Named", "named only", null, null, null)]
    [InlineData("Nothing", null, null, null, null)]
    [InlineData("Other", null, null, null, null)]
    [InlineData("Missing", null, null, null, null)]
    public void A_value_reads_only_as_its_own_kind(string name, string? text, int? number, long? wide, bool? flag)
    {
        Assert.Equal(text, Attribute.String(name));
        Assert.Equal(number, Attribute.Int(name));
        Assert.Equal(wide, Attribute.Long(name));
        Assert.Equal(flag, Attribute.Bool(name));
    }

    [Theory]
    [InlineData("Named", "named only")]
    [InlineData("Nothing", "")]
    [InlineData("Count", null)]
    [InlineData("Missing", null)]
    public void A_required_string_is_its_value_empty_for_an_explicit_null_and_null_when_missing(string name, string? expected) =>
        Assert.Equal(expected, Attribute.RequiredString(name));

    [Fact]
    public void Array_elements_read_in_order_with_or_without_the_ones_that_are_not_strings()
    {
        Assert.Equal(["/x"], Attribute.Strings("Paths"));
        Assert.Equal(["/x", null], Attribute.StringElements("Paths"));
        // A constructor argument's elements are its values, but not named elements.
        Assert.Equal(["ctor"], Attribute.Strings("Hosts"));
        Assert.Empty(Attribute.StringElements("Hosts"));
        Assert.Empty(Attribute.Strings("Named"));
        Assert.Empty(Attribute.StringElements("Named"));
        Assert.Empty(Attribute.Strings("Missing"));
    }

    [Fact]
    public void A_finding_sits_on_the_written_argument_and_element_else_on_the_attribute()
    {
        Assert.Equal(new Site(3, null, -1), Attribute.Location);
        Assert.Equal(new Site(3, "Count", -1), Attribute.LocationOf("Count"));
        Assert.Equal(new Site(3, null, -1), Attribute.LocationOf("Defaulted"));
        Assert.Equal(new Site(3, null, -1), Attribute.LocationOf("Missing"));
        Assert.True(Attribute.IsWritten("Count"));
        Assert.False(Attribute.IsWritten("Defaulted"));
        Assert.False(Attribute.IsWritten("Missing"));

        Assert.Equal([new Site(3, "Paths", 0), new Site(3, "Paths", 1)], Attribute.ElementLocations("Paths"));
        Assert.Empty(Attribute.ElementLocations("Defaulted"));
        Assert.Empty(Attribute.ElementLocations("Missing"));
    }

    [Fact]
    public void Equal_items_make_equal_arrays_whatever_their_storage()
    {
        var items = new[] { new NullableString("a"), new NullableString(null) }.ToEquatableArray();

        Assert.Equal(new[] { new NullableString("a"), new NullableString(null) }.ToEquatableArray(), items);
        Assert.Equal(items.GetHashCode(), new[] { new NullableString("a"), new NullableString(null) }.ToEquatableArray().GetHashCode());
        Assert.True(items == new[] { new NullableString("a"), new NullableString(null) }.ToEquatableArray());
        Assert.True(items != new[] { new NullableString("a") }.ToEquatableArray());
        Assert.False(items.Equals(new[] { new NullableString("a"), new NullableString("b") }.ToEquatableArray()));
        Assert.False(items.Equals((object)"a"));
        Assert.Equal(2, items.Count);
        Assert.Equal(new NullableString(null), items[1]);

        // Empty, default and Empty are one value.
        Assert.Equal(default, EquatableArray<NullableString>.Empty);
        Assert.Equal(default(EquatableArray<NullableString>).GetHashCode(), Array.Empty<NullableString>().ToEquatableArray().GetHashCode());
        Assert.Equal(0, default(EquatableArray<NullableString>).Count);
        Assert.Empty(default(EquatableArray<NullableString>));
    }
}
