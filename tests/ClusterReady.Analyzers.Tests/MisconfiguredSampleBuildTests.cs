using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ClusterReady.Analyzers.Tests;

/// <summary>Builds samples/MisconfiguredApi with the real dotnet CLI and reads the diagnostics the way a user sees them.</summary>
public sealed partial class MisconfiguredSampleBuildTests
{
    private static readonly string[] ExpectedErrors = ["CR1001", "CR2001", "CR2003", "CR2004", "CR3002", "CR3011", "CR3102", "CR4001", "CR5002", "CR5003"];
    private static readonly string[] ExpectedWarnings = ["CR3014", "CR3015", "CR3101", "CR5005", "CR6002", "CR6003", "CR6004", "CR7001"];

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Dotnet_build_of_the_misconfigured_sample_fails_with_each_expected_rule()
    {
        var project = Repository.Path("samples", "MisconfiguredApi", "MisconfiguredApi.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            // Warnings stay warnings here (the repository turns them into errors) so the severities can be checked.
            ArgumentList = { "build", project, "-c", Repository.Configuration, "-p:TreatWarningsAsErrors=false", "-nologo", "-clp:NoSummary" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        var log = await output + await error;

        Assert.NotEqual(0, process.ExitCode);
        var reported = Diagnostic().Matches(log).Select(m => (Severity: m.Groups["severity"].Value, Id: m.Groups["id"].Value)).ToHashSet();
        Assert.All(ExpectedErrors, id => Assert.Contains(("error", id), reported));
        Assert.All(ExpectedWarnings, id => Assert.Contains(("warning", id), reported));
        Assert.Contains("docs/rules/CR1001.md", log, StringComparison.Ordinal);

        // The credential in the sample never reaches the build log.
        Assert.DoesNotContain("not-a-real-password", log, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Deployment\.cs\(\d+,\d+\): (?<severity>error|warning) (?<id>CR\d{4}):|Program\.cs\(\d+,\d+\): (?<severity>error|warning) (?<id>CR\d{4}):")]
    private static partial Regex Diagnostic();
}
