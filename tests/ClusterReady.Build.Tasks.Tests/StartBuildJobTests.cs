using System.Collections;
using ClusterReady.Build.Tasks;
using Microsoft.Build.Framework;

namespace ClusterReady.Build.Tasks.Tests;

/// <summary>StartBuildJob runs a real /bin/sh; each test works in a folder of its own.</summary>
public sealed class StartBuildJobTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clusterready-startjob-").FullName;
    private readonly RecordingEngine _engine = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void It_returns_while_the_job_it_put_in_the_background_still_runs()
    {
        var go = Path.Combine(_folder, "go");
        var done = Path.Combine(_folder, "done");
        var pid = Path.Combine(_folder, "pid");
        var task = Task($"( while [ ! -f '{go}' ]; do sleep 0.01; done; echo finished >'{done}' ) </dev/null >/dev/null 2>&1 & echo $! >'{pid}'");

        Assert.True(task.Execute());

        // The job waits for 'go', which nobody has written yet: the task did not wait for it.
        Assert.False(File.Exists(done));
        Assert.True(int.Parse(File.ReadAllText(pid).Trim()) > 0);
        Assert.Empty(_engine.Errors);
        File.WriteAllText(go, "");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(done) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        Assert.Equal("finished\n", File.ReadAllText(done));
    }

    [Fact]
    public void A_command_that_fails_fails_the_task_with_CRB0010_its_exit_code_and_what_it_printed()
    {
        var task = Task("echo 'no space left' >&2; exit 3");

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("CRB0010", error.Code);
        Assert.Contains("exited with code 3: no space left", error.Message, StringComparison.Ordinal);
        Assert.Contains("ClusterReadyDeploy=false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void It_logs_the_command_and_what_it_printed_as_Exec_does()
    {
        var task = Task("echo started");

        Assert.True(task.Execute());

        Assert.Empty(_engine.Errors);
        Assert.Equal(["echo started", "started"], _engine.Messages.Select(m => m.Message));
        Assert.All(_engine.Messages, m => Assert.Equal(MessageImportance.Normal, m.Importance));
    }

    [Fact]
    public void The_command_reaches_the_shell_as_one_argument_with_its_quotes_and_dollars()
    {
        var file = Path.Combine(_folder, "out");
        var task = Task($"x='a \"b\" $HOME'; printf '%s|%s' \"$x\" \"$HOME\" >'{file}'");

        Assert.True(task.Execute());

        // The shell, and nothing before it, reads the quotes: $HOME stays as written inside '...' and is expanded outside.
        Assert.Equal($"a \"b\" $HOME|{Environment.GetEnvironmentVariable("HOME")}", File.ReadAllText(file));
    }

    private StartBuildJob Task(string command) => new() { Command = command, BuildEngine = _engine };

    private sealed class RecordingEngine : IBuildEngine
    {
        public List<BuildErrorEventArgs> Errors { get; } = [];

        public List<BuildMessageEventArgs> Messages { get; } = [];

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "App.csproj";

        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

        public void LogWarningEvent(BuildWarningEventArgs e) => throw new InvalidOperationException("no warnings expected: " + e.Message);

        public void LogCustomEvent(CustomBuildEventArgs e) => throw new InvalidOperationException("no custom events expected");

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
            throw new NotSupportedException();
    }
}
