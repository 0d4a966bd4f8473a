using System.Diagnostics;
using System.Text;

namespace ClusterReady.Tests;

/// <summary>
/// Runs a real program to completion (dotnet, kubectl, helm, node, podman, docker-compose) and captures what it
/// printed: the test projects' one runner for commands that finish (a process that keeps running, such as an app under
/// test, a registry or a daemon, is started where it is used).
/// </summary>
internal static class ExternalProcess
{
    /// <summary>
    /// Runs <paramref name="program"/> in <paramref name="workingDirectory"/> (the repository's root by default). A child
    /// MSBuild keeps away from the test host's environment: no node outlives the test, no telemetry, no logo.
    /// </summary>
    public static ProcessResult Run(string program, IEnumerable<string> arguments, string? workingDirectory = null,
        TimeSpan? timeout = null, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repository.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        var standardError = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data, standardOutput);
        process.ErrorDataReceived += (_, e) => Append(e.Data, standardError);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var limit = timeout ?? TimeSpan.FromMinutes(10);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            lock (output)
            {
                throw new TimeoutException(
                    $"{program} {string.Join(' ', start.ArgumentList)} did not finish within {limit.TotalSeconds:0} s:\n{ProcessResult.Tail(output.ToString())}");
            }
        }

        // Without a limit: returns once both streams have been read to their end.
        process.WaitForExit();
        lock (output)
        {
            return new ProcessResult(process.ExitCode, output.ToString(), standardOutput.ToString(), standardError.ToString());
        }

        void Append(string? line, StringBuilder stream)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
                stream.AppendLine(line);
            }
        }
    }

    /// <summary>The dotnet CLI in the repository's root, as a user runs it.</summary>
    public static ProcessResult Dotnet(params string[] arguments) => Run("dotnet", arguments);
}

/// <summary>
/// A finished command. <paramref name="Output"/> is stdout and stderr as they came (for messages and searches);
/// <paramref name="StandardOutput"/> and <paramref name="StandardError"/> each stream alone, the answer to parse: a
/// tool's warning on stderr can arrive before or after it (docker-compose 1.29 warns on stderr on every 'ps' of a
/// project with a secret folder).
/// </summary>
internal sealed record ProcessResult(int ExitCode, string Output, string StandardOutput, string StandardError)
{
    public ProcessResult EnsureSuccess(string what)
    {
        Assert.True(ExitCode == 0, $"{what} failed with exit code {ExitCode}:\n{Tail(Output)}");
        return this;
    }

    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";

    internal static string Tail(string text) => text.Length <= 6000 ? text : "..." + text[^6000..];
}
