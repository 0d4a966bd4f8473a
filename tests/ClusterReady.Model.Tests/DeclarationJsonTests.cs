using System.Text.Json;
using ClusterReady.Model.Contract;
using ClusterReady.Model.Declaration;
using CsCheck;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The one contract between the compiler and the build step: every declaration the generator can write reads back the
/// same, System.Text.Json reads the same values from it (a second opinion on the writer's escaping), and a text that is
/// not a declaration of this version is refused with a message that says what is wrong. The generator's tests embed it
/// in a real compilation (DeploymentModelGeneratorTests); these pin the writer and the reader on their own.
/// </summary>
public sealed class DeclarationJsonTests
{
    // Any UTF-16 text, lone surrogates and control characters included, and the characters the writer escapes.
    private static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.String[Gen.Char["aZ09 -\"\\/\n\r\t\b\f\u0000\u001f\u007f\u00e9\u2028\u2029\ud83d\ude00"], 0, 12]),
        (1, Gen.String));

    private static readonly Gen<DeclaredArgument> Argument =
        Gen.Select(Text, Gen.Enum<ArgumentKind>(), Text.Null(), Gen.Long, Gen.Bool, Text.Null().Array[0, 4], Gen.Bool.Array[3], Gen.Int)
            .Select((name, kind, text, number, flag, items, flags, elements) => new DeclaredArgument(
                name, kind, text, number, flag,
                kind == ArgumentKind.Strings ? items.Select(i => new NullableString(i)).ToEquatableArray() : default,
                flags[0], flags[1], flags[2], elements));

    private static readonly Gen<ServiceDeclaration> Declaration =
        Gen.Select(Text, Gen.Bool, Text, Gen.Select(Text, Argument.Array[0, 4]).Array[0, 5])
            .Select((typeName, webApp, assemblyName, attributes) => new ServiceDeclaration(
                typeName,
                new AppFacts(webApp, assemblyName),
                attributes.Select((a, i) => new DeclaredAttribute(a.Item1, i, a.Item2.ToEquatableArray())).ToEquatableArray()));

    [Fact]
    public void Every_declaration_reads_back_as_written() =>
        Declaration.Sample(declaration => Assert.Equal(declaration, DeclarationJson.Read(DeclarationJson.Write(declaration))), iter: 5_000);

    [Fact]
    public void System_Text_Json_reads_the_same_values_from_what_the_writer_wrote() =>
        Declaration.Where(d => !HasLoneSurrogate(d)).Sample(
            declaration =>
            {
                using var document = JsonDocument.Parse(DeclarationJson.Write(declaration));
                var root = document.RootElement;
                Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
                Assert.Equal(declaration.TypeName, root.GetProperty("typeName").GetString());
                Assert.Equal(declaration.App.IsWebApp, root.GetProperty("webApp").GetBoolean());
                Assert.Equal(declaration.App.AssemblyName, root.GetProperty("assemblyName").GetString());
                var attributes = root.GetProperty("attributes").EnumerateArray().ToList();
                Assert.Equal(declaration.Attributes.Count, attributes.Count);
                foreach (var (attribute, element) in declaration.Attributes.Zip(attributes))
                {
                    Assert.Equal(attribute.MetadataName, element.GetProperty("name").GetString());
                    var arguments = element.GetProperty("arguments").EnumerateArray().ToList();
                    Assert.Equal(attribute.Arguments.Count, arguments.Count);
                    foreach (var (argument, written) in attribute.Arguments.Zip(arguments))
                    {
                        Assert.Equal(argument.Name, written.GetProperty("name").GetString());
                        Assert.Equal((int)argument.Kind, written.GetProperty("kind").GetInt32());
                        Assert.Equal(argument.Text, written.TryGetProperty("text", out var text) ? text.GetString() : null);
                        Assert.Equal(argument.Number, written.GetProperty("number").GetInt64());
                        Assert.Equal(argument.Flag, written.GetProperty("flag").GetBoolean());
                        Assert.Equal(argument.Written, written.GetProperty("written").GetBoolean());
                        Assert.Equal(argument.IsConstructorArgument, written.GetProperty("constructor").GetBoolean());
                        Assert.Equal(argument.IsNullLiteral, written.GetProperty("nullLiteral").GetBoolean());
                        Assert.Equal(argument.WrittenElements, written.GetProperty("elements").GetInt32());
                        Assert.Equal(
                            argument.Kind == ArgumentKind.Strings ? argument.Items.Select(i => i.Value) : null,
                            written.TryGetProperty("items", out var items) ? items.EnumerateArray().Select(i => i.GetString()) : null);
                    }
                }
            },
            iter: 2_000);

    [Fact]
    public void The_writer_writes_compact_json_in_the_contract_s_member_order()
    {
        var declaration = new ServiceDeclaration("Shop.Orders", new AppFacts(IsWebApp: true, "Shop.Orders"), new[]
        {
            new DeclaredAttribute("ClusterReady.KubernetesServiceAttribute", 0, new[]
            {
                new DeclaredArgument("Name", ArgumentKind.String, Text: "orders", IsConstructorArgument: true),
                new DeclaredArgument("Hosts", ArgumentKind.Strings, Items: new[] { new NullableString("a\"b c"), new NullableString(null) }.ToEquatableArray(), WrittenElements: 2),
                new DeclaredArgument("Replicas", ArgumentKind.Int, Number: -3, Written: false, IsNullLiteral: true, Flag: true),
            }.ToEquatableArray()),
        }.ToEquatableArray());

        Assert.Equal(
            "{\"schemaVersion\":1,\"typeName\":\"Shop.Orders\",\"webApp\":true,\"assemblyName\":\"Shop.Orders\",\"attributes\":[{\"name\":\"ClusterReady.KubernetesServiceAttribute\",\"arguments\":["
            + "{\"name\":\"Name\",\"kind\":1,\"text\":\"orders\",\"number\":0,\"flag\":false,\"written\":true,\"constructor\":true,\"nullLiteral\":false,\"elements\":0},"
            + "{\"name\":\"Hosts\",\"kind\":5,\"number\":0,\"flag\":false,\"written\":true,\"constructor\":false,\"nullLiteral\":false,\"elements\":2,\"items\":[\"a\\\"b c\",null]},"
            + "{\"name\":\"Replicas\",\"kind\":2,\"number\":-3,\"flag\":true,\"written\":false,\"constructor\":false,\"nullLiteral\":true,\"elements\":0}]}]}",
            DeclarationJson.Write(declaration));
    }

    [Fact]
    public void The_writer_separates_a_member_after_an_array_and_leaves_out_a_number_without_a_value() =>
        Assert.Equal(
            "{\"a\":[],\"b\":[1,null],\"c\":{},\"d\":2}",
            new JsonWriter().StartObject().StartArray("a").EndArray().StartArray("b").Number(null!, 1).Null(null).EndArray()
                .Number("n", null).StartObject("c").EndObject().String("s", null).Number("d", 2).EndObject().ToString());

    [Theory]
    [InlineData("\"\"", "The ClusterReady declaration has an $ that is not an object.")]
    [InlineData("{}", "The ClusterReady declaration has schema version (none), and this build step reads version 1: the generator and the build tool come from different ClusterReady versions.")]
    [InlineData("{\"schemaVersion\":2}", "The ClusterReady declaration has schema version 2, and this build step reads version 1: the generator and the build tool come from different ClusterReady versions.")]
    [InlineData("{\"schemaVersion\":\"1\"}", "The ClusterReady declaration's 'schemaVersion' is not a number.")]
    [InlineData("{\"schemaVersion\":1,\"services\":[]}", "The ClusterReady declaration has an unknown member 'services'.")]
    [InlineData("{\"schemaVersion\":1,\"attributes\":{}}", "The ClusterReady declaration's 'attributes' is not an array.")]
    [InlineData("{\"schemaVersion\":1,\"attributes\":[1]}", "The ClusterReady declaration has an attribute that is not an object.")]
    [InlineData("{\"schemaVersion\":1,\"attributes\":[{\"arguments\":{}}]}", "The ClusterReady declaration's 'arguments' is not an array.")]
    [InlineData("{\"schemaVersion\":1,\"attributes\":[{\"arguments\":[[]]}]}", "The ClusterReady declaration has an argument that is not an object.")]
    [InlineData("{\"schemaVersion\":1,\"attributes\":[{\"arguments\":[{\"kind\":true}]}]}", "The ClusterReady declaration's 'kind' is not a number.")]
    [InlineData("{\"schemaVersion\":1,\"attributes\":[{\"arguments\":[{\"elements\":1.5}]}]}", "The ClusterReady declaration's 'elements' is not a number.")]
    [InlineData("{\"schemaVersion\":1,\"attributes\":[{\"arguments\":[{\"items\":\"a\"}]}]}", "The ClusterReady declaration's 'items' is not an array.")]
    [InlineData("{\"schemaVersion\":1,", "The ClusterReady deployment model is not valid JSON: no member name at offset 19.")]
    public void A_text_that_is_not_a_declaration_of_this_version_is_refused_with_what_is_wrong(string json, string message)
    {
        var refused = Assert.Throws<FormatException>(() => DeclarationJson.Read(json));
        Assert.Equal(message, refused.Message);

        // The public reader says the same, as the JsonException its callers catch.
        var parsed = Assert.Throws<JsonException>(() => DeploymentModelJson.Parse(json));
        Assert.Equal(message, parsed.Message);
        Assert.IsType<FormatException>(parsed.InnerException);
    }

    [Fact]
    public void Missing_members_read_as_their_defaults()
    {
        // A name that is not a string reads as none too.
        var declaration = DeclarationJson.Read("{\"schemaVersion\":1,\"attributes\":[{\"arguments\":[{\"name\":1}]},{\"name\":false}]}");

        Assert.Equal(
            new ServiceDeclaration("", new AppFacts(false, ""), new[]
            {
                new DeclaredAttribute("", 0, new[] { new DeclaredArgument("", ArgumentKind.Other, Written: false) }.ToEquatableArray()),
                new DeclaredAttribute("", 1, default),
            }.ToEquatableArray()),
            declaration);
    }

    [Fact]
    public void A_number_beyond_a_long_reads_as_zero_and_a_flag_only_as_true()
    {
        var argument = DeclarationJson.Read("{\"schemaVersion\":1,\"webApp\":1,\"attributes\":[{\"arguments\":[{\"number\":9223372036854775808,\"flag\":\"true\",\"written\":true,\"constructor\":true,\"nullLiteral\":true}]}]}");

        Assert.False(argument.App.IsWebApp);
        Assert.Equal(new DeclaredArgument("", ArgumentKind.Other, Number: 0, Flag: false, Written: true, IsConstructorArgument: true, IsNullLiteral: true), argument.Attributes[0].Arguments[0]);
    }

    private static bool HasLoneSurrogate(ServiceDeclaration declaration) =>
        Strings(declaration).Any(s => s is not null && !ModelJsonNodeTests.IsWellFormed(s));

    private static IEnumerable<string?> Strings(ServiceDeclaration declaration) =>
        new[] { declaration.TypeName, declaration.App.AssemblyName }.Concat(declaration.Attributes.SelectMany(a =>
            new[] { a.MetadataName }.Concat(a.Arguments.SelectMany(g => new[] { g.Name, g.Text }.Concat(g.Items.Select(i => i.Value))))));
}
