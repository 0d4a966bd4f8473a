using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClusterReady.Benchmarks.Processes;

/// <summary>One probe the way the kubelet sends it: a new connection, one GET, the status code.</summary>
internal static class HttpProbe
{
    /// <returns>The status code, or 0 when nothing answered (refused, reset or timed out).</returns>
    public static int Get(int port, string path)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 2000 };
            socket.Connect(IPAddress.Loopback, port);
            socket.Send(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"));
            Span<byte> buffer = stackalloc byte[64];
            var length = 0;
            while (length < 12)
            {
                var read = socket.Receive(buffer[length..]);
                if (read == 0)
                {
                    return 0;
                }

                length += read;
            }

            // "HTTP/1.1 200 ..."
            return int.TryParse(buffer[9..12], out var status) ? status : 0;
        }
        catch (SocketException)
        {
            return 0;
        }
    }

    /// <summary>Probes every 5 ms until 200; returns how long that took.</summary>
    public static TimeSpan WaitForOk(int port, string path, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (Get(port, path) != 200)
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"127.0.0.1:{port}{path} did not answer 200 within {timeout.TotalSeconds:0} s.");
            }

            Thread.Sleep(5);
        }

        return watch.Elapsed;
    }
}
