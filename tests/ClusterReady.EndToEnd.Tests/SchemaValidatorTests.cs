using ClusterReady.EndToEnd.Tests.Infrastructure;

namespace ClusterReady.EndToEnd.Tests;

/// <summary>The schema validator the manifest tests rely on must itself reject bad objects (its fixtures prove it).</summary>
[Trait("Category", "Slow")]
public sealed class SchemaValidatorTests
{
    [SkippableFact]
    public void The_validator_passes_its_valid_fixtures_and_rejects_every_invalid_one()
    {
        var node = ExternalTools.RequireSchemaValidator();

        var result = ExternalProcess.Run(node, ["--test", "selftest.test.js"], Repository.Path("tests", "schema"));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Matches(@"# fail 0", result.Output);
        Assert.Matches(@"# pass [1-9]\d*", result.Output);
    }
}
