using System.Globalization;
using ClusterReady.Model.Rules;
using CsCheck;
using k8s.Models;

namespace ClusterReady.Model.Tests;

/// <summary>
/// Request above limit (CR1002) on generated pairs of valid quantities, against the KubernetesClient's ResourceQuantity
/// (a port of apimachinery's parser written by other people than the product's grammar). The pairs are the same amount
/// spelled two ways, or one smallest step apart, so the boundary is where most of them fall.
/// </summary>
public sealed class ResourcePropertyTests
{
    private const long Iterations = 2_000;

    /// <summary>Millicores spelled five ways Kubernetes accepts: 250m, 0.25, 250000u, 250000000n, 250e-3.</summary>
    private static readonly Func<long, string>[] CpuSpellings =
    [
        millicores => millicores.ToString(CultureInfo.InvariantCulture) + "m",
        millicores => (millicores / 1000m).ToString(CultureInfo.InvariantCulture),
        millicores => (millicores * 1000).ToString(CultureInfo.InvariantCulture) + "u",
        millicores => (millicores * 1_000_000).ToString(CultureInfo.InvariantCulture) + "n",
        millicores => millicores.ToString(CultureInfo.InvariantCulture) + "e-3",
    ];

    /// <summary>Kibibytes spelled as Ki, bytes, bytes with an exponent, Mi when whole, k when whole.</summary>
    private static readonly Func<long, string>[] MemorySpellings =
    [
        kibibytes => kibibytes.ToString(CultureInfo.InvariantCulture) + "Ki",
        kibibytes => (kibibytes * 1024).ToString(CultureInfo.InvariantCulture),
        kibibytes => "+" + (kibibytes * 1024).ToString(CultureInfo.InvariantCulture) + "e0",
        kibibytes => kibibytes % 1024 == 0 ? (kibibytes / 1024).ToString(CultureInfo.InvariantCulture) + "Mi" : kibibytes.ToString(CultureInfo.InvariantCulture) + "Ki",
        kibibytes => kibibytes * 1024 % 1000 == 0 ? (kibibytes * 1024 / 1000).ToString(CultureInfo.InvariantCulture) + "k" : (kibibytes * 1024).ToString(CultureInfo.InvariantCulture),
    ];

    [Fact]
    public void For_every_pair_of_valid_CPU_quantities_CR1002_is_the_Kubernetes_clients_comparison() =>
        Pairs(CpuSpellings, Gen.Frequency((2, Gen.Long[0, 64_000]), (1, Gen.Long[0, 64].Select(cores => cores * 1000)))).Sample(
            pair => AssertVerdict("Cpu", pair.Request, pair.Limit, extra: ("MemoryLimit", "512Mi")),
            iter: Iterations,
            print: pair => $"CpuRequest = \"{pair.Request}\", CpuLimit = \"{pair.Limit}\"");

    [Fact]
    public void For_every_pair_of_valid_memory_quantities_CR1002_is_the_Kubernetes_clients_comparison() =>
        Pairs(MemorySpellings, Gen.Frequency((2, Gen.Long[16 * 1024, 64L * 1024 * 1024]), (1, Gen.Long[16, 65_536].Select(mebibytes => mebibytes * 1024)))).Sample(
            pair => AssertVerdict("Memory", pair.Request, pair.Limit, extra: null),
            iter: Iterations,
            print: pair => $"MemoryRequest = \"{pair.Request}\", MemoryLimit = \"{pair.Limit}\"");

    [Theory]
    [InlineData("Cpu", "1384m", "1.384")]
    [InlineData("Cpu", "1100m", "1.1")]
    [InlineData("Cpu", "300m", "0.3")]
    [InlineData("Memory", "1Gi", "1024Mi")]
    public void The_same_amount_spelled_two_ways_is_not_above_itself(string resource, string request, string limit) =>
        AssertVerdict(resource, request, limit, extra: null);

    /// <summary>An amount and another 0, 1 or a few smallest steps away (either side), each spelled one of the ways.</summary>
    private static Gen<(string Request, string Limit)> Pairs(Func<long, string>[] spellings, Gen<long> amounts) =>
        Gen.Select(amounts, Gen.OneOf(-1000L, -1L, 0L, 0L, 1L, 1000L), Gen.Int[0, spellings.Length - 1], Gen.Int[0, spellings.Length - 1])
            .Where(t => t.Item1 + t.Item2 >= 0)
            .Select(t => (spellings[t.Item3](t.Item1), spellings[t.Item4](t.Item1 + t.Item2)));

    private static void AssertVerdict(string resource, string request, string limit, (string Name, object Value)? extra)
    {
        (string, object)[] arguments = extra is { } more
            ? [(resource + "Request", request), (resource + "Limit", limit), more]
            : [(resource + "Request", request), (resource + "Limit", limit)];
        var ids = Declarations.FindingIds(Declarations.Service(("Resources", arguments)));

        var kubernetes = new ResourceQuantity(request).ToDecimal() > new ResourceQuantity(limit).ToDecimal();
        var reported = ids.Contains(RuleCatalog.RequestAboveLimit.Id);
        Assert.DoesNotContain(RuleCatalog.InvalidQuantity.Id, ids);
        Assert.True(
            kubernetes == reported,
            $"{resource}Request = \"{request}\", {resource}Limit = \"{limit}\": Kubernetes says the request is {(kubernetes ? "above" : "within")} the limit, CR1002 is {(reported ? "" : "not ")}reported");
    }
}
