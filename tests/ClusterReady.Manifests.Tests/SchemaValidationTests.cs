using ClusterReady.Manifests;

namespace ClusterReady.Manifests.Tests;

/// <summary>
/// Every emitted file and every rendered overlay passes the Kubernetes OpenAPI schema check of
/// <c>tests/schema/validate.js</c> (strict: unknown fields fail; YAML read the way kubectl reads it).
/// </summary>
[Trait("Category", "Slow")]
public sealed class SchemaValidationTests
{
    private static string Script => Path.Combine(Repository.Root, "tests", "schema", "validate.js");

    [SkippableTheory]
    [MemberData(nameof(TestCases.Names), MemberType = typeof(TestCases))]
    public void EmittedAndRenderedManifestsMatchTheKubernetesSchema(string caseName)
    {
        var node = ExternalTools.RequireSchemaValidator();
        Kustomize.RequireKubectl();

        var files = TestCases.CreateFiles(caseName);
        using var folder = new TemporaryDeployFolder(files);
        var renderedDirectory = folder.PathOf("rendered");
        Directory.CreateDirectory(renderedDirectory);
        foreach (var directory in Kustomize.Directories(files))
        {
            File.WriteAllText(Path.Combine(renderedDirectory, directory.Replace('/', '-') + ".yaml"), Kustomize.Render(folder, directory).Yaml);
        }

        // The kubernetes folder holds the base, the overlays' kustomizations and their patches, which the validator
        // checks together (a patch as a partial object).
        var result = ExternalProcess.Run(node, [Script, folder.PathOf("kubernetes"), renderedDirectory], workingDirectory: Path.GetDirectoryName(Script));

        Assert.True(result.ExitCode == 0, $"Schema validation of case '{caseName}' failed: {result}");
        var checkedFiles = result.StandardOutput.Split('\n').Where(l => l.StartsWith("OK ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToHashSet();
        // The Helm chart's templates are not YAML until Helm renders them: HelmChartTests checks what it renders.
        Assert.All(files.Where(f => f.RelativePath.StartsWith("kubernetes/", StringComparison.Ordinal) && f.RelativePath.EndsWith(".yaml", StringComparison.Ordinal)), f =>
            Assert.Contains(folder.PathOf(f.RelativePath), checkedFiles));
    }
}
