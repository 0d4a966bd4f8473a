using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using ClusterReady.Model.Rules;
using k8s.Models;
using Xunit.Abstractions;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The one quantity grammar (<see cref="Quantity"/>) against Kubernetes' own, on the generated corpus: the oracle
/// below restates apimachinery's ParseQuantity (k8s.io/apimachinery/pkg/api/resource/quantity.go and suffix.go),
/// written from that source and not from the product's code; the KubernetesClient's ResourceQuantity (a C# port of the
/// same parser) gives a second opinion on the amounts.
/// </summary>
public sealed partial class QuantityGrammarTests(ITestOutputHelper output)
{
    private const int CorpusSize = 20_000;

    /// <summary>Enough of each verdict that a generator gone wrong (all junk, or all "1Mi") fails the test.</summary>
    private const int MinimumPerVerdict = 3_000;

    [Fact]
    public void The_grammar_accepts_exactly_the_quantities_Kubernetes_accepts()
    {
        var corpus = GrammarCorpus.Quantities(CorpusSize);
        var disagreements = new List<string>();
        int valid = 0, invalid = 0, negative = 0, digitless = 0;
        foreach (var text in corpus)
        {
            var kubernetes = Apimachinery.Parse(text);

            // The verdict: what ParseQuantity accepts, among the numbers with a digit. ParseQuantity also reads a
            // digit-less number ("+", ".", "-.", "Mi", "k", "e5", but not "Pi", "Ei" or ".e-10", which take its slow
            // path) as zero. The grammar it documents (<number> ::= <digits> | <digits>.<digits> | <digits>. | .<digits>)
            // and the KubernetesClient's ResourceQuantity both reject them, and so does the product: "Mi" is a mistake.
            var expected = kubernetes.Accepted && kubernetes.HasDigit;
            digitless += kubernetes.Accepted && !kubernetes.HasDigit ? 1 : 0;
            if (expected)
            {
                valid++;
                negative += kubernetes.Negative ? 1 : 0;
            }
            else
            {
                invalid++;
            }

            var parsed = Quantity.TryParse(text, out _, out _);
            if (parsed != expected)
            {
                disagreements.Add($"{GrammarCorpus.Show(text)}: Kubernetes {(expected ? "accepts" : "rejects")} it, Quantity.TryParse {(parsed ? "accepts" : "rejects")} it");
            }

            // Requests and limits must not be negative (ValidateNonnegativeQuantity): "-0" is zero and allowed.
            // For CPU nothing else applies, so IsValid is exactly "the API server accepts it as a request".
            var request = expected && !kubernetes.Negative;
            if (Quantity.IsValid(text, isMemory: false) != request)
            {
                disagreements.Add($"{GrammarCorpus.Show(text)}: Kubernetes {(request ? "accepts" : "rejects")} it as a CPU request, Quantity.IsValid {(request ? "rejects" : "accepts")} it");
            }
        }

        output.WriteLine($"{corpus.Count} strings: {valid} valid ({negative} of them negative), {invalid} invalid, of which {digitless} digit-less ones ParseQuantity reads as zero");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements with Kubernetes, the first 20:\n" + string.Join("\n", disagreements.Take(20)));
        Assert.True(valid >= MinimumPerVerdict, $"only {valid} valid quantities were generated");
        Assert.True(invalid >= MinimumPerVerdict, $"only {invalid} invalid quantities were generated");
        Assert.True(negative >= 300, $"only {negative} valid negative quantities were generated");
    }

