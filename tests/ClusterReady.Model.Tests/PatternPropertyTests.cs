using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using ClusterReady.Model.Rules;
using CsCheck;

namespace ClusterReady.Model.Tests;

/// <summary>
/// <see cref="Patterns.AtMost"/>, the piece of the schema patterns that bounds a number (a quantity's exponent, an IPv4
/// octet): on generated bounds, every digit string matches exactly when its value is at most the bound.
/// </summary>
public sealed class PatternPropertyTests
{
    [Fact]
    public void At_most_matches_exactly_the_digit_strings_not_above_the_bound() =>
        Gen.Select(Gen.Frequency((2, Gen.Long[0, 20_000_000]), (1, Gen.Long[0, 120])), Gen.Long[-50, 50], Gen.Int[0, 2], Gen.Long[0, 99_999_999]).Sample(
            (bound, offset, zeros, any) =>
            {
                var pattern = new Regex("^" + Patterns.AtMost(bound.ToString(CultureInfo.InvariantCulture)) + "$", RegexOptions.CultureInvariant);

                // Near the bound (where an off-by-one shows), and anywhere; with leading zeros, which do not count.
                foreach (var value in new[] { Math.Max(0, bound + offset), any })
                {
                    var digits = new string('0', zeros) + value.ToString(CultureInfo.InvariantCulture);
                    Assert.True(
                        pattern.IsMatch(digits) == (BigInteger.Parse(digits, CultureInfo.InvariantCulture) <= bound),
                        $"AtMost(\"{bound}\") {(pattern.IsMatch(digits) ? "matches" : "does not match")} \"{digits}\"");
                }
            },
            iter: 2_000);
}
