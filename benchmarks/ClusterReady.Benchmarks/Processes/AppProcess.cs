using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ClusterReady.Benchmarks.Processes;

/// <summary>A benchmark app started as a process, with the moment it logged "Application started".</summary>
internal sealed partial class AppProcess : IDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    private readonly Process _process;
    private long _startedTimestamp;

    private AppProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>When the host's "Application started" line arrived (a <see cref="Stopwatch"/> timestamp), or 0.</summary>
    public long StartedTimestamp => Interlocked.Read(ref _startedTimestamp);

    /// <param name="errorLine">Called with each line the app writes to standard error.</param>
    public static AppProcess Start(string executable, IReadOnlyDictionary<string, string> environment, Action<string>? errorLine = null)
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
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errorLine?.Invoke(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>
    /// Probes <c>/healthz/ready</c> on <paramref name="port"/> every millisecond until the app is ready: its first 200
    /// when it <paramref name="servesReadiness"/>, else its "Application started" line. Polled for every app, so that
    /// the harness takes the same CPU from all; an app that serves nothing never answers.
    /// </summary>
    /// <param name="start">The <see cref="Stopwatch"/> timestamp the timeout counts from.</param>
    /// <returns>When the app became ready (a <see cref="Stopwatch"/> timestamp).</returns>
    public long WaitUntilReady(int port, bool servesReadiness, long start, TimeSpan timeout)
    {
        while (true)
        {
            var answered = HttpProbe.Get(port, "/healthz/ready") == 200;
            var readyAt = servesReadiness ? (answered ? Stopwatch.GetTimestamp() : 0) : StartedTimestamp;
            if (readyAt != 0)
            {
                return readyAt;
            }

            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"{_process.StartInfo.FileName} was not ready within {timeout.TotalSeconds} s.");
            }

            Thread.Sleep(1);
        }
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
    public void Terminate() => Signal(SigTerm, "SIGTERM");

    /// <summary>Sends SIGINT (Ctrl+C): either lifetime stops at once, without a drain delay.</summary>
    public void Interrupt() => Signal(SigInt, "SIGINT");

    /// <summary>Waits for the process to end and for its output to be read.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit(); // the asynchronous readers are done once this returns
        return true;
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

    private void Signal(int signal, string name)
    {
        if (SendSignal(Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({Id}, {name}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
