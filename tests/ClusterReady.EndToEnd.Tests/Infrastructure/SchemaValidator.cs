namespace ClusterReady.EndToEnd.Tests.Infrastructure;

/// <summary>Validates YAML files against the Kubernetes OpenAPI schema with tests/schema/validate.js (kubernetes-models).</summary>
internal static class SchemaValidator
{
    public static void AssertValid(params string[] paths)
    {
        var script = Repository.Path("tests", "schema", "validate.js");
        var modules = Repository.Path("tests", "schema", "node_modules");
        var missing = !Command.Exists("node") ? "node is not installed"
            : !Directory.Exists(modules) ? "tests/schema/node_modules is missing (run: npm ci --prefix tests/schema)"
            : null;
        if (missing is not null)
        {
            Assert.False(IsCi, $"schema validation is required in CI: {missing}");
            Skip.If(true, missing);
        }

        var result = Command.Run("node", [script, .. paths]);
        Assert.True(result.ExitCode == 0, "Kubernetes schema validation failed:\n" + result.Output);
        Assert.Contains("OK ", result.Output);
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
