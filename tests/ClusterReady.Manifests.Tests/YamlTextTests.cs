extern alias aot;
using System.Text.Json;
using ClusterReady.Manifests;
using aot::k8s.Models;
using KubernetesYaml = k8s.KubernetesYaml;
using FullModels = k8s.Models;

namespace ClusterReady.Manifests.Tests;

/// <summary>
/// The YAML the artifacts are written in: strings that a YAML 1.1 reader (kubectl, Kustomize) would take for something
/// else are quoted, the other strings, numbers and booleans stay plain, multi-line text keeps its block form, only the
/// top level is reordered (apiVersion, kind, metadata first), and a value that would not read back unchanged is an error.
/// </summary>
public sealed class YamlTextTests
{
    public static TheoryData<string> AmbiguousStrings =>
    [
        "0x1F", "0o17", "0755", "0b101", "1_000", "+1", "1e5", ".5", "1.", ".inf", "-.Inf", ".NaN", "2024-01-01", "1:20",
        "yes", "No", "on", "OFF", "y", "N", "true", "False", "null", "~", "123", "-7", "1.0",
    ];

    [Theory]
    [MemberData(nameof(AmbiguousStrings))]
    public void AnAmbiguousStringValueIsQuoted(string value)
    {
        var yaml = YamlText.FromKubernetesObject(new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Data = new Dictionary<string, string> { ["key"] = value } });

