using System.Text.Json;
using CsCheck;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The contract's own small JSON parser against System.Text.Json, written by other people: for texts built from JSON's
/// grammar with mistakes mixed in, both accept the same texts and read the same values; the refusals name the mistake
/// and its offset; nesting is bounded.
/// </summary>
public sealed class ModelJsonNodeTests
{
    private static readonly Gen<string> Space = Gen.OneOf(Gen.Const(""), Gen.Const(""), Gen.String[Gen.Char[" \t\n\r"], 1, 2], Gen.Const("\u00a0"), Gen.Const("\f"));

    private static readonly Gen<string> Number = Gen.OneOf(
        Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Long.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.OneOf("0", "-0", "1.5", "-0.25", "1e5", "1E+2", "2e-3", "10.0e1", "2147483648", "-2147483649", "9223372036854775808"),
        // Not numbers in JSON.
        Gen.OneOf("01", "1.", ".5", "-", "+1", "1e", "1e+", "0x10", "NaN", "--1", "1.e2"));

    private static readonly Gen<string> Literal = Gen.OneOf("true", "false", "null", "tru", "nul", "False", "nulll");

    private static readonly Gen<string> StringPart = Gen.OneOf(
        Gen.String[Gen.Char["aZ09 /\u00e9\u2028"], 0, 3],
        Gen.OneOf("\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u00e9", "\\u0041", "\\uD83D\\uDE00", "\\u00", "\\x", "\\", "\t", "\u0001", "\""));

    private static readonly Gen<string> String = StringPart.Array[0, 3].Select(parts => "\"" + string.Concat(parts) + "\"");

    private static readonly Gen<string> Json = Value(depth: 0);

    [Fact]
    public void It_accepts_what_System_Text_Json_accepts_and_reads_the_same_values() =>
        Json.Select(Space, Space, Gen.OneOf(Gen.Const(""), Gen.Const(""), Gen.Const("x"), Gen.Const(",")), (json, before, after, tail) => before + json + after + tail).Sample(
            text =>
            {
                JsonDocument? expected;
                try
                {
                    expected = JsonDocument.Parse(text);
                }
                catch (JsonException)
                {
                    expected = null;
                }

                using (expected)
                {
                    if (expected is null)
                    {
                        Assert.Throws<FormatException>(() => ModelJsonNode.Parse(text));
                    }
                    else
                    {
                        AssertSame(expected.RootElement, ModelJsonNode.Parse(text));
                    }
                }
            },
            iter: 20_000);

    // Found by the property above (seed 0ZziENI_d8H1): half a surrogate pair in a member name, which System.Text.Json
    // accepts in the text but will not read; the contract's parser reads it as written, as in a value.
    [Fact]
    public void Half_a_surrogate_pair_in_a_member_name_reads_as_written()
    {
        var node = ModelJsonNode.Parse("{\"\\\\uD83D\\uDE00\\u00e9\":\"\\uDE00\"}");

        var member = Assert.Single(node.Members);
        Assert.Equal("\\uD83D\uDE00\u00e9", member.Key);
        Assert.Equal("\uDE00", member.Value.String);
    }

    [Theory]
    [InlineData("", "the end of the text where a value belongs at offset 0")]
    [InlineData("  ", "the end of the text where a value belongs at offset 2")]
    [InlineData("[1,", "the end of the text where a value belongs at offset 3")]
    [InlineData("1 2", "text after the JSON value at offset 2")]
    [InlineData("{1:2}", "no member name at offset 1")]
    [InlineData("{\"a\"}", "no ':' after a member name at offset 4")]
    [InlineData("{\"a\":1 \"b\":2}", "no ',' or '}' after a member at offset 7")]
    [InlineData("[1 2]", "no ',' or ']' after an item at offset 3")]
    [InlineData("\"abc", "a string without its closing quote at offset 4")]
    [InlineData("\"a\u0001\"", "a control character in a string at offset 2")]
    [InlineData("\"a\\", "an escape at the end of the text at offset 3")]
    [InlineData("\"\\u12\"", "a \\u escape without four hex digits at offset 3")]
    [InlineData("\"\\u12", "a \\u escape without four hex digits at offset 3")]
    // Four hex digits that end the text: the escape is whole, the string is not.
    [InlineData("\"\\u0041", "a string without its closing quote at offset 7")]
    [InlineData("\"\\q\"", "the unknown escape '\\q' at offset 2")]
    [InlineData("-", "no value at offset 1")]
    [InlineData("tru", "no value at offset 0")]
    [InlineData("1.", "no digit after a decimal point at offset 2")]
    [InlineData("1e+", "no digit in an exponent at offset 3")]
    [InlineData("1E-x", "no digit in an exponent at offset 3")]
    public void A_refusal_names_the_mistake_and_its_offset(string json, string what) =>
        Assert.Equal($"The ClusterReady deployment model is not valid JSON: {what}.", Assert.Throws<FormatException>(() => ModelJsonNode.Parse(json)).Message);

    [Fact]
    public void Nesting_is_bounded_at_64_levels_below_the_root()
    {
        Assert.Equal(ModelJsonKind.Array, ModelJsonNode.Parse(new string('[', 65) + new string(']', 65)).Kind);
        Assert.Equal(ModelJsonKind.Object, ModelJsonNode.Parse(string.Concat(Enumerable.Repeat("{\"a\":", 64)) + "1" + new string('}', 64)).Kind);

        var tooDeep = Assert.Throws<FormatException>(() => ModelJsonNode.Parse(new string('[', 66) + new string(']', 66)));
        Assert.Equal("The ClusterReady deployment model is not valid JSON: nesting deeper than 64 at offset 65.", tooDeep.Message);
        var tooDeepObjects = Assert.Throws<FormatException>(() => ModelJsonNode.Parse(string.Concat(Enumerable.Repeat("{\"a\":", 65)) + "1" + new string('}', 65)));
        Assert.Equal("The ClusterReady deployment model is not valid JSON: nesting deeper than 64 at offset 325.", tooDeepObjects.Message);
    }

