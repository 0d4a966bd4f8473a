extern alias aot;
using ClusterReady.Manifests;
using aot::k8s.Models;
using KubernetesYaml = k8s.KubernetesYaml;
using FullModels = k8s.Models;

namespace ClusterReady.Manifests.Tests;

/// <summary>Strings that a YAML 1.1 reader (kubectl, Kustomize) would take for something else are quoted.</summary>
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
}
