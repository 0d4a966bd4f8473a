using System.Net;
using System.Net.Sockets;

namespace ClusterReady.EndToEnd.Tests;

/// <summary>The ports the tests' apps, containers and registry listen on: below the kernel's ephemeral range, and free.</summary>
public sealed class FreePortTests
{
    [SkippableFact]
    public void Ports_come_from_below_the_ephemeral_range_each_free_and_none_twice()
    {
        Skip.IfNot(FreePort.BelowEphemeralRange, "no room below this machine's ephemeral range");

        var ports = Enumerable.Range(0, 50).Select(_ => FreePort.Next()).ToList();

        Assert.All(ports, port => Assert.InRange(port, FreePort.Lowest, FreePort.EphemeralStart - 1));
        Assert.Equal(ports.Count, ports.Distinct().Count());
        foreach (var port in ports)
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
    }

    [Fact]
    public void A_port_something_listens_on_is_not_free_on_any_address()
    {
        // A port of the test's own (from FreePort, so no other test is given it), held on loopback only: the check,
        // a bind to the wildcard, must see it taken, and free again once released.
        var port = FreePort.Next();
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        try
        {
            Assert.False(FreePort.IsFree(port), $"port {port} is held on 127.0.0.1 but was reported free");
        }
        finally
        {
            listener.Dispose();
        }

        Assert.True(FreePort.IsFree(port), $"port {port} was released but is reported taken");
    }
}