        var line = yaml.Split('\n').Single(l => l.TrimStart().StartsWith("key:", StringComparison.Ordinal));
        Assert.Matches("^  key: [\"'].*[\"']$", line);
        Assert.Equal(value, KubernetesYaml.Deserialize<FullModels.V1ConfigMap>(yaml, strict: true).Data["key"]);
    }

    [Theory]
    [InlineData("orders", "  key: orders")]
    [InlineData("25%", "  key: 25%")]
    [InlineData("250m", "  key: 250m")]
    [InlineData("1.4.2", "  key: 1.4.2")]
    public void AnUnambiguousStringStaysPlain(string value, string expectedLine)
    {
        var yaml = YamlText.FromKubernetesObject(new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Data = new Dictionary<string, string> { ["key"] = value } });

        Assert.Contains(expectedLine + "\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void IntegersAndBooleansOfTypedFieldsStayPlain()
    {
        var yaml = YamlText.FromKubernetesObject(new V1ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", AutomountServiceAccountToken = false })
            + YamlText.FromKubernetesObject(new V1Service { ApiVersion = "v1", Kind = "Service", Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 8080 }] } });

        Assert.Contains("automountServiceAccountToken: false\n", yaml, StringComparison.Ordinal);
        Assert.Contains("- port: 8080\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiLineTextKeepsItsBlockForm()
    {
        var json = "{\n  \"A\": 1\n}\n";
        var yaml = YamlText.FromKubernetesObject(new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Data = new Dictionary<string, string> { ["appsettings.json"] = json } });

        Assert.Contains("appsettings.json: |\n    {\n", yaml, StringComparison.Ordinal);
        Assert.Equal(json, KubernetesYaml.Deserialize<FullModels.V1ConfigMap>(yaml, strict: true).Data["appsettings.json"]);
    }

    [Fact]
    public void An_ambiguous_key_is_quoted_too()
    {
        var yaml = YamlText.FromKubernetesObject(new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Data = new Dictionary<string, string> { ["on"] = "x", ["2024-01-01"] = "z" } });

        Assert.Contains("  \"on\": x\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  \"2024-01-01\": z\n", yaml, StringComparison.Ordinal);
        var data = KubernetesYaml.Deserialize<FullModels.V1ConfigMap>(yaml, strict: true).Data;
        Assert.Equal(["2024-01-01", "on"], data.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void KindAndMetadataComeFirstAsInKubectlOutput()
    {
        var yaml = YamlText.FromKubernetesObject(new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Data = new Dictionary<string, string> { ["a"] = "b" }, Metadata = new V1ObjectMeta { Name = "orders" } });

        Assert.Equal("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: orders\ndata:\n  a: b\n", yaml);
    }

    [Theory]
    [InlineData("", "key: \"\"")]
    [InlineData("a: b", "key: 'a: b'")]
    [InlineData("#x", "key: '#x'")]
    [InlineData("x #y", "key: 'x #y'")]
    [InlineData("- x", "key: '- x'")]
    [InlineData("*x", "key: '*x'")]
    [InlineData("&x", "key: '&x'")]
    [InlineData("!x", "key: '!x'")]
    [InlineData("{x}", "key: '{x}'")]
    [InlineData("[x]", "key: '[x]'")]
    [InlineData("@x", "key: '@x'")]
    [InlineData(" x", "key: ' x'")]
    [InlineData("it's", "key: it's")]
    [InlineData("yesno", "key: yesno")]
    [InlineData("0x", "key: 0x")]
    [InlineData("1.2.3", "key: 1.2.3")]
    [InlineData("Grüße", "key: Grüße")]
    public void A_special_string_is_written_so_it_reads_back_as_itself(string value, string expected)
    {
        AssertWrittenAndReadBack(value, expected + "\n");
    }

    [Theory]
    [InlineData("a\nb", "key: |-\n  a\n  b\n")]
    [InlineData("a\nb\n", "key: |\n  a\n  b\n")]
    [InlineData("  indented\nb\n", "key: |2\n    indented\n  b\n")]
    public void Multi_line_text_is_a_literal_block(string value, string expected)
    {
        AssertWrittenAndReadBack(value, expected);
    }

    [Fact]
    public void Numbers_booleans_nulls_and_lists_keep_their_JSON_form()
    {
        var yaml = YamlText.FromJson("""{"a":1.5,"b":null,"c":true,"d":[1,"1",false,-2e3],"e":{},"f":[]}""", "a test", "none");

        Assert.Equal("a: 1.5\nb: null\nc: true\nd:\n- 1\n- \"1\"\n- false\n- -2e3\ne: {}\nf: []\n", yaml);
    }

    [Fact]
    public void Only_the_top_level_puts_apiVersion_kind_and_metadata_first()
    {
        var yaml = YamlText.FromJson("""{"spec":{"metadata":{},"kind":"x","apiVersion":"z"},"metadata":{"name":"orders"},"kind":"K","apiVersion":"v1"}""", "a test", "none");

        Assert.Equal("apiVersion: v1\nkind: K\nmetadata:\n  name: orders\nspec:\n  metadata: {}\n  kind: x\n  apiVersion: z\n", yaml);
    }

    [Fact]
    public void A_list_at_the_top_is_written_as_it_is()
    {
        Assert.Equal("- b\n- a\n- \"on\"\n", YamlText.FromJson("""["b","a","on"]""", "a test", "none"));
    }

    [Theory]
    [InlineData("tab\t")]
    [InlineData("\ttab")]
    public void A_value_that_would_not_read_back_as_written_is_an_error_naming_the_object_and_the_hint(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => YamlText.FromKubernetesObject(
            new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Data = new Dictionary<string, string> { ["key"] = value } }));

        Assert.Equal("A value of the ConfigMap does not read back from YAML as written; look for leading or trailing tabs or control characters in the attribute values.", error.Message);
    }

    [Fact]
    public void A_Gateway_API_object_is_written_by_its_own_serializer_and_named_by_its_kind()
    {
        var route = new HttpRoute
        {
            Metadata = new ObjectMetadata { Name = "orders" },
            Spec = new HttpRouteSpec { ParentRefs = [new ParentReference { Name = "public" }], Hostnames = ["orders.example.com"], Rules = [] },
        };

        Assert.StartsWith("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: orders\nspec:\n", YamlText.FromKubernetesObject(route), StringComparison.Ordinal);
        var error = Assert.Throws<InvalidOperationException>(() => YamlText.FromKubernetesObject(new HttpRoute
        {
            Metadata = new ObjectMetadata { Name = "orders\t" },
            Spec = route.Spec,
        }));
        Assert.StartsWith("A value of the HTTPRoute does not read back", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("~", true)]
    [InlineData("<<", true)]
    [InlineData("=", true)]
    [InlineData("0x1f", true)]
    [InlineData("+.5e-3", true)]
    [InlineData("0xA.8p1", true)]
    [InlineData("1_0_0", true)]
    [InlineData("2024-1-2", true)]
    [InlineData("2024-01-01T10:00:00Z", true)]
    [InlineData("-1:30:00.5", true)]
    [InlineData("190:20:30", true)]
    [InlineData("yEs", false)]
    [InlineData("nan", false)]
    [InlineData("inf", false)]
    [InlineData("0x", false)]
    [InlineData("0b2", false)]
    [InlineData("1:60", false)]
    [InlineData("24-01-01", false)]
    [InlineData("1e", false)]
    [InlineData("v1", false)]
    [InlineData("a_b", false)]
    public void What_a_YAML_1_1_reader_would_not_take_for_a_string(string value, bool ambiguous)
    {
        Assert.Equal(ambiguous, YamlText.IsAmbiguous(value));
    }

    /// <summary>The YAML of <c>{ key: value }</c> is <paramref name="expected"/>, and the full client's reader reads the value back.</summary>
    private static void AssertWrittenAndReadBack(string value, string expected)
    {
        var yaml = YamlText.FromJson(JsonSerializer.Serialize(new Dictionary<string, string> { ["key"] = value }), "a test", "none");

        Assert.Equal(expected, yaml);
        Assert.Equal(value, KubernetesYaml.Deserialize<Dictionary<string, string>>(yaml, strict: true)["key"]);
    }
}
