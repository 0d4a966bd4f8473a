using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClusterReady.Hosting.Tests.Infrastructure;

/// <summary>A TCP connection that sends bytes as given and reads HTTP/1.1 responses one at a time.</summary>
internal sealed class RawHttpConnection : IDisposable
{
    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp);
    private readonly List<byte> _received = [];

    private RawHttpConnection()
    {
    }

    public static async Task<RawHttpConnection> OpenAsync(int port)
    {
        var connection = new RawHttpConnection();
        await connection._socket.ConnectAsync(IPAddress.Loopback, port);
        return connection;
    }

    public Task SendAsync(string text) => _socket.SendAsync(Encoding.ASCII.GetBytes(text).AsMemory()).AsTask();

    public Task SendAsync(byte[] bytes) => _socket.SendAsync(bytes.AsMemory()).AsTask();

    /// <summary>Reads one response; a HEAD response has no body whatever its Content-Length says.</summary>
    public async Task<RawResponse> ReadResponseAsync(bool head = false)
    {
        int headEnd;
        while ((headEnd = IndexOf("\r\n\r\n"u8)) < 0)
        {
            await ReceiveMoreAsync();
        }

        var headText = Encoding.ASCII.GetString(_received.GetRange(0, headEnd).ToArray());
        var lines = headText.Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        var length = head ? 0 : int.Parse(headers["Content-Length"]);
        while (_received.Count < headEnd + 4 + length)
        {
            await ReceiveMoreAsync();
        }

        var body = Encoding.UTF8.GetString(_received.GetRange(headEnd + 4, length).ToArray());
        _received.RemoveRange(0, headEnd + 4 + length);
        return new RawResponse(int.Parse(lines[0].Split(' ')[1]), headers, body);
    }

    /// <summary>True when the server closes the connection within <paramref name="timeout"/>.</summary>
    public async Task<bool> IsClosedByServerAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            var buffer = new byte[256];
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer, cancellation.Token);
                if (read == 0)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task ReceiveMoreAsync()
    {
        var buffer = new byte[4096];
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await _socket.ReceiveAsync(buffer, cancellation.Token);
        if (read == 0)
        {
            throw new IOException("The server closed the connection before a whole response arrived.");
        }

        _received.AddRange(buffer.AsSpan(0, read));
    }

    private int IndexOf(ReadOnlySpan<byte> value) => _received.ToArray().AsSpan().IndexOf(value);
}

internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body);
