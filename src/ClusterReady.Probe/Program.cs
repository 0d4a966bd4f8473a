using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

// clusterready-probe <url> [timeout]: one GET of http://127.0.0.1:<port><path>; exit 0 when the status is 200-399,
// 1 when it is not or the app does not answer within the timeout (default 2s), 2 on a usage error.
return ClusterReady.Probe.HttpProbe.Run(args, Console.Error);

namespace ClusterReady.Probe
{
    internal static class HttpProbe
    {
        public static int Run(string[] args, TextWriter error)
        {
            if (args.Length is < 1 or > 2 || !TryParseTarget(args[0], out var port, out var path) || !TryParseTimeout(args.Length > 1 ? args[1] : "2s", out var timeout))
            {
                error.WriteLine("usage: clusterready-probe http://127.0.0.1:<port>/<path> [<seconds>s]  (loopback only)");
                return 2;
            }

            try
            {
                var status = Get(port, path, timeout);
                if (status is >= 200 and < 400)
                {
                    return 0;
                }

                error.WriteLine($"GET {path}: {status}");
                return 1;
            }
            catch (Exception e) when (e is SocketException or IOException or TimeoutException or FormatException)
            {
                error.WriteLine($"GET {path}: {e.Message}");
                return 1;
            }
        }

        /// <summary>Only http://127.0.0.1:port/path: the probe never leaves the container.</summary>
        internal static bool TryParseTarget(string url, out int port, out string path)
        {
            port = 0;
            path = "/";
            const string Prefix = "http://127.0.0.1:";
            if (!url.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return false;
            }

            var rest = url[Prefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var portText = slash < 0 ? rest : rest[..slash];
            path = slash < 0 ? "/" : rest[slash..];
            return int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535
                && !path.Any(c => c is ' ' or '\r' or '\n' or '\t');
        }

        internal static bool TryParseTimeout(string text, out TimeSpan timeout)
        {
            timeout = default;
            var number = text.EndsWith('s') ? text[..^1] : text;
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
            {
                return false;
            }

            timeout = TimeSpan.FromSeconds(seconds);
            return true;
        }

        /// <summary>
        /// The status code of one HTTP/1.1 GET with Connection: close; only the status line is read. Blocking calls
        /// with socket timeouts: no thread pool and no event loop start, which keeps a check at a few milliseconds.
        /// </summary>
        internal static int Get(int port, string path, TimeSpan timeout)
        {
            var milliseconds = (int)timeout.TotalMilliseconds;
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
            {
                NoDelay = true,
                SendTimeout = milliseconds,
                ReceiveTimeout = milliseconds,
            };
            try
            {
                // On loopback a connect is answered at once: accepted, or refused when nothing listens.
                socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
                socket.Send(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: clusterready-probe\r\nConnection: close\r\n\r\n"));

                // "HTTP/1.1 200 OK": the status code is the second word of the first line.
                var buffer = new byte[64];
                var read = 0;
                while (read < 12)
                {
                    var n = socket.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                var line = Encoding.ASCII.GetString(buffer, 0, read);
                if (!line.StartsWith("HTTP/1.", StringComparison.Ordinal) || line.Length < 12
                    || !int.TryParse(line.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
                {
                    throw new FormatException("not an HTTP response");
                }

                return status;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                throw new TimeoutException($"no answer within {timeout.TotalSeconds:0} s");
            }
        }
    }
}
