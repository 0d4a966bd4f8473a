using System.Net;
using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClusterReady.Benchmarks.Runtime;

/// <summary>
/// One readiness request over a kept-alive loopback connection, in process: the worker listener and ClusterReady on
/// Kestrel against ASP.NET Core's MapHealthChecks with the same check. One connection, one request at a time, so this
/// is the cost of the request path itself (and, with the memory diagnoser, what the server allocates per request,
/// since the client side allocates nothing); benchmarks/run.sh measures throughput under concurrent load.
/// </summary>
/// <remarks>
/// ClusterReady reuses a check result for <c>HealthCheckCacheDuration</c> (1 s by default) where MapHealthChecks runs
/// the checks on every request, so both ClusterReady paths are also measured with the cache off.
/// </remarks>
[MemoryDiagnoser]
public class ReadinessRequestBenchmarks
{
    private const string Path = "/healthz/ready";

    private readonly List<IHost> _hosts = [];
    private KeptAliveClient _mapHealthChecks = null!;
    private KeptAliveClient _worker = null!;
    private KeptAliveClient _workerUncached = null!;
    private KeptAliveClient _kestrel = null!;
    private KeptAliveClient _kestrelUncached = null!;

    [GlobalSetup]
    public void Setup()
    {
        _mapHealthChecks = new KeptAliveClient(Start(MapHealthChecksApp));
        _worker = new KeptAliveClient(Start(port => WorkerApp(port, TimeSpan.FromSeconds(1))));
        _workerUncached = new KeptAliveClient(Start(port => WorkerApp(port, TimeSpan.Zero)));
        _kestrel = new KeptAliveClient(Start(port => ClusterReadyKestrelApp(port, TimeSpan.FromSeconds(1))));
        _kestrelUncached = new KeptAliveClient(Start(port => ClusterReadyKestrelApp(port, TimeSpan.Zero)));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var client in new[] { _mapHealthChecks, _worker, _workerUncached, _kestrel, _kestrelUncached })
        {
            client?.Dispose();
        }

        foreach (var host in _hosts)
        {
            host.StopAsync().GetAwaiter().GetResult();
            host.Dispose();
        }
    }

    [Benchmark(Baseline = true, Description = "MapHealthChecks on Kestrel")]
    public int MapHealthChecks() => _mapHealthChecks.Get();

    [Benchmark(Description = "ClusterReady worker listener")]
    public int WorkerListener() => _worker.Get();

    [Benchmark(Description = "ClusterReady worker listener, cache off")]
    public int WorkerListenerUncached() => _workerUncached.Get();

    [Benchmark(Description = "ClusterReady on Kestrel")]
    public int ClusterReadyOnKestrel() => _kestrel.Get();

    [Benchmark(Description = "ClusterReady on Kestrel, cache off")]
    public int ClusterReadyOnKestrelUncached() => _kestrelUncached.Get();

    private int Start(Func<int, IHost> create)
    {
        var port = FreePort();
        var host = create(port);
        host.Start();
        _hosts.Add(host);
        using var client = new KeptAliveClient(port);
        if (client.Get() != 200)
        {
            throw new InvalidOperationException($"The readiness endpoint on port {port} did not answer 200.");
        }

        return port;
    }

    private static IHost WorkerApp(int port, TimeSpan cache)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        AddCheck(builder.Services);
        builder.AddClusterReady(o =>
        {
            o.ManagementPort = port;
            o.HealthCheckCacheDuration = cache;
        });
        return builder.Build();
    }

    private static IHost ClusterReadyKestrelApp(int port, TimeSpan cache)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort()}");
        AddCheck(builder.Services);
        builder.AddClusterReady(o =>
        {
            o.ManagementPort = port;
            o.HealthCheckCacheDuration = cache;
        });
        var app = builder.Build();
        app.MapGet("/", () => "bench");
        return app;
    }

    private static IHost MapHealthChecksApp(int port)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        AddCheck(builder.Services);
        var app = builder.Build();
        app.MapHealthChecks(Path, new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapGet("/", () => "bench");
        return app;
    }

    private static void AddCheck(IServiceCollection services) =>
        services.AddHealthChecks().AddCheck("dependency", () => HealthCheckResult.Healthy(), tags: ["ready"]);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A kept-alive HTTP/1.1 connection that sends one GET and reads one whole response, allocating nothing per request.</summary>
    private sealed class KeptAliveClient : IDisposable
    {
        private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
        private static readonly byte[] ChunkedEnd = "0\r\n\r\n"u8.ToArray();
        private static readonly byte[] ContentLength = "Content-Length: "u8.ToArray();

        private readonly Socket _socket;
        private readonly byte[] _request;
        private readonly byte[] _buffer = new byte[4096];

        public KeptAliveClient(int port)
        {
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            _socket.Connect(IPAddress.Loopback, port);
            _request = Encoding.ASCII.GetBytes($"GET {Path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
        }

        /// <returns>The status code.</returns>
        public int Get()
        {
            _socket.Send(_request);
            var length = 0;
            while (true)
            {
                var read = _socket.Receive(_buffer.AsSpan(length));
                if (read == 0)
                {
                    throw new InvalidOperationException("The server closed the connection.");
                }

                length += read;
                if (IsComplete(_buffer.AsSpan(0, length)))
                {
                    return (_buffer[9] - '0') * 100 + (_buffer[10] - '0') * 10 + (_buffer[11] - '0');
                }
            }
        }

        public void Dispose() => _socket.Dispose();

        private static bool IsComplete(ReadOnlySpan<byte> response)
        {
            var headerEnd = response.IndexOf(HeaderEnd);
            if (headerEnd < 0)
            {
                return false;
            }

            var headers = response[..headerEnd];
            var lengthAt = headers.IndexOf(ContentLength);
            if (lengthAt < 0)
            {
                // No Content-Length: a chunked body, complete at the last chunk.
                return response.EndsWith(ChunkedEnd);
            }

            var value = headers[(lengthAt + ContentLength.Length)..];
            var lineEnd = value.IndexOf((byte)'\r');
            var bodyLength = int.Parse(lineEnd < 0 ? value : value[..lineEnd]);
            return response.Length >= headerEnd + HeaderEnd.Length + bodyLength;
        }
    }
}
