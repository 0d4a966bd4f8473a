namespace ClusterReady.EndToEnd.Tests.Infrastructure;

/// <summary>Validates YAML files against the Kubernetes OpenAPI schema with tests/schema/validate.js (kubernetes-models).</summary>
internal static class SchemaValidator
{
    public static void AssertValid(params string[] paths)
    {
        var node = ExternalTools.RequireSchemaValidator();
        var result = ExternalProcess.Run(node, [Repository.Path("tests", "schema", "validate.js"), .. paths]);
        Assert.True(result.ExitCode == 0, "Kubernetes schema validation failed:\n" + result.Output);
        Assert.Contains("OK ", result.Output);
    }
}
