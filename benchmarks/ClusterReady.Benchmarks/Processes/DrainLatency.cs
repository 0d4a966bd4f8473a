using System.Diagnostics;
using System.Globalization;

namespace ClusterReady.Benchmarks.Processes;

/// <summary>
/// How long after SIGTERM the readiness endpoint answers 503: the app is started, probed until ready, sent SIGTERM,
/// and probed in a tight loop (a new connection per probe, as the kubelet does) until the first 503.
/// </summary>
internal static class DrainLatency
{
    public static int Run(IReadOnlyList<(string Name, string Executable)> apps, int port, int runs, TextWriter output)
    {
        var environment = new Dictionary<string, string>
        {
            ["ClusterReady__ManagementPort"] = port.ToString(CultureInfo.InvariantCulture),
            ["ASPNETCORE_HTTP_PORTS"] = (port + 1).ToString(CultureInfo.InvariantCulture),
            ["DOTNET_ENVIRONMENT"] = "Production",
        };

        output.WriteLine($"SIGTERM to readiness 503, {runs} runs each; readiness probed in a tight loop, a new connection per probe.");
        output.WriteLine();
        output.WriteLine("| app | SIGTERM to 503, median (ms) | max (ms) | one probe's round trip before SIGTERM, median (ms) | probes answered 200 after SIGTERM (median) |");
        output.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (name, executable) in apps)
        {
            var latencies = new List<double>();
            var roundTrips = new List<double>();
            var stale = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var (latency, roundTrip, okAfterSignal) = Measure(executable, environment, port);
                latencies.Add(latency);
                roundTrips.Add(roundTrip);
                stale.Add(okAfterSignal);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Statistics.Median(latencies):0.00} | {latencies.Max():0.00} | {Statistics.Median(roundTrips):0.00} | {Statistics.Median(stale):0} |"));
        }

        return 0;
    }

    private static (double LatencyMs, double RoundTripMs, int OkAfterSignal) Measure(string executable, IReadOnlyDictionary<string, string> environment, int port)
    {
        using var app = AppProcess.Start(executable, environment);
        HttpProbe.WaitForOk(port, "/healthz/ready", TimeSpan.FromSeconds(60));

        // A moment to finish starting, as a pod that has been running, then the cost of one probe for comparison.
        Thread.Sleep(500);
        var roundTrips = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            HttpProbe.Get(port, "/healthz/ready");
            roundTrips.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }

        var signalled = Stopwatch.GetTimestamp();
        app.Terminate();
        var ok = 0;
        while (true)
        {
            var status = HttpProbe.Get(port, "/healthz/ready");
            if (status == 503)
            {
                return (Stopwatch.GetElapsedTime(signalled).TotalMilliseconds, Statistics.Median(roundTrips), ok);
            }

            if (status == 200)
            {
                ok++;
            }

            if (Stopwatch.GetElapsedTime(signalled) > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException($"{executable} did not answer 503 within 10 s of SIGTERM (last status {status}).");
            }
        }
    }
}
