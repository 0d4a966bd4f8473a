using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ClusterReady.Model.Rules;

/// <summary>
/// Kubernetes resource quantities (<c>250m</c>, <c>1.5</c>, <c>512Mi</c>, <c>1e3</c>): the grammar the API server accepts,
/// the amount they stand for, and the nearest valid forms of the usual mistakes (<c>500mb</c>, <c>0.5 cores</c>).
/// Every method accepts any string, including null, and never throws.
/// </summary>
internal static class Quantity
{
    /// <summary>1Mi: below this a memory amount without a unit is almost certainly a forgotten "Mi".</summary>
    public const double OneMebibyte = 1024 * 1024;

    /// <summary>A CPU amount without a unit at or above this many cores is almost certainly a forgotten "m".</summary>
    public const double ImplausibleCores = 100;

    /// <summary>
    /// The grammar of <see cref="TryParse(string?, out double, out string)"/> as a regular expression, for a JSON schema
    /// (the syntax RE2, ECMAScript and .NET share; <c>$</c> is the end of the text, as in RE2 and ECMAScript).
    /// The exponent's 64-bit limit is spelled out digit by digit. tests/ClusterReady.Model.Tests/QuantityGrammarTests.cs
    /// proves it accepts exactly what the parser accepts on the generated corpus.
    /// </summary>
    public static string Pattern { get; } = "^[+-]?" + NumberPattern + SuffixPattern + "$";

    /// <summary>As <see cref="Pattern"/>, without the negative amounts (<see cref="IsNegative"/>): a request or a limit.</summary>
    public static string NonNegativePattern { get; } = @"^(?:\+?" + NumberPattern + "|-" + ZeroPattern + ")" + SuffixPattern + "$";

    private const string NumberPattern = @"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)";

    private const string ZeroPattern = @"(?:0+(?:\.0*)?|\.0+)";

    private static string SuffixPattern =>
        "(?:[numkMGTPE]|[KMGTPE]i|[eE](?:\\+?" + Patterns.AtMost("9223372036854775807") + "|-" + Patterns.AtMost("9223372036854775808") + "))?";

    /// <summary>
    /// Parses <paramref name="text"/> with the Kubernetes quantity grammar
    /// (<c>[+-]number[suffix]</c>, suffix one of n u m "" k M G T P E, Ki Mi Gi Ti Pi Ei, or e/E exponent that fits
    /// in 64 bits, as apimachinery's ParseQuantity reads it). The number needs a digit, as the grammar documented in
    /// apimachinery says; its parser also reads a few digit-less strings such as "." or "Mi" as zero, which are
    /// mistakes and rejected here (tests/ClusterReady.Model.Tests/QuantityGrammarTests.cs proves the rest equal).
    /// <paramref name="amount"/> is in base units (cores or bytes) and may be infinite for absurd input.
    /// </summary>
    public static bool TryParse(string? text, out double amount, out string suffix) =>
        TryParse(text, out amount, out suffix, out _);

    /// <summary>As <see cref="TryParse(string?, out double, out string)"/>, and says whether the amount is whole.</summary>
    /// <param name="text">The quantity as written.</param>
    /// <param name="amount">The amount in base units.</param>
    /// <param name="suffix">The suffix as written.</param>
    /// <param name="whole">True when the exact amount is a whole number (memory is counted in bytes).</param>
    public static bool TryParse(string? text, out double amount, out string suffix, out bool whole)
    {
        amount = 0;
        suffix = "";
        whole = false;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var s = text!;
        var i = 0;
        var negative = false;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            i++;
        }

        var numberStart = i;
        var digits = 0;
        while (i < s.Length && IsDigit(s[i]))
        {
            i++;
            digits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        var number = s.Substring(numberStart, i - numberStart);
        suffix = s.Substring(i);
        if (!TryMultiplier(suffix, out var multiplier))
        {
            return false;
        }

        whole = IsWholeAmount(number, suffix);
        amount = ParseNumber(number) * multiplier;
        if (double.IsNaN(amount))
        {
            // 0 x infinity (e.g. "0e999999"): zero is what Kubernetes reads.
            amount = 0;
        }

        if (negative)
        {
            amount = -amount;
        }

        return true;
    }

