using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Build.Framework;

namespace ClusterReady.Build.Tasks;

/// <summary>
/// Runs the POSIX shell command that puts the build step's job in the background, and returns once the shell has
/// (the job goes on beside the build; <c>_ClusterReadyAwaitArtifacts</c> waits for it). What <c>Exec</c> did here,
/// without its temporary script file: about 5 to 10 ms less of MSBuild's thread on
/// every clean build (docs/benchmarks.md, "The build step beside the build").
/// </summary>
public sealed class StartBuildJob : ITask
{
    /// <summary>The command, run as <c>/bin/sh -c Command</c>.</summary>
    [Required]
    public string Command { get; set; } = "";

    /// <inheritdoc />
    public IBuildEngine BuildEngine { get; set; } = null!;

    /// <inheritdoc />
    public ITaskHost? HostObject { get; set; }

    /// <inheritdoc />
    public bool Execute()
    {
        // All three streams redirected, as Exec does: a child that shares the terminal makes .NET reconfigure it.
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Command);
        // Logged as Exec logs its command (normal verbosity shows it): which tool the build ran, for a reader of the log.
        Log(Command);
        try
        {
            using var shell = Process.Start(start)!;
            shell.StandardInput.Close();
            var error = shell.StandardError.ReadToEndAsync();
            var output = shell.StandardOutput.ReadToEnd();
            shell.WaitForExit();
            var text = (output + error.GetAwaiter().GetResult()).Trim();
            if (shell.ExitCode == 0)
            {
                if (text.Length > 0)
                {
                    Log(text);
                }

                return true;
            }

            LogError($"the shell that starts the build step's job exited with code {shell.ExitCode}{(text.Length > 0 ? ": " + text : ".")}");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            LogError($"/bin/sh could not start the build step's job: {e.Message}");
        }

        return false;
    }

    private void Log(string message) =>
        BuildEngine.LogMessageEvent(new BuildMessageEventArgs(message, null, nameof(StartBuildJob), MessageImportance.Normal));

    private void LogError(string message) =>
        BuildEngine.LogErrorEvent(new BuildErrorEventArgs(
            null, "CRB0010", BuildEngine.ProjectFileOfTaskNode, 0, 0, 0, 0,
            "ClusterReady: " + message + " Build again; set ClusterReadyDeploy=false to build without the deploy folder.",
            null, nameof(StartBuildJob)));
}
