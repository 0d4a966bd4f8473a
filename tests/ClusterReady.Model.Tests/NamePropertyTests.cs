using System.Text.RegularExpressions;
using ClusterReady.Model.Rules;
using CsCheck;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The name grammars on generated strings, against Kubernetes' own definitions as apimachinery writes them
/// (k8s.io/apimachinery/pkg/util/validation/validation.go: the regular expressions and length limits), and the
/// sanitizers that turn any string into a name: what they return is always valid, and a valid name is left alone
/// (but for a run of '-', which becomes one).
/// </summary>
public sealed partial class NamePropertyTests
{
    private const long Iterations = 5_000;

    /// <summary>Mostly the characters a name is made of, some it must not contain, at every length around the limits.</summary>
    private static readonly Gen<string> Names = Gen.Frequency(
        (4, Gen.String[Gen.Char["abz09-"], 0, 20]),
        (2, Gen.String[Gen.Char["abz09-.A_ "], 0, 20]),
        (2, Gen.String[Gen.Char["ab0-"], 58, 68]),
        (2, Gen.String[Gen.Char["ab0-."], 245, 260]),
        (1, Gen.String[Gen.Char["ab0-"], 12, 18]));

    [Fact]
    public void A_DNS_1123_label_is_what_Kubernetes_calls_one() =>
        Names.Sample(name => Assert.Equal(name.Length <= 63 && Dns1123Label().IsMatch(name), NameRules.IsDns1123Label(name)), iter: Iterations);

    [Fact]
    public void A_DNS_1123_subdomain_is_what_Kubernetes_calls_one() =>
        Names.Sample(name => Assert.Equal(name.Length <= 253 && Dns1123Subdomain().IsMatch(name), NameRules.IsDns1123Subdomain(name)), iter: Iterations);

    [Fact]
    public void A_DNS_1035_label_is_what_Kubernetes_calls_one() =>
        Names.Sample(name => Assert.Equal(name.Length <= 63 && Dns1035Label().IsMatch(name), NameRules.IsDns1035Label(name)), iter: Iterations);

    [Fact]
    public void A_port_name_is_what_Kubernetes_calls_an_IANA_service_name() =>
        Names.Sample(name => Assert.Equal(IsIanaServiceName(name), NameRules.IsPortName(name)), iter: Iterations);

    [Fact]
    public void The_sanitizers_return_valid_names_and_leave_valid_ones_alone() =>
        Names.Sample(name =>
        {
            AssertSanitized(name, NameRules.ToDns1123Label(name), n => n.Length <= 63 && Dns1123Label().IsMatch(n));
            AssertSanitized(name, NameRules.ToDns1123Label(name, startWithLetter: true), n => n.Length <= 63 && Dns1035Label().IsMatch(n));
            AssertSanitized(name, NameRules.ToDns1123Subdomain(name), n => n.Length <= 253 && Dns1123Subdomain().IsMatch(n));
            AssertSanitized(name, NameRules.ToPortName(name), IsIanaServiceName);
        }, iter: Iterations);

    private static void AssertSanitized(string name, string? sanitized, Func<string, bool> isValid)
    {
        // A run of '-' becomes one on purpose ("orders--api" is valid, "orders-api" is what was meant).
        if (isValid(name) && !name.Contains("--", StringComparison.Ordinal))
        {
            Assert.Equal(name, sanitized);
        }
        else if (sanitized is not null)
        {
            Assert.True(isValid(sanitized), $"\"{sanitized}\" (from \"{name}\") is not valid");
        }
    }

    /// <summary>IsValidPortName: at most 15 of [-a-z0-9], a letter among them, no '-' at either end nor two in a row.</summary>
    private static bool IsIanaServiceName(string name) =>
        name.Length is > 0 and <= 15 && IanaCharacters().IsMatch(name) && AnyLetter().IsMatch(name) && !name.StartsWith('-') && !name.EndsWith('-') && !name.Contains("--", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Label();

    [GeneratedRegex("^[-a-z0-9]+$")]
    private static partial Regex IanaCharacters();

    [GeneratedRegex("[a-z]")]
    private static partial Regex AnyLetter();
}
