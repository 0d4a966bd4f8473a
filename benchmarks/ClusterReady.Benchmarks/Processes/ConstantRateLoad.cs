using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClusterReady.Benchmarks.Processes;

/// <summary>
/// Open-loop load at a constant rate, started the moment the readiness endpoint answers 200. Request i is due at
/// start + i/rate and its latency is measured from that intended time to the end of its response, so a stall of the
/// app delays the requests behind it and shows in their latency instead of slowing the sender down (no coordinated
/// omission). HTTP/1.1 keep-alive to 127.0.0.1 over a pool of connections (plain sockets, so that the generator costs
/// little CPU per request): a request that finds every connection busy waits for one, its clock already running. The first <c>seed</c> requests are POSTs of a new order (the list the
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
    /// Sends <paramref name="total"/> requests to 127.0.0.1:<paramref name="port"/> on the schedule over connections
    /// opened as needed; returns each one's latency from its intended send time, whether it failed, and how late the
    /// sender handed it out.
    /// </summary>
    private static (double[] Latencies, bool[] Failed, double[] Lag) Schedule(LoadOptions options, int port, int total)
    {
        var latencies = new double[total];
        var failed = new bool[total];
        var lag = new double[total];
        var get = Encoding.ASCII.GetBytes($"GET {options.Path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
        var queue = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleWriter = true });
        var start = Stopwatch.GetTimestamp();
        var ticksPerRequest = Stopwatch.Frequency / options.Rate;

        // Each connection takes the next request that is due, whenever it is free; the clock of a request that waits in
        // the queue is already running.
        var connections = Enumerable.Range(0, options.Connections).Select(_ => Task.Run(async () =>
        {
            using var connection = new KeptAliveConnection(port);
            await foreach (var i in queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                var request = i < options.Seed ? Post(options.SeedPath, port, i) : get;
                failed[i] = !await connection.SendAsync(request).ConfigureAwait(false);
                latencies[i] = (Stopwatch.GetTimestamp() - (start + (long)(i * ticksPerRequest))) * 1000.0 / Stopwatch.Frequency;
            }
        })).ToArray();

        // One thread hands the requests out at their intended times.
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * ticksPerRequest);
            WaitUntil(due);
            lag[i] = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
            queue.Writer.TryWrite(i);
        }

        queue.Writer.Complete();
        if (!Task.WaitAll(connections, TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException("Requests were still unanswered a minute after the last one was due.");
        }

        return (latencies, failed, lag);
    }

    private static byte[] Post(string path, int port, int index)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $$"""{"sku":"SKU-{{index:0000}}","quantity":{{(index % 9) + 1}}}""");
        return Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}");
    }

    /// <summary>
    /// The load generator's own code (sockets, the HTTP/1.1 reading, the channel) is compiled and tiered up before
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

    // Sleeps with nanosleep, which wakes within tens of microseconds (Thread.Sleep rounds to whole milliseconds) and
    // does not take a core as spinning would; how late it woke is reported and is part of the latencies.
    private static void WaitUntil(long due)
    {
        var left = due - Stopwatch.GetTimestamp();
        if (left > 0)
        {
            var nanoseconds = left * 1_000_000_000 / Stopwatch.Frequency;
            NanoSleep(new TimeSpec(nanoseconds / 1_000_000_000, nanoseconds % 1_000_000_000), 0);
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

/// <summary>
/// One HTTP/1.1 connection kept alive to 127.0.0.1, opened on first use and again after an error: a request, then its
/// whole response (Content-Length or chunked). Reports whether the status was 2xx.
/// </summary>
internal sealed class KeptAliveConnection(int port) : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();
    private Socket? _socket;
    private byte[] _buffer = new byte[16 * 1024];
    private int _length;

    public async Task<bool> SendAsync(byte[] request)
    {
        try
        {
            if (_socket is null)
            {
                _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await _socket.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
            }

            await _socket.SendAsync(request, SocketFlags.None).ConfigureAwait(false);
            return await ReadResponseAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or FormatException)
        {
            Dispose();
            return false;
        }
    }

    public void Dispose()
    {
        _socket?.Dispose();
        _socket = null;
        _length = 0;
    }

    private async Task<bool> ReadResponseAsync()
    {
        var headerEnd = await FindAsync(HeaderEnd, 0).ConfigureAwait(false) + HeaderEnd.Length;
        var headers = Encoding.ASCII.GetString(_buffer, 0, headerEnd);
        var status = int.Parse(headers.AsSpan(9, 3), CultureInfo.InvariantCulture);
        var end = headerEnd;
        if (headers.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (true)
            {
                var line = await FindAsync(LineEnd, end).ConfigureAwait(false);
                var size = int.Parse(Encoding.ASCII.GetString(_buffer, end, line - end).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                end = line + LineEnd.Length + size + LineEnd.Length;
                await FillAsync(end).ConfigureAwait(false);
                if (size == 0)
                {
                    break;
                }
            }
        }
        else if (Header(headers, "content-length:") is { } length)
        {
            end += int.Parse(length, CultureInfo.InvariantCulture);
            await FillAsync(end).ConfigureAwait(false);
        }

        // Keep what came after this response (nothing, without pipelining) for the next one.
        Buffer.BlockCopy(_buffer, end, _buffer, 0, _length - end);
        _length -= end;
        if (Header(headers, "connection:") is { } connection && connection.Equals("close", StringComparison.OrdinalIgnoreCase))
        {
            Dispose();
        }

        return status is >= 200 and < 300;
    }

    private static string? Header(string headers, string name)
    {
        var at = headers.IndexOf("\r\n" + name, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : headers[(at + 2 + name.Length)..headers.IndexOf('\r', at + 2)].Trim();
    }

    // The index of the first occurrence of the bytes at or after from, reading until it is there.
    private async Task<int> FindAsync(byte[] bytes, int from)
    {
        while (true)
        {
            var at = _buffer.AsSpan(from, _length - from).IndexOf(bytes);
            if (at >= 0)
            {
                return from + at;
            }

            await ReadAsync().ConfigureAwait(false);
        }
    }

    private async Task FillAsync(int length)
    {
        while (_length < length)
        {
            await ReadAsync().ConfigureAwait(false);
        }
    }

    private async Task ReadAsync()
    {
        if (_length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await _socket!.ReceiveAsync(_buffer.AsMemory(_length), SocketFlags.None).ConfigureAwait(false);
        if (read == 0)
        {
            throw new IOException("The server closed the connection.");
        }

        _length += read;
    }
}
