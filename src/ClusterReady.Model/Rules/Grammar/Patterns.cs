using System.Collections.Generic;

namespace ClusterReady.Model.Rules;

/// <summary>Pieces of the grammars' regular expressions (<see cref="Quantity.Pattern"/>, <see cref="NameRules"/>' patterns).</summary>
internal static class Patterns
{
    /// <summary>
    /// Decimal digits, leading zeros allowed, whose value is at most <paramref name="bound"/> (written without leading
    /// zeros): fewer digits than the bound, or the bound's first digits, then a smaller one, then any.
    /// </summary>
    public static string AtMost(string bound)
    {
        var alternatives = new List<string>();
        if (bound.Length > 1)
        {
            alternatives.Add($"[0-9]{{1,{bound.Length - 1}}}");
        }

        for (var i = 0; i < bound.Length; i++)
        {
            if (bound[i] == '0')
            {
                continue;
            }

            var smaller = bound[i] == '1' ? "0" : $"[0-{(char)(bound[i] - 1)}]";
            var rest = bound.Length - i - 1;
            alternatives.Add(bound.Substring(0, i) + smaller + (rest > 0 ? $"[0-9]{{{rest}}}" : ""));
        }

        alternatives.Add(bound);
        return "0*(?:" + string.Join("|", alternatives) + ")";
    }
}