    [Fact]
    public void The_amounts_equal_the_Kubernetes_clients_and_it_disagrees_on_the_grammar_only_where_documented()
    {
        // ResourceQuantity reads the exponent with int.Parse in the current culture: judge it in the invariant one.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            CompareWithTheClient();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private void CompareWithTheClient()
    {
        var corpus = GrammarCorpus.Quantities(CorpusSize);
        var failures = new List<string>();
        var lenient = new Dictionary<string, int>(StringComparer.Ordinal);
        int compared = 0, judged = 0;
        foreach (var text in corpus)
        {
            var kubernetes = Apimachinery.Parse(text);
            var expected = kubernetes.Accepted && kubernetes.HasDigit;
            if (!ClientJudges(text))
            {
                continue;
            }

            judged++;
            ResourceQuantity? client;
            try
            {
                client = new ResourceQuantity(text);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or DivideByZeroException)
            {
                client = null;
            }

            if ((client is not null) != expected)
            {
                // Where the client and apimachinery disagree, apimachinery is the verdict; each difference must be
                // one of those documented on ClientDifference, so the comment stays true.
                if (ClientDifference(text, client is not null) is { } reason)
                {
                    lenient[reason] = lenient.GetValueOrDefault(reason) + 1;
                }
                else
                {
                    failures.Add($"{GrammarCorpus.Show(text)}: apimachinery {(expected ? "accepts" : "rejects")} it, ResourceQuantity {(client is null ? "rejects" : "accepts")} it, for no documented reason");
                }

                continue;
            }

            if (client is null || !Quantity.TryParse(text, out var amount, out _) || !(Math.Abs(amount) < 1e15))
            {
                continue;
            }

            compared++;
            var exact = (double)client.ToDecimal();
            // Relative 1e-9; the absolute term is the resolution of decimal, which ToDecimal rounds to (28 places).
            if (Math.Abs(amount - exact) > (1e-9 * Math.Max(Math.Abs(amount), Math.Abs(exact))) + 1e-27)
            {
                failures.Add($"{GrammarCorpus.Show(text)}: Quantity.TryParse reads {amount.ToString("R", CultureInfo.InvariantCulture)}, ResourceQuantity {exact.ToString("R", CultureInfo.InvariantCulture)}");
            }
        }

        output.WriteLine($"{judged} strings judged by ResourceQuantity, {compared} amounts compared; documented differences: "
            + string.Join(", ", lenient.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} failures, the first 20:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(compared >= MinimumPerVerdict, $"only {compared} amounts were compared");
    }

    [Theory]
    [InlineData("1e9223372036854775807", true)]
    [InlineData("1e-9223372036854775808", true)]
    [InlineData("1e9223372036854775808", false)]
    [InlineData("1e-9223372036854775809", false)]
    [InlineData("1e000000000000000000000000001", true)]
    [InlineData("-0", true)]
    [InlineData("-0.000Mi", true)]
    [InlineData("-0.001", false)]
    [InlineData("-1e-400", false)]
    [InlineData(".", false)]
    [InlineData("Mi", false)]
    [InlineData("1.", true)]
    [InlineData(".5", true)]
    [InlineData("1\n", false)]
    public void The_edges_of_the_grammar_are_where_Kubernetes_puts_them(string text, bool validRequest)
    {
        var kubernetes = Apimachinery.Parse(text);
        Assert.Equal(validRequest, kubernetes.Accepted && kubernetes.HasDigit && !kubernetes.Negative);
        Assert.Equal(validRequest, Quantity.IsValid(text, isMemory: false));
    }

    /// <summary>
    /// Whether to hand <paramref name="text"/> to ResourceQuantity: it computes 10^exponent as an exact fraction,
    /// which for an exponent of many digits takes minutes or runs out of memory (Kubernetes keeps the exponent as a scale).
    /// </summary>
    private static bool ClientJudges(string text) => !LongExponent().IsMatch(text);

    /// <summary>
    /// Why ResourceQuantity (KubernetesClient 21) judges <paramref name="text"/> otherwise than apimachinery, or null
    /// when no documented reason applies. It is more lenient than ParseQuantity: it trims the string, and int.Parse
    /// skips white space around the exponent (the API server's JSON decoder also trims, with TrimSpace, but
    /// ParseQuantity does not, and the product writes the string as given); it reads the number (everything before the
    /// first of "eEinumkKMGTP") with the Fractions library, which takes "1/2", thousands separators ("1,5" is 15), a
    /// trailing sign ("5-" is -5) and "NaN". It is also stricter on exponents beyond ±2^31 (int.Parse: an
    /// OverflowException where apimachinery reads an int64), which ClientJudges keeps from it.
    /// </summary>
    private static string? ClientDifference(string text, bool clientAccepts) =>
        !clientAccepts ? null
        : text.Any(char.IsWhiteSpace) ? "white space the client trims"
        : text.Contains('/') ? "a fraction such as 1/2"
        : text.Contains(',') ? "a thousands separator"
        : TrailingSign().IsMatch(text) ? "a trailing sign"
        : text.StartsWith("NaN", StringComparison.Ordinal) ? "NaN"
        : null;

    [GeneratedRegex(@"^[+-]?[0-9]*\.?[0-9]*[+-]")]
    private static partial Regex TrailingSign();

    [GeneratedRegex(@"[eE][+-]?[0-9]{5,}")]
    private static partial Regex LongExponent();

    /// <summary>
    /// apimachinery's ParseQuantity, restated: parseQuantityString splits the string into a sign, a number and a
    /// suffix (anything else is ErrFormatWrong), the suffixer interprets the suffix (or ErrSuffix), and the number is
    /// read on a fast path (an int64) or a slow one (inf.Dec, which needs a digit: ErrNumeric).
    /// </summary>
    private static partial class Apimachinery
    {
        /// <summary>What ParseQuantity makes of a string.</summary>
        /// <param name="Accepted">ParseQuantity returns no error.</param>
        /// <param name="HasDigit">The number has a digit (the documented grammar requires one).</param>
        /// <param name="Negative">The amount is below zero (a '-' and a non-zero digit: tiny amounts round away from zero).</param>
        public readonly record struct Verdict(bool Accepted, bool HasDigit, bool Negative);

        private static readonly Dictionary<string, (int Base, int Exponent)> Suffixes = new(StringComparer.Ordinal)
        {
            [""] = (10, 0), ["n"] = (10, -9), ["u"] = (10, -6), ["m"] = (10, -3), ["k"] = (10, 3), ["M"] = (10, 6),
            ["G"] = (10, 9), ["T"] = (10, 12), ["P"] = (10, 15), ["E"] = (10, 18),
            ["Ki"] = (2, 10), ["Mi"] = (2, 20), ["Gi"] = (2, 30), ["Ti"] = (2, 40), ["Pi"] = (2, 50), ["Ei"] = (2, 60),
        };

        public static Verdict Parse(string text)
        {
            // if len(str) == 0 { return Quantity{}, ErrFormatWrong }
            var match = Split().Match(text);
            if (text.Length == 0 || !match.Success)
            {
                return default;
            }

            var digits = match.Groups["integer"].Value + match.Groups["fraction"].Value;
            var hasDigit = digits.Length > 0;
            var negative = match.Groups["sign"].Value == "-" && digits.Any(c => c != '0');
            var suffix = match.Groups["suffix"].Value;

            // suffixer.interpret: the tables, else "e" or "E" and strconv.ParseInt(rest, 10, 64).
            int exponent;
            bool binary = false, exponential = false;
            if (Suffixes.TryGetValue(suffix, out var known))
            {
                exponent = known.Exponent;
                binary = known.Base == 2;
            }
            else if (suffix.Length > 1 && suffix[0] is 'e' or 'E' && ParseInt64(suffix[1..]) is { } parsed)
            {
                exponent = unchecked((int)parsed); // int32(parsed): Go truncates the exponent to 32 bits
                exponential = true;
            }
            else
            {
                return default;
            }

            if (hasDigit)
            {
                // With a digit, the fast path's strconv.ParseInt takes at most 18 digits (precision >= 0) and the slow
                // path's inf.Dec.SetString reads any [+-]digits[.digits]: the string is accepted.
                return new Verdict(true, true, negative);
            }

            // Without a digit the number is "0" on the fast path, and the slow path fails ("no digits read"). The fast
            // path needs precision >= 0 and, for decimal suffixes, scale >= -9 (Nano).
            var fast = binary
                ? 15 - 1 - (int)(exponent * 3f / 10) - 1 >= 0
                : !exponential || exponent >= -9;
            return new Verdict(fast, false, false);
        }

        /// <summary>strconv.ParseInt(s, 10, 64): an optional sign and at least one ASCII digit, within int64.</summary>
        private static long? ParseInt64(string text)
        {
            if (!Integer().IsMatch(text))
            {
                return null;
            }

            var value = BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return value >= long.MinValue && value <= long.MaxValue ? (long)value : null;
        }

        // parseQuantityString: a sign, digits, an optional '.' and digits, then the suffix: letters of
        // "eEinumkKMGTP", an optional sign and digits to the end. Go's '$' is the end of the text: \z here.
        [GeneratedRegex(@"^(?<sign>[+-]?)(?<integer>[0-9]*)(\.(?<fraction>[0-9]*))?(?<suffix>[eEinumkKMGTP]*[+-]?[0-9]*)\z")]
        private static partial Regex Split();

        [GeneratedRegex(@"^[+-]?[0-9]+\z")]
        private static partial Regex Integer();
    }
}
