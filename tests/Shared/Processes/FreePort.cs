using System.Net;
using System.Net.Sockets;

namespace ClusterReady.Tests.Processes;

/// <summary>
/// Ports for test apps and containers to listen on. A port the kernel hands out for port 0 comes from its ephemeral
/// range, which it also draws from for the local end of every outgoing connection: between the test closing its
/// probe socket and the app binding the number, any process's next connection may take it (seen in CI: a test app
/// stopped on "address already in use" while parallel test assemblies were connecting). Ports below that range are
/// never given to a connection, only to whoever binds them by number, so they are taken from there: from a random
/// place per process (test assemblies run in parallel), then in turn, each checked free on every address.
/// </summary>
internal static class FreePort
{
    internal const int Lowest = 10_000;

    /// <summary>Where the kernel's ephemeral range starts.</summary>
    internal static readonly int EphemeralStart = ReadEphemeralStart();

    /// <summary>Whether ports come from below that range; if not (a range starting near <see cref="Lowest"/>), from the kernel.</summary>
    internal static bool BelowEphemeralRange => EphemeralStart > Lowest + 1000;

    private static int s_last = Random.Shared.Next(Lowest, Math.Max(Lowest + 1, EphemeralStart));

    public static int Next()
    {
        if (!BelowEphemeralRange)
        {
            // No room below the range on this machine: a port the kernel gave out, as before.
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Lowest + (Interlocked.Increment(ref s_last) - Lowest) % (EphemeralStart - Lowest);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free port in {Lowest}-{EphemeralStart - 1} after 1000 attempts");
    }

    /// <summary>Free on every address: a bind to the wildcard (dual-stack where there is IPv6) fails if anything listens on the number.</summary>
    internal static bool IsFree(int port)
    {
        try
        {
            using var socket = Socket.OSSupportsIPv6
                ? new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true }
                : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Linux's setting; elsewhere IANA's 49152.</summary>
    private static int ReadEphemeralStart()
    {
        const string Setting = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(Setting)
            && int.TryParse(File.ReadAllText(Setting).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], out var start)
            ? start
            : 49_152;
    }
}
