using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;

namespace ClusterReady.Manifests;

/// <summary>Parses CPU and memory quantities and explains the usual mistakes.</summary>
internal static partial class Quantities
{
    /// <summary>
    /// Parses <paramref name="text"/> as a non-negative Kubernetes quantity; on failure <paramref name="problem"/>
    /// says why and what to write instead.
    /// </summary>
    public static bool TryParse(string text, bool isMemory, out ResourceQuantity? quantity, out string? problem)
    {
        quantity = null;
        problem = null;

        // ResourceQuantity is lenient about some malformed input, so the Kubernetes grammar is checked first.
        if (QuantityGrammar().IsMatch(text))
        {
            try
            {
                quantity = new ResourceQuantity(text);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                quantity = null;
            }
        }

        if (quantity is null)
        {
            problem = $"\"{text}\" is not a Kubernetes quantity. {Suggestion(text, isMemory)}";
            return false;
        }

        var amount = quantity.ToDecimal();
        if (isMemory && amount != decimal.Truncate(amount))
        {
            // "500m" is a valid quantity (0.5 bytes) but never what anyone means for memory.
            problem = $"\"{text}\" is {amount.ToString(CultureInfo.InvariantCulture)} bytes ('m' means milli). {Suggestion(text, isMemory)}";
            quantity = null;
            return false;
        }

        return true;
    }

    private static string Suggestion(string text, bool isMemory)
    {
        var match = NumberAndUnit().Match(text);
        if (isMemory)
        {
            if (match.Success && match.Groups["unit"].Value.ToUpperInvariant()[0] is var prefix && "KMGTPE".Contains(prefix, StringComparison.Ordinal))
            {
                var number = match.Groups["number"].Value;
                var decimalSuffix = prefix == 'K' ? "k" : prefix.ToString();
                return $"Write \"{number}{decimalSuffix}\" or \"{number}{prefix}i\" (e.g. \"512Mi\").";
            }

            return "Write bytes with a suffix, such as \"500M\" or \"500Mi\" (binary), or \"1Gi\".";
        }

        return match.Success && match.Groups["number"].Value is var cores && match.Groups["unit"].Value.StartsWith('m')
            ? $"Write millicores as \"{cores}m\", or cores such as \"0.5\"."
            : "Write cores such as \"0.5\" or \"2\", or millicores such as \"500m\".";
    }

    [GeneratedRegex(@"^\+?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[numkMGTPE]|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]+)?$")]
    private static partial Regex QuantityGrammar();

    [GeneratedRegex(@"^\s*(?<number>[0-9]+(?:\.[0-9]+)?)\s*(?<unit>[A-Za-z]+)\s*$")]
    private static partial Regex NumberAndUnit();
}
