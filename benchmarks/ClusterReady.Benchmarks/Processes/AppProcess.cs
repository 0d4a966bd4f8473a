using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ClusterReady.Benchmarks.Processes;

/// <summary>A benchmark app started as a process, with the moment it logged "Application started".</summary>
internal sealed partial class AppProcess : IDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private long _startedTimestamp;

    private AppProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>When the host's "Application started" line arrived (a <see cref="Stopwatch"/> timestamp), or 0.</summary>
    public long StartedTimestamp => Interlocked.Read(ref _startedTimestamp);

    public static AppProcess Start(string executable, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(executable)!,
        };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var app = new AppProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            // Both the host's console lifetime and ClusterReady's lifetime log a line that starts with this.
            if (e.Data?.Contains("Application started", StringComparison.Ordinal) == true)
            {
                Interlocked.CompareExchange(ref app._startedTimestamp, Stopwatch.GetTimestamp(), 0);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>The resident set size, VmRSS in /proc/PID/status, in KiB.</summary>
    public long ResidentKiB()
    {
        foreach (var line in File.ReadLines($"/proc/{Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"No VmRSS for process {Id}.");
    }

    /// <summary>
    /// CPU time the process's live threads have run so far, in milliseconds: the first field of each
    /// <c>/proc/PID/task/TID/schedstat</c> (nanoseconds). Less sensitive than wall time to what else the machine runs.
    /// </summary>
    public double CpuMilliseconds()
    {
        long nanoseconds = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{Id}/task"))
        {
            try
            {
                var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                nanoseconds += long.Parse(fields[0], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return nanoseconds / 1e6;
    }

    /// <summary>Sends SIGTERM, as the kubelet does (a direct system call: starting 'kill' would add its own start-up time).</summary>
    public void Terminate()
    {
        if (SendSignal(Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
