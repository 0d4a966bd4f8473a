using System.Diagnostics;
using System.Globalization;

namespace ClusterReady.Benchmarks.Processes;

/// <summary>
/// Time to ready and working set of a worker with ClusterReady against a bare Generic Host worker, started in turns
/// (bare then ClusterReady, then ClusterReady then bare, ...) so that a change in the machine's load, and whatever one
/// start leaves to the next, hits both alike.
/// </summary>
/// <remarks>
/// Time runs from just before the process is started. The ClusterReady worker is ready when its readiness endpoint
/// answers 200; the bare worker serves nothing, so it is ready when it logs "Application started". Both are also timed
/// to that log line, which compares the same moment of the host's start. The harness polls the port every millisecond
/// for both apps (the bare one never answers), so the harness costs both the same CPU. The working set is VmRSS read
/// from /proc once the app is ready, the CPU time the sum of its threads' run time at that moment.
/// </remarks>
internal static class StartupComparison
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <param name="beforeExecutable">
    /// Optional: the same ClusterReady worker built against another package (an earlier commit), started in the same
    /// turns, so that a change is measured against a baseline of the same run rather than of another hour.
    /// </param>
    /// <param name="extraEnvironment">More variables for every app (a runtime setting to compare, say).</param>
    public static int Run(
        string bareExecutable,
        string clusterReadyExecutable,
        string? beforeExecutable,
        IReadOnlyDictionary<string, string> extraEnvironment,
        int port,
        int runs,
        TextWriter output)
    {
        var environment = new Dictionary<string, string>(extraEnvironment)
        {
            ["ClusterReady__ManagementPort"] = port.ToString(CultureInfo.InvariantCulture),
            ["DOTNET_ENVIRONMENT"] = "Production",
        };

        // One unmeasured start of each: the first start of a freshly published app reads its files from disk.
        Measure(bareExecutable, environment, port, ready: Readiness.LogLine);
        Measure(clusterReadyExecutable, environment, port, ready: Readiness.Endpoint);
        if (beforeExecutable is not null)
        {
            Measure(beforeExecutable, environment, port, ready: Readiness.Endpoint);
        }

        var bare = new List<Sample>();
        var clusterReady = new List<Sample>();
        var before = new List<Sample>();
        var starts = new List<Action>
        {
            () => bare.Add(Measure(bareExecutable, environment, port, Readiness.LogLine)),
            () => clusterReady.Add(Measure(clusterReadyExecutable, environment, port, Readiness.Endpoint)),
        };
        if (beforeExecutable is not null)
        {
            starts.Add(() => before.Add(Measure(beforeExecutable, environment, port, Readiness.Endpoint)));
        }

        for (var i = 0; i < runs; i++)
        {
            // The order rotates by one app each turn, so that each app takes each place in a turn equally often.
            for (var place = 0; place < starts.Count; place++)
            {
                starts[(i + place) % starts.Count]();
            }
        }

        output.WriteLine($"Worker start, {runs} runs each, interleaved in a rotating order; medians (min-max).");
        output.WriteLine();
        Table(output, "bare Generic Host worker", "worker with ClusterReady", "time to ready (ms): bare = \"Application started\", ClusterReady = readiness 200", bare, clusterReady);
        if (beforeExecutable is not null)
        {
            output.WriteLine();
            output.WriteLine($"The same worker against the earlier build ({beforeExecutable}), started in the same turns.");
            output.WriteLine();
            Table(output, "before", "after", "time to readiness 200 (ms)", before, clusterReady);
        }

        return 0;
    }

    private static void Table(TextWriter output, string baselineName, string measuredName, string readyName, List<Sample> baseline, List<Sample> measured)
    {
        output.WriteLine($"| measure | {baselineName} | {measuredName} | difference of medians | median of run-pair differences | ratio |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- |");
        Row(output, readyName, baseline.Select(s => s.ReadyMs), measured.Select(s => s.ReadyMs), "ms");
        Row(output, "time to \"Application started\" log line (ms)", baseline.Select(s => s.StartedMs), measured.Select(s => s.StartedMs), "ms");
        Row(output, "CPU time once ready, all threads (ms)", baseline.Select(s => s.CpuMs), measured.Select(s => s.CpuMs), "ms");
        Row(output, "working set once ready (VmRSS, MiB)", baseline.Select(s => s.ResidentKiB / 1024.0), measured.Select(s => s.ResidentKiB / 1024.0), "MiB");
    }

    private static void Row(TextWriter output, string name, IEnumerable<double> baseline, IEnumerable<double> measured, string unit)
    {
        var b = baseline.ToList();
        var c = measured.ToList();
        var (mb, mc) = (Statistics.Median(b), Statistics.Median(c));
        // Run i of each app ran one after the other, so their difference is least touched by a change in the machine's load.
        var pairs = Statistics.Median(b.Zip(c, (before, after) => after - before).ToList());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {mb:0.0} ({b.Min():0.0}-{b.Max():0.0}) | {mc:0.0} ({c.Min():0.0}-{c.Max():0.0}) | {mc - mb:+0.0;-0.0;0.0} {unit} | {pairs:+0.0;-0.0;0.0} {unit} | {mc / mb:0.00}x |"));
    }

    private enum Readiness
    {
        LogLine,
        Endpoint,
    }

    private sealed record Sample(double ReadyMs, double StartedMs, long ResidentKiB, double CpuMs);

    private static Sample Measure(string executable, IReadOnlyDictionary<string, string> environment, int port, Readiness ready)
    {
        var start = Stopwatch.GetTimestamp();
        using var app = AppProcess.Start(executable, environment);
        var readyAt = app.WaitUntilReady(port, ready == Readiness.Endpoint, start, Timeout);
        var resident = app.ResidentKiB();
        var cpu = app.CpuMilliseconds();
        var startedAt = WaitFor(() => app.StartedTimestamp);
        Thread.Sleep(200); // let the process settle before it is killed and the next one starts
        return new Sample(
            Stopwatch.GetElapsedTime(start, readyAt).TotalMilliseconds,
            Stopwatch.GetElapsedTime(start, startedAt).TotalMilliseconds,
            resident,
            cpu);
    }

    private static long WaitFor(Func<long> timestamp)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(5 * Stopwatch.Frequency);
        while (timestamp() is var value && value == 0)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException("The app never logged \"Application started\".");
            }

            Thread.Sleep(1);
        }

        return timestamp();
    }
}
