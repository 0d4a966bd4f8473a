using ClusterReady.Manifests;
using k8s;
using k8s.Models;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ClusterReady.Manifests.Tests;

/// <summary>Every emitted YAML file is a well-formed object of the expected type, with no unknown fields.</summary>
public sealed class ParseBackTests
{
    [Theory]
    [MemberData(nameof(TestCases.Names), MemberType = typeof(TestCases))]
    public void EveryKubernetesFileDeserializesStrictlyToItsType(string caseName)
    {
        var files = TestCases.CreateFiles(caseName).Where(ManifestFiles.IsKubernetesObject).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var value = ManifestFiles.Deserialize(file);
            var expectedType = ManifestFiles.TypeOf(file.RelativePath);
            Assert.IsType(expectedType, value);
            var (apiVersion, kind) = value is HttpRoute route ? (route.ApiVersion, route.Kind) : (((IKubernetesObject)value).ApiVersion, ((IKubernetesObject)value).Kind);
            Assert.Equal(value is HttpRoute ? HttpRoute.KindName : expectedType.Name[2..], kind);
            Assert.False(string.IsNullOrEmpty(apiVersion), $"{file.RelativePath} has no apiVersion");
        }
    }

    [Theory]
    [MemberData(nameof(TestCases.Names), MemberType = typeof(TestCases))]
    public void EveryKubernetesFileIsExactlyItsObjectSerialized(string caseName)
    {
        // Deserializing and serializing again must give the same text: the files hold nothing the typed model
        // cannot represent (no hand-written YAML), and the serialization is stable. The file is read and serialized
        // again by the full KubernetesClient, not the AOT build of it that wrote the file.
        foreach (var file in TestCases.CreateFiles(caseName).Where(ManifestFiles.IsKubernetesObject))
        {
            var value = ManifestFiles.Deserialize(file);
            Assert.Equal(file.Content, YamlText.FromJson(KubernetesJson.Serialize(value), file.RelativePath, "none"));
        }
    }

    [Theory]
    [MemberData(nameof(TestCases.Names), MemberType = typeof(TestCases))]
    public void EveryKustomizationDeserializesStrictly(string caseName)
    {
        // No IgnoreUnmatchedProperties: a key that is not a Kustomization field fails.
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        var kustomizations = TestCases.CreateFiles(caseName).Where(f => f.RelativePath.EndsWith("/kustomization.yaml", StringComparison.Ordinal)).ToList();
        Assert.Equal(1 + Math.Max(TestCases.All[caseName].Model.Overlays.Count, 2), kustomizations.Count);
        foreach (var file in kustomizations)
        {
            var kustomization = deserializer.Deserialize<Kustomization>(file.Content);
            Assert.Equal("kustomize.config.k8s.io/v1beta1", kustomization.ApiVersion);
            Assert.Equal("Kustomization", kustomization.Kind);
            Assert.NotEmpty(kustomization.Resources!);
        }
    }

    [Fact]
    public void StrictDeserializationRejectsAnUnknownField()
    {
        // Guards the guard: the parse-back tests are only meaningful if strict mode really rejects unknown fields.
        var deployment = TestCases.CreateFiles("worker").Single(f => f.RelativePath == "kubernetes/base/deployment.yaml");
        var misspelled = deployment.Content.Replace("imagePullPolicy:", "imagePulPolicy:", StringComparison.Ordinal);
        Assert.NotEqual(deployment.Content, misspelled);
        Assert.ThrowsAny<Exception>(() => KubernetesYaml.Deserialize<V1Deployment>(misspelled, strict: true));
    }
}
