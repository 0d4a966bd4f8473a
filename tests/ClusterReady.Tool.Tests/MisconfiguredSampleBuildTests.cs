using System.Text.RegularExpressions;

namespace ClusterReady.Tool.Tests;

/// <summary>Builds samples/MisconfiguredApi with the real dotnet CLI and reads the diagnostics the way a user sees them.</summary>
[Collection(SampleBuilds.Name)]
public sealed partial class MisconfiguredSampleBuildTests
{
    private static readonly string[] ExpectedErrors = ["CR1001", "CR2001", "CR2003", "CR2004", "CR3002", "CR3011", "CR3102", "CR4001", "CR5002", "CR5003", "CR6002"];
    private static readonly string[] ExpectedWarnings = ["CR3014", "CR3015", "CR3101", "CR5005", "CR6003", "CR6004", "CR7001"];

    [Fact]
    [Trait("Category", "Slow")]
    public void Dotnet_build_of_the_misconfigured_sample_fails_with_each_expected_rule()
    {
        var (exitCode, log) = Build(Repository.Path("samples", "MisconfiguredApi", "MisconfiguredApi.csproj"));

        Assert.NotEqual(0, exitCode);
        var reported = Diagnostic().Matches(log).Select(m => (Severity: m.Groups["severity"].Value, Id: m.Groups["id"].Value)).ToHashSet();
        Assert.All(ExpectedErrors, id => Assert.Contains(("error", id), reported));
        Assert.All(ExpectedWarnings, id => Assert.Contains(("warning", id), reported));
        Assert.Contains("docs/rules/CR1001.md", log, StringComparison.Ordinal);

        // The credential in the sample never reaches the build log.
        Assert.DoesNotContain("not-a-real-password", log, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void With_the_analyzers_off_the_build_step_fails_with_the_same_rule_ids()
    {
        // No analyzer runs (RunAnalyzers=false, as a build that suppresses them all): the generator still embeds the
        // declaration, and the build step refuses it with the rules' own ids, messages and help links.
        // A copy of the sample, so that its compilation is not the one the other test left up to date.
        var (exitCode, log) = Build(SampleCopies.Create("MisconfiguredApi", "build-step-test"), "-p:RunAnalyzers=false", "-p:ClusterReadyDeploy=true");

        Assert.NotEqual(0, exitCode);
        var reported = BuildStepError().Matches(log).Select(m => m.Groups["id"].Value).ToHashSet();
        Assert.All(ExpectedErrors.Where(id => id != "CR3102"), id => Assert.Contains(id, reported));
        Assert.DoesNotContain("CRB0100", log, StringComparison.Ordinal);
        Assert.DoesNotContain("MSB3073", log, StringComparison.Ordinal);
        Assert.Contains("docs/rules/CR1001.md", log, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-password", log, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Log) Build(string project, params string[] properties)
    {
        // Warnings stay warnings here (the repository turns them into errors) so the severities can be checked.
        var result = ExternalProcess.Dotnet(
            ["build", project, "-c", Repository.Configuration, "-p:TreatWarningsAsErrors=false", "-nologo", "-clp:NoSummary", .. properties]);
        return (result.ExitCode, result.Output);
    }

    [GeneratedRegex(@"Deployment\.cs\(\d+,\d+\): (?<severity>error|warning) (?<id>CR\d{4}):|Program\.cs\(\d+,\d+\): (?<severity>error|warning) (?<id>CR\d{4}):")]
    private static partial Regex Diagnostic();

    [GeneratedRegex(@"ClusterReady ?: error (?<id>CR\d{4}): \[")]
    private static partial Regex BuildStepError();
}