    /// <summary>True for a quantity Kubernetes accepts for this resource and that is not negative.</summary>
    public static bool IsValid(string? text, bool isMemory) =>
        TryParse(text, out _, out _, out var whole) && !IsNegative(text) && (!isMemory || whole);

    /// <summary>
    /// True for a quantity below zero: a '-' and a digit other than 0 ("-0" and "-0.0Mi" are zero, which requests and
    /// limits may be; "-1e-400" is not, as Kubernetes rounds a tiny amount away from zero to 1n).
    /// </summary>
    public static bool IsNegative(string? text)
    {
        if (text is not { Length: > 1 } || text[0] != '-')
        {
            return false;
        }

        for (var i = 1; i < text.Length && (IsDigit(text[i]) || text[i] == '.'); i++)
        {
            if (text[i] != '0' && text[i] != '.')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The nearest valid forms of a quantity Kubernetes rejects, best first: <c>500mb</c> gives <c>500M</c> and
    /// <c>500Mi</c>, <c>0.5 cores</c> gives <c>500m</c>, <c>2 Gi</c> gives <c>2Gi</c>. Empty when nothing is obvious.
    /// </summary>
    public static IReadOnlyList<string> SuggestValidForms(string? text, bool isMemory)
    {
        if (text is null || !TrySplit(text, out var number, out var unit))
        {
            return Array.Empty<string>();
        }

        var candidates = new List<string>();
        var lower = unit.ToLowerInvariant();
        if (isMemory)
        {
            var core = StripByteWord(lower);
            if (core.Length == 0)
            {
                candidates.Add(number);
            }
            else if (core.Length <= 2 && "kmgtpe".IndexOf(core[0]) >= 0 && (core.Length == 1 || core[1] == 'i'))
            {
                var binary = char.ToUpperInvariant(core[0]) + "i";
                if (core.Length == 1)
                {
                    candidates.Add(number + (core[0] == 'k' ? "k" : char.ToUpperInvariant(core[0]).ToString()));
                }

                candidates.Add(number + binary);
            }
        }
        else
        {
            switch (lower)
            {
                case "":
                    candidates.Add(number);
                    break;
                case "m" or "mc" or "mcpu" or "millicpu" or "millicpus" or "millicore" or "millicores" or "millis":
                    candidates.Add(number + "m");
                    break;
                case "c" or "core" or "cores" or "cpu" or "cpus" or "vcpu" or "vcpus":
                    candidates.Add(Cores(number));
                    break;
            }
        }

        return Accept(candidates, text, isMemory);
    }

    /// <summary>
    /// For a valid quantity whose unit does not fit the resource (memory in fractions of a byte such as <c>512m</c>,
    /// CPU with a byte suffix such as <c>500Mi</c>), what was probably meant, best first.
    /// </summary>
    public static IReadOnlyList<string> SuggestForWrongUnit(string text, bool isMemory)
    {
        if (!TrySplit(text, out var number, out var unit))
        {
            return Array.Empty<string>();
        }

        var candidates = new List<string>();
        if (isMemory)
        {
            if (unit == "m")
            {
                candidates.Add(number + "Mi");
                candidates.Add(number + "M");
            }
        }
        else if (unit.Length > 0 && unit[0] is 'M')
        {
            candidates.Add(number + "m");
        }
        else if (unit.Length > 0 && "kKGTPE".IndexOf(unit[0]) >= 0)
        {
            candidates.Add(number);
        }

        return Accept(candidates, text, isMemory);
    }

    /// <summary>For a unit-less amount that is implausible (<c>512</c> bytes, <c>250</c> cores), what was probably meant.</summary>
    public static IReadOnlyList<string> SuggestForMissingUnit(string text, bool isMemory)
    {
        if (!TrySplit(text, out var number, out _))
        {
            return Array.Empty<string>();
        }

        var candidates = isMemory ? new List<string> { number + "Mi", number + "M" } : new List<string> { number + "m" };
        return Accept(candidates, text, isMemory);
    }

    /// <summary>A human reading of the amount: "0.5 bytes", "524288000 cores".</summary>
    public static string Describe(double amount, bool isMemory) =>
        amount.ToString("0.###", CultureInfo.InvariantCulture) + (isMemory ? (amount == 1 ? " byte" : " bytes") : (amount == 1 ? " core" : " cores"));

    private static IReadOnlyList<string> Accept(List<string> candidates, string original, bool isMemory)
    {
        var accepted = new List<string>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (candidate != original && IsValid(candidate, isMemory) && !accepted.Contains(candidate))
            {
                accepted.Add(candidate);
            }
        }

        return accepted;
    }

    /// <summary>Splits "0,5 Gi " into a number ("0.5") and letters ("Gi"), dropping white space and a sign.</summary>
    private static bool TrySplit(string text, out string number, out string unit)
    {
        number = unit = "";
        if (text.Length > 64)
        {
            return false;
        }

        var compact = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                compact.Append(c);
            }
        }

