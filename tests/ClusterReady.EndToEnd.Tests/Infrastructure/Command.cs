using System.Diagnostics;
using System.Text;

namespace ClusterReady.EndToEnd.Tests.Infrastructure;

/// <summary>Runs a real command to completion and captures its output.</summary>
internal static class Command
{
    /// <summary>
    /// A finished command: <paramref name="Output"/> is stdout and stderr as they came (for messages and searches),
    /// <paramref name="StandardOutput"/> stdout alone, the answer to parse: a tool's warning on stderr can arrive
    /// before or after it (docker-compose 1.29 warns on stderr on every 'ps' of a project with a secret folder).
    /// </summary>
    public sealed record Result(int ExitCode, string Output, string StandardOutput)
    {
        public Result EnsureSuccess(string what)
        {
            Assert.True(ExitCode == 0, $"{what} failed with exit code {ExitCode}:\n{Tail(Output)}");
            return this;
        }
    }

    public static Result Run(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        TimeSpan? timeout = null, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Repository.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Keep the child's MSBuild away from the test host's environment (node reuse, test-only variables).
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); standardOutput.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish:\n{Tail(output.ToString())}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString(), standardOutput.ToString());
        }
    }

    public static Result Dotnet(params string[] arguments) => Run("dotnet", arguments);

    private static string Tail(string text) => text.Length <= 6000 ? text : "..." + text[^6000..];
}
