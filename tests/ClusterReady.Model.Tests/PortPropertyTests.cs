using ClusterReady.Model.Rules;
using CsCheck;

namespace ClusterReady.Model.Tests;

/// <summary>The port rules on generated port numbers, mostly near the edges Kubernetes and Linux draw: 0, 1, 1024, 65535.</summary>
public sealed class PortPropertyTests
{
    private static readonly Gen<int> Ports = Gen.Frequency(
        (1, Gen.Int[int.MinValue, int.MaxValue]),
        (2, Gen.Int[-3, 3]),
        (2, Gen.Int[1020, 1028]),
        (2, Gen.Int[65530, 65540]),
        (2, Gen.Int[1, 65535]));

    [Fact]
    public void A_port_is_out_of_range_exactly_outside_1_to_65535_and_privileged_exactly_below_1024() =>
        Ports.Sample(port =>
        {
            var ids = Declarations.FindingIds(Declarations.Service(("ContainerPort", [("Port", port)]), ("Resources", [("MemoryLimit", "512Mi")])));

            Assert.Equal(port is < 1 or > 65535, ids.Contains(RuleCatalog.PortOutOfRange.Id));
            Assert.Equal(port is >= 1 and < 1024, ids.Contains(RuleCatalog.PrivilegedPort.Id));
        }, iter: 1_000, print: port => "ContainerPort(" + port + ")");
}