        var s = compact.ToString();
        if (s.IndexOf(',') is var comma and >= 0 && s.IndexOf('.') < 0 && s.IndexOf(',', comma + 1) < 0)
        {
            s = s.Replace(',', '.');
        }

        if (s.Length > 0 && s[0] is '+' or '-')
        {
            s = s.Substring(1);
        }

        var i = 0;
        var digits = 0;
        while (i < s.Length && (IsDigit(s[i]) || s[i] == '.'))
        {
            digits += s[i] == '.' ? 0 : 1;
            i++;
        }

        if (digits == 0 || s.IndexOf('.') != s.LastIndexOf('.'))
        {
            return false;
        }

        for (var j = i; j < s.Length; j++)
        {
            if (s[j] is not (>= 'a' and <= 'z' or >= 'A' and <= 'Z'))
            {
                return false;
            }
        }

        number = s.Substring(0, i);
        unit = s.Substring(i);
        return true;
    }

    private static string StripByteWord(string unit)
    {
        foreach (var word in new[] { "bytes", "byte", "b" })
        {
            if (unit.EndsWith(word, StringComparison.Ordinal))
            {
                return unit.Substring(0, unit.Length - word.Length);
            }
        }

        return unit;
    }

    /// <summary>"0.5" cores as "500m"; whole numbers stay cores.</summary>
    private static string Cores(string number)
    {
        if (number.IndexOf('.') < 0 || number.Length > 20
            || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cores))
        {
            return number;
        }

        var millicores = cores * 1000;
        return millicores == decimal.Truncate(millicores)
            ? (cores == decimal.Truncate(cores) ? decimal.Truncate(cores).ToString(CultureInfo.InvariantCulture) : decimal.Truncate(millicores).ToString(CultureInfo.InvariantCulture) + "m")
            : number;
    }

    private static bool TryMultiplier(string suffix, out double multiplier)
    {
        multiplier = suffix switch
        {
            "" => 1,
            "n" => 1e-9,
            "u" => 1e-6,
            "m" => 1e-3,
            "k" => 1e3,
            "M" => 1e6,
            "G" => 1e9,
            "T" => 1e12,
            "P" => 1e15,
            "E" => 1e18,
            "Ki" => 1024d,
            "Mi" => 1024d * 1024,
            "Gi" => 1024d * 1024 * 1024,
            "Ti" => 1024d * 1024 * 1024 * 1024,
            "Pi" => 1024d * 1024 * 1024 * 1024 * 1024,
            "Ei" => 1024d * 1024 * 1024 * 1024 * 1024 * 1024,
            _ => double.NaN,
        };

        if (!double.IsNaN(multiplier))
        {
            return true;
        }

        // Decimal exponent: e or E, then an optionally signed integer.
        if (suffix.Length < 2 || suffix[0] is not ('e' or 'E'))
        {
            return false;
        }

        var i = 1;
        var negative = false;
        if (suffix[i] is '+' or '-')
        {
            negative = suffix[i] == '-';
            i++;
        }

        if (i == suffix.Length)
        {
            return false;
        }

        var exponent = 0;
        var digits = suffix.Substring(i);
        for (; i < suffix.Length; i++)
        {
            if (!IsDigit(suffix[i]))
            {
                return false;
            }

            // Clamp: 10^400 is already infinite as a double and a longer exponent must not overflow an int.
            exponent = Math.Min(400, (exponent * 10) + (suffix[i] - '0'));
        }

        if (!FitsInt64(digits, negative))
        {
            // Kubernetes reads the exponent with strconv.ParseInt(..., 64) and rejects one that does not fit.
            return false;
        }

        multiplier = Math.Pow(10, negative ? -exponent : exponent);
        return true;
    }

    /// <summary>
    /// Whether <paramref name="request"/> is more than <paramref name="limit"/>, both quantities this grammar accepts:
    /// in exact decimal arithmetic when both amounts fit in it, so that "1384m" is not above "1.384" (in binary
    /// floating point 1384 x 0.001 is 1.3840000000000001), as Kubernetes, which compares exactly, agrees.
    /// </summary>
    public static bool IsAbove(string request, string limit)
    {
        if (ExactAmount(request) is { } exactRequest && ExactAmount(limit) is { } exactLimit)
        {
            return exactRequest > exactLimit;
        }

        return TryParse(request, out var requested, out _) && TryParse(limit, out var limited, out _) && requested > limited;
    }

    /// <summary>The exact amount in base units (cores or bytes) of a quantity this grammar accepts; null when it is not one or beyond decimal's range.</summary>
    public static decimal? ExactAmount(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (!TryParse(text, out _, out var suffix))
        {
            return null;
        }

        var start = text![0] is '+' or '-' ? 1 : 0;
        if (!TryExactAmount(text.Substring(start, text.Length - start - suffix.Length), suffix, out var value))
        {
            return null;
        }

        return text[0] == '-' ? -value : value;
    }

    /// <summary>Exact decimal arithmetic, so that "1.1k" is 1100 bytes and not 1100.0000000000002.</summary>
    private static bool IsWholeAmount(string number, string suffix) =>
        // Beyond decimal's range: astronomically large, and no fraction matters there.
        !TryExactAmount(number, suffix, out var value) || value == decimal.Truncate(value);

    /// <summary>The amount in decimal; false when it is beyond decimal's range.</summary>
    private static bool TryExactAmount(string number, string suffix, out decimal value)
    {
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        try
        {
            switch (suffix)
            {
                case "n": value /= 1_000_000_000m; break;
                case "u": value /= 1_000_000m; break;
                case "m": value /= 1000m; break;
                case "k": value *= 1000m; break;
                case "M": value *= 1_000_000m; break;
                case "G": value *= 1_000_000_000m; break;
                case "T": value *= 1_000_000_000_000m; break;
                case "P": value *= 1_000_000_000_000_000m; break;
                case "E": value *= 1_000_000_000_000_000_000m; break;
                case "Ki": value *= 1024m; break;
                case "Mi": value *= 1024m * 1024; break;
                case "Gi": value *= 1024m * 1024 * 1024; break;
                case "Ti": value *= 1024m * 1024 * 1024 * 1024; break;
                case "Pi": value *= 1024m * 1024 * 1024 * 1024 * 1024; break;
                case "Ei": value *= 1024m * 1024 * 1024 * 1024 * 1024 * 1024; break;
                case "": break;
                default:
                    var negative = suffix.Length > 1 && suffix[1] == '-';
                    var digits = suffix.Substring(negative || suffix[1] == '+' ? 2 : 1);
                    var exponent = 0;
                    foreach (var digit in digits)
                    {
                        exponent = Math.Min(400, (exponent * 10) + (digit - '0'));
                    }

                    for (var i = 0; i < exponent && value != 0; i++)
                    {
                        value = negative ? value / 10 : value * 10;
                    }

                    break;
            }
        }
        catch (OverflowException)
        {
            return false;
        }

        return true;
    }

    private static double ParseNumber(string number)
    {
        // .NET Framework (Visual Studio) fails on overflow where .NET returns infinity: both mean "too large".
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : double.PositiveInfinity;
    }

    /// <summary>Whether the ASCII digits, with the sign, are within [-2^63, 2^63 - 1].</summary>
    private static bool FitsInt64(string digits, bool negative)
    {
        var start = 0;
        while (start < digits.Length - 1 && digits[start] == '0')
        {
            start++;
        }

        var significant = digits.Length - start;
        if (significant != 19)
        {
            return significant < 19;
        }

        return string.CompareOrdinal(digits.Substring(start), negative ? "9223372036854775808" : "9223372036854775807") <= 0;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';
}