    [Theory]
    [InlineData("2147483647", 2147483647L, 2147483647L)]
    [InlineData("-2147483648", -2147483648L, -2147483648L)]
    [InlineData("2147483648", null, 2147483648L)]
    [InlineData("-9223372036854775808", null, long.MinValue)]
    [InlineData("9223372036854775808", null, null)]
    [InlineData("1.0", null, null)]
    [InlineData("1e3", null, null)]
    [InlineData("\"1\"", null, null)]
    [InlineData("true", null, null)]
    public void Whole_numbers_read_as_int_and_long_within_their_range_only(string json, long? asInt, long? asLong)
    {
        var node = ModelJsonNode.Parse(json);

        Assert.Equal(asInt, node.TryGetInt32(out var i) ? i : null);
        Assert.Equal(0, asInt is null ? i : 0);
        Assert.Equal(asLong, node.TryGetInt64(out var l) ? l : null);
        Assert.Equal(0, asLong is null ? l : 0);
    }

    [Fact]
    public void Only_a_string_has_a_string_value_and_only_containers_have_members_or_items()
    {
        var node = ModelJsonNode.Parse("{\"s\":\"x\",\"n\":1,\"a\":[true],\"o\":{},\"z\":null}");

        Assert.Equal(["s", "n", "a", "o", "z"], node.Members.Select(m => m.Key));
        Assert.Equal(["x", null, null, null, null], node.Members.Select(m => m.Value.String));
        Assert.Equal([ModelJsonKind.String, ModelJsonKind.Number, ModelJsonKind.Array, ModelJsonKind.Object, ModelJsonKind.Null], node.Members.Select(m => m.Value.Kind));
        Assert.Equal(ModelJsonKind.True, Assert.Single(node.Members[2].Value.Items).Kind);
        Assert.Empty(node.Members[0].Value.Members);
        Assert.Empty(node.Members[0].Value.Items);
        Assert.Empty(node.Items);
    }

    private static Gen<string> Value(int depth) => depth >= 4
        ? Gen.OneOf(Number, Literal, String)
        : Gen.Frequency(
            (2, Number),
            (1, Literal),
            (2, String),
            (1, Gen.Select(Value(depth + 1), Space).Array[0, 3].Select(Space, Gen.Bool, (items, inner, trailingComma) =>
                "[" + inner + string.Join(",", items.Select(i => i.Item1 + i.Item2)) + (trailingComma && items.Length > 0 ? "," : "") + "]")),
            (1, Gen.Select(Space, String, Space, Value(depth + 1)).Array[0, 3].Select(Gen.Int[0, 9], Space, (members, missing, inner) =>
                "{" + inner + string.Join(",", members.Select(m => m.Item1 + m.Item2 + m.Item3 + (missing == 0 ? "" : ":") + m.Item4)) + "}")));

    /// <summary>Whether <paramref name="text"/> is whole UTF-16: no half of a surrogate pair on its own.</summary>
    internal static bool IsWellFormed(string text) =>
        System.Text.Unicode.Utf8.FromUtf16(text, new byte[text.Length * 3], out _, out _, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done;

    /// <summary>
    /// A string value or member name both read alike; for escapes of half a surrogate pair (<c>\uDE00</c> alone), which
    /// System.Text.Json accepts in the text but will not read, System.Text.Json's refusal.
    /// </summary>
    private static void AssertSameText(Func<string?> expected, string actual)
    {
        if (IsWellFormed(actual))
        {
            Assert.Equal(expected(), actual);
        }
        else
        {
            Assert.Throws<InvalidOperationException>(() => expected());
        }
    }

    private static void AssertSame(JsonElement expected, ModelJsonNode actual)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(ModelJsonKind.Object, actual.Kind);
                var members = expected.EnumerateObject().ToList();
                Assert.Equal(members.Count, actual.Members.Count);
                foreach (var (member, node) in members.Zip(actual.Members))
                {
                    AssertSameText(() => member.Name, node.Key);
                    AssertSame(member.Value, node.Value);
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(ModelJsonKind.Array, actual.Kind);
                var items = expected.EnumerateArray().ToList();
                Assert.Equal(items.Count, actual.Items.Count);
                foreach (var (item, node) in items.Zip(actual.Items))
                {
                    AssertSame(item, node);
                }

                break;
            case JsonValueKind.String:
                Assert.Equal(ModelJsonKind.String, actual.Kind);
                AssertSameText(expected.GetString, actual.String!);
                break;
            case JsonValueKind.Number:
                Assert.Equal(ModelJsonKind.Number, actual.Kind);
                Assert.Equal(expected.TryGetInt64(out var l) ? (long?)l : null, actual.TryGetInt64(out var m) ? (long?)m : null);
                Assert.Equal(expected.TryGetInt32(out var i) ? (int?)i : null, actual.TryGetInt32(out var n) ? (int?)n : null);
                break;
            default:
                Assert.Equal(expected.ValueKind switch { JsonValueKind.True => ModelJsonKind.True, JsonValueKind.False => ModelJsonKind.False, _ => ModelJsonKind.Null }, actual.Kind);
                break;
        }
    }
}
