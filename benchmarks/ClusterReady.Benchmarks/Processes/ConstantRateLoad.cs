using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClusterReady.Benchmarks.Processes;

/// <summary>
/// Open-loop load at a constant rate, started the moment the readiness endpoint answers 200. Request i is due at
/// start + i/rate and its latency is measured from that intended time to the end of its response, so a stall of the
/// app delays the requests behind it and shows in their latency instead of slowing the sender down (no coordinated
/// omission). HTTP/1.1 keep-alive to 127.0.0.1 over a pool of connections: a request that finds every connection busy
/// waits for one, its clock already running. The first <c>seed</c> requests are POSTs of a new order (the list the
/// GETs return), the rest GETs of the path. With a container name, the load generator warms itself up first and then
/// starts the container ('podman start'), so that its own first requests are not slow.
/// </summary>
internal static partial class ConstantRateLoad
{
    private const int FirstWindow = 1000;

    public static int Run(LoadOptions options, TextWriter output)
    {
        WarmClient(options);
        if (options.Container is { } container)
        {
            Start(container);
        }

        // Polled every 5 ms, a new connection per probe as the kubelet does.
        var ready = HttpProbe.WaitForOk(options.ReadyPort, options.ReadyPath, TimeSpan.FromSeconds(120));
        var total = (int)(options.Rate * options.Duration.TotalSeconds);
        var (latencies, failed, lag) = Schedule(options, options.Port, total);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ready after {ready.TotalMilliseconds:0} ms of polling; {total} requests at {options.Rate:0} /s for {options.Duration.TotalSeconds:0} s, " +
            $"{options.Connections} connections, the first {options.Seed} POST {options.SeedPath}, then GET {options.Path}; " +
            $"sender behind schedule: p99 {Percentile(lag, 0.99):0.00} ms, max {lag.Max():0.00} ms"));
        var warm = (int)Math.Min(total, options.Rate * options.Warm.TotalSeconds);
        Report(output, $"first-{FirstWindow}", latencies, failed, lag, 0, Math.Min(FirstWindow, total));
        Report(output, "steady", latencies, failed, lag, warm, total);
        return 0;
    }

    /// <summary>
    /// Sends <paramref name="total"/> requests to 127.0.0.1:<paramref name="port"/> on the schedule, from a new client
    /// (no connection open yet); returns each one's latency from its intended send time, whether it failed, and how
    /// late the sender handed it out.
    /// </summary>
    private static (double[] Latencies, bool[] Failed, double[] Lag) Schedule(LoadOptions options, int port, int total)
    {
        using var client = CreateClient(options.Connections);
        var latencies = new double[total];
        var failed = new bool[total];
        var lag = new double[total];
        var pending = new Task[total];
        var url = new Uri($"http://127.0.0.1:{port}{options.Path}");
        var postUrl = new Uri($"http://127.0.0.1:{port}{options.SeedPath}");

        // One thread hands the requests out at their intended times; the responses complete on the thread pool.
        var start = Stopwatch.GetTimestamp();
        var ticksPerRequest = Stopwatch.Frequency / options.Rate;
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * ticksPerRequest);
            WaitUntil(due);
            lag[i] = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
            pending[i] = Send(client, i < options.Seed ? postUrl : url, i < options.Seed, i, due, latencies, failed);
        }

        Task.WaitAll(pending);
        return (latencies, failed, lag);
    }

    /// <summary>
    /// The load generator's own code (HttpClient, SocketsHttpHandler, HTTP/1.1 parsing) is compiled and tiered up before
    /// the app starts, against a stand-in on a free loopback port answering a chunked JSON body as the app does: the
    /// first requests after ready then measure the app, not this process's JIT.
    /// </summary>
    private static void WarmClient(LoadOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        using var standIn = builder.Build();
        var body = "[" + string.Join(',', Enumerable.Range(1, options.Seed).Select(i => $$"""{"id":{{i}},"sku":"SKU-{{i:0000}}","quantity":1}""")) + "]";
        standIn.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });
        standIn.StartAsync().GetAwaiter().GetResult();
        var port = new Uri(standIn.Urls.First()).Port;
        Schedule(options, port, (int)Math.Min(4000, options.Rate * 2));
        standIn.StopAsync().GetAwaiter().GetResult();
    }

    private static void Start(string container)
    {
        using var podman = Process.Start(new ProcessStartInfo("podman", ["start", container]) { RedirectStandardOutput = true })!;
        podman.StandardOutput.ReadToEnd();
        podman.WaitForExit();
        if (podman.ExitCode != 0)
        {
            throw new InvalidOperationException($"podman start {container} exited with {podman.ExitCode}.");
        }
    }

    private static async Task Send(HttpClient client, Uri url, bool post, int index, long due, double[] latencies, bool[] failed)
    {
        try
        {
            using var request = new HttpRequestMessage(post ? HttpMethod.Post : HttpMethod.Get, url);
            if (post)
            {
                request.Content = new StringContent(
                    string.Create(CultureInfo.InvariantCulture, $$"""{"sku":"SKU-{{index:0000}}","quantity":{{(index % 9) + 1}}}"""),
                    Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
            failed[index] = !response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            failed[index] = true;
        }

        latencies[index] = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
    }

    private static HttpClient CreateClient(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    // Sleeps (nanosleep, which wakes within tens of microseconds, unlike Thread.Sleep's whole milliseconds) until about
    // 80 us before the due time, then spins: the requests leave on time without the sender taking a core.
    private static void WaitUntil(long due)
    {
        var spin = Stopwatch.Frequency / 12_500;
        while (true)
        {
            var left = due - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                return;
            }

            if (left > spin)
            {
                var nanoseconds = (left - spin) * 1_000_000_000 / Stopwatch.Frequency;
                var request = new TimeSpec(nanoseconds / 1_000_000_000, nanoseconds % 1_000_000_000);
                NanoSleep(request, 0);
            }
            else
            {
                Thread.SpinWait(10);
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct TimeSpec(long Seconds, long Nanoseconds);

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(in TimeSpec request, nint remaining);

    // One line per window, "<name>: count N errors N p50 .. p90 .. p99 .. p99.9 .. max .. sender-p99 .." (ms), parsed by
    // benchmarks/run.sh; sender-p99 is how late the sender handed the requests out (part of their latency).
    private static void Report(TextWriter output, string name, double[] latencies, bool[] failed, double[] lag, int from, int to)
    {
        var window = latencies[from..to];
        var errors = failed[from..to].Count(f => f);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: count {window.Length} errors {errors} p50 {Percentile(window, 0.50):0.00} p90 {Percentile(window, 0.90):0.00} " +
            $"p99 {Percentile(window, 0.99):0.00} p99.9 {Percentile(window, 0.999):0.00} max {(window.Length == 0 ? 0 : window.Max()):0.00} " +
            $"sender-p99 {Percentile(lag[from..to], 0.99):0.00}"));
    }

    private static double Percentile(double[] values, double quantile) => values.Length == 0 ? 0 : Statistics.Percentile(values, quantile);
}

internal sealed record LoadOptions(
    int Port,
    int ReadyPort,
    string ReadyPath,
    string Path,
    string SeedPath,
    int Seed,
    double Rate,
    TimeSpan Duration,
    TimeSpan Warm,
    int Connections,
    string? Container);
