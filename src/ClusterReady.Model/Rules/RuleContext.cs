using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using ClusterReady.Model.Declaration;

namespace ClusterReady.Model.Rules;

/// <summary>
/// What a rule found: the rule, where (attribute, argument, element), the message arguments, and data for a code fix.
/// The analyzers place it on source; the build step prints it with the same id, message and help link.
/// </summary>
internal sealed record Finding(Rule Rule, Site Site, IReadOnlyList<object?> Arguments, FindingProperties Properties)
{
    /// <summary>The message, formatted as the compiler formats it.</summary>
    public string Message => Rule.Format(Arguments);
}

/// <summary>One service under judgement, and where the rules put what they find.</summary>
internal sealed class RuleContext
{
    private readonly List<Finding> _findings = new();

    public RuleContext(ServiceDeclaration service) => Service = service;

    public ServiceDeclaration Service { get; }

    /// <summary>
    /// The environments the service's <c>[EnvironmentOverlay]</c> attributes declare, each complete (the base with the
    /// overlay applied): resolved once per declaration (<see cref="OverlaidEnvironment.Of"/>), on first use, and not at
    /// all for a service without overlays.
    /// </summary>
    public IReadOnlyList<OverlaidEnvironment> Environments => OverlaidEnvironment.Of(Service);

    public IReadOnlyList<Finding> Findings => _findings;

    public void Report(Rule rule, Site site, params object?[] messageArgs) =>
        _findings.Add(new Finding(rule, site, messageArgs, FindingProperties.Empty));

    public void Report(Rule rule, Site site, FindingProperties properties, params object?[] messageArgs) =>
        _findings.Add(new Finding(rule, site, messageArgs, properties));
}

/// <summary>Data a finding hands to its code fix (e.g. the replacement value); never shown to the user.</summary>
internal sealed class FindingProperties : IReadOnlyDictionary<string, string?>
{
    /// <summary>Property that carries a replacement value for the code fix, e.g. "500Mi" (with a numeric suffix for alternatives).</summary>
    public const string ReplacementProperty = "Replacement";

    /// <summary>Property that names the replacement (shown in the code fix title), e.g. "2^20 bytes".</summary>
    public const string ReplacementNoteProperty = "ReplacementNote";

    public static readonly FindingProperties Empty = new(new Dictionary<string, string?>());

    private readonly Dictionary<string, string?> _values;

    private FindingProperties(Dictionary<string, string?> values) => _values = values;

    public int Count => _values.Count;

    public IEnumerable<string> Keys => _values.Keys;

    public IEnumerable<string?> Values => _values.Values;

    public string? this[string key] => _values[key];

    /// <summary>A copy with <paramref name="key"/> set.</summary>
    public FindingProperties Add(string key, string? value) => new(new Dictionary<string, string?>(_values) { [key] = value });

    /// <summary>Properties that offer each of <paramref name="replacements"/> to the code fix, best first.</summary>
    public static FindingProperties Replacements(IReadOnlyList<string> replacements, IReadOnlyList<string>? notes = null)
    {
        var values = new Dictionary<string, string?>();
        for (var i = 0; i < replacements.Count; i++)
        {
            values[ReplacementProperty + i.ToString(CultureInfo.InvariantCulture)] = replacements[i];
            if (notes is not null && i < notes.Count)
            {
                values[ReplacementNoteProperty + i.ToString(CultureInfo.InvariantCulture)] = notes[i];
            }
        }

        return new FindingProperties(values);
    }

    /// <summary>Offers <paramref name="fix"/> to the code fix; nothing when there is none.</summary>
    public static FindingProperties Replacement(string? fix) => fix is null ? Empty : Replacements(new[] { fix });

    /// <summary>"\"500M\" or \"500Mi\"" for a message.</summary>
    public static string Quote(IReadOnlyList<string> values)
    {
        var text = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            text.Append(i == 0 ? "" : i == values.Count - 1 ? " or " : ", ").Append('"').Append(values[i]).Append('"');
        }

        return text.ToString();
    }

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, out string? value) => _values.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
