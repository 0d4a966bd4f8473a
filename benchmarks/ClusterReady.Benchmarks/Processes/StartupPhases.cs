using System.Diagnostics;
using System.Globalization;

namespace ClusterReady.Benchmarks.Processes;

/// <summary>
/// Where a worker's start-up time goes: the Phases* apps (benchmarks/apps/Phases/Program.cs) take a timestamp at each
/// step of Program.cs; this starts them in turns and prints the median time of each step, and each app's difference
/// from the first one (median of run-pair differences).
/// </summary>
/// <remarks>
/// The first step runs from just before the process is started to the first line of Main: the runtime's own start,
/// which reads the app's deps.json and loads what Main needs. The last runs from ApplicationStarted to the first
/// readiness 200, for the apps that serve one (<c>--serving-app</c>; polled every millisecond from the start, as the
/// start-up comparison does, and so are the others, which never answer). Once an app is ready (a serving app's first
/// 200, another's "Application started" line) it gets SIGINT and writes its timestamps while it stops, so that writing
/// them costs the start nothing. The apps' timestamps and the harness's are both <see cref="Stopwatch"/> readings, the
/// same monotonic clock on Linux.
/// </remarks>
internal static class StartupPhases
{
    private static readonly string[] Steps =
    [
        "process start to Main",
        "Host.CreateApplicationBuilder",
        "the app's registrations (worker, health check)",
        "AddClusterReady",
        "Build",
        "Run until ApplicationStarted",
        "total, process start to ApplicationStarted",
        "ApplicationStarted to the first readiness 200",
        "total, process start to ready",
    ];

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static int Run(IReadOnlyList<(string Name, string Path, bool Serving)> apps, IReadOnlyDictionary<string, string> environment, int port, int runs, TextWriter output)
    {
        if (apps.Count == 0)
        {
            throw new ArgumentException("phases needs at least one --app or --serving-app <name>=<path>.");
        }

        var variables = new Dictionary<string, string>(environment)
        {
            ["ClusterReady__ManagementPort"] = port.ToString(CultureInfo.InvariantCulture),
            ["DOTNET_ENVIRONMENT"] = "Production",
        };

        // One unmeasured start of each: the first start of a freshly published app reads its files from disk.
        foreach (var app in apps)
        {
            Measure(app.Path, app.Serving, variables, port);
        }

        var samples = apps.Select(_ => new List<double[]>()).ToArray();
        for (var i = 0; i < runs; i++)
        {
            // The order rotates by one app each turn, so that each app takes each place in a turn equally often.
            for (var place = 0; place < apps.Count; place++)
            {
                var a = (i + place) % apps.Count;
                samples[a].Add(Measure(apps[a].Path, apps[a].Serving, variables, port));
            }
        }

        output.WriteLine($"Start-up by step, {runs} starts of each app in turns; medians in ms, and each app's difference from {apps[0].Name} (median of run-pair differences).");
        output.WriteLine();
        output.WriteLine($"| step | {string.Join(" | ", apps.Select(a => a.Name))} | {string.Join(" | ", apps.Skip(1).Select(a => $"{a.Name} - {apps[0].Name}"))} |");
        output.WriteLine($"| --- |{string.Concat(Enumerable.Repeat(" --- |", apps.Count * 2 - 1))}");
        for (var step = 0; step < Steps.Length; step++)
        {
            var medians = samples.Select(s => Statistics.Median(s.Select(v => v[step]).ToList()));
            var differences = samples.Skip(1).Select(s => Statistics.Median(s.Zip(samples[0], (after, before) => after[step] - before[step]).ToList()));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Steps[step]} | {string.Join(" | ", medians.Select(m => m.ToString("0.0", CultureInfo.InvariantCulture)))} | {string.Join(" | ", differences.Select(d => d.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)))} |"));
        }

        return 0;
    }

    /// <returns>The duration of each step in <see cref="Steps"/>, in milliseconds.</returns>
    private static double[] Measure(string executable, bool serving, IReadOnlyDictionary<string, string> environment, int port)
    {
        string? line = null;
        var start = Stopwatch.GetTimestamp();
        using var app = AppProcess.Start(executable, environment, errorLine: l =>
        {
            if (l.StartsWith("phases: ", StringComparison.Ordinal))
            {
                Volatile.Write(ref line, l);
            }
        });

        var readyAt = app.WaitUntilReady(port, serving, start, Timeout);
        // Let the process settle (and finish its ApplicationStarted callbacks, which may still run when the line
        // arrives) before it stops and the next one starts.
        Thread.Sleep(200);
        app.Interrupt();
        if (!app.WaitForExit(Timeout))
        {
            throw new TimeoutException($"{executable} did not stop within {Timeout.TotalSeconds} s of SIGINT.");
        }

        var fields = Volatile.Read(ref line)?.Split(' ') ?? throw new InvalidOperationException($"{executable} wrote no \"phases:\" line.");
        var frequency = long.Parse(fields[1], CultureInfo.InvariantCulture);
        if (frequency != Stopwatch.Frequency)
        {
            throw new InvalidOperationException($"{executable} counts {frequency} ticks a second, the harness {Stopwatch.Frequency}: their timestamps cannot be compared.");
        }

        // start, Main, CreateApplicationBuilder, registrations, AddClusterReady, Build, ApplicationStarted
        var marks = fields.Skip(2).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).Prepend(start).ToArray();
        var started = marks[^1];
        var steps = new double[Steps.Length];
        for (var i = 0; i + 1 < marks.Length; i++)
        {
            steps[i] = Stopwatch.GetElapsedTime(marks[i], marks[i + 1]).TotalMilliseconds;
        }

        steps[6] = Stopwatch.GetElapsedTime(start, started).TotalMilliseconds;
        // An app that serves nothing is ready at its "Application started" line, which it writes at ApplicationStarted.
        steps[7] = serving ? Stopwatch.GetElapsedTime(started, readyAt).TotalMilliseconds : 0;
        steps[8] = steps[6] + steps[7];
        return steps;
    }
}
