using System;
using System.Text;

namespace ClusterReady.Model.Rules;

/// <summary>
/// The name rules of the Kubernetes API (RFC 1123/1035 names, IANA service names, label keys and values) and of
/// OCI image references, with the nearest valid form of a rejected name. Hand-written rather than regular
/// expressions: they run on every keystroke and must stay linear on any input. Every method accepts null.
/// tests/ClusterReady.Model.Tests/NameGrammarTests.cs proves them equal to the expressions of k8s.io/apimachinery.
/// </summary>
internal static class NameRules
{
    public const int MaxLabelLength = 63;
    public const int MaxSubdomainLength = 253;
    public const int MaxPortNameLength = 15;

    // The grammars below as regular expressions, for the chart's values.schema.json (the syntax RE2, ECMAScript and
    // .NET share). tests/ClusterReady.Model.Tests/NameGrammarTests.cs proves each equal to its method on the corpus.

    /// <summary><see cref="IsEnvironmentVariableName"/> as a regular expression.</summary>
    public const string EnvironmentVariableNamePattern = "^[A-Za-z_][A-Za-z0-9_.-]*$";

    /// <summary><see cref="IsDns1123Label"/> as a regular expression, with <see cref="MaxLabelLength"/> beside it.</summary>
    public const string Dns1123LabelPattern = "^" + LabelPattern + "$";

    /// <summary><see cref="IsImageTag"/> as a regular expression.</summary>
    public const string ImageTagPattern = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$";

    /// <summary>
    /// <see cref="IsIngressHost"/> as a regular expression, with two conditions beside it: at most
    /// <see cref="MaxSubdomainLength"/> characters, and no match of <see cref="IPv4AddressPattern"/>.
    /// </summary>
    public const string IngressHostPattern = @"^(?:\*\.)?" + LabelPattern + @"(?:\." + LabelPattern + ")*$";

    /// <summary>What Kubernetes reads as an IPv4 address, leading zeros included ("010.0.0.1").</summary>
    public static readonly string IPv4AddressPattern = "^(?:" + Patterns.AtMost("255") + @"\.){3}" + Patterns.AtMost("255") + "$";

    private const string LabelPattern = "[a-z0-9](?:[-a-z0-9]*[a-z0-9])?";

    /// <summary>RFC 1123 label: at most 63 lowercase alphanumerics or '-', starting and ending with an alphanumeric.</summary>
    public static bool IsDns1123Label(string? value) =>
        value is { Length: > 0 and <= MaxLabelLength } && IsLabelBody(value, 0, value.Length);

    /// <summary>RFC 1035 label (Service names): an RFC 1123 label that starts with a letter.</summary>
    public static bool IsDns1035Label(string? value) => IsDns1123Label(value) && IsLower(value![0]);

    /// <summary>
    /// RFC 1123 subdomain (Secret, ConfigMap names): at most 253 characters of dot-separated labels. Like Kubernetes,
    /// no limit per label: "a" repeated 64 times is a valid Secret name, though not a DNS name.
    /// </summary>
    public static bool IsDns1123Subdomain(string? value)
    {
        if (value is not { Length: > 0 and <= MaxSubdomainLength })
        {
            return false;
        }

        var start = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            if (i == value.Length || value[i] == '.')
            {
                if (i == start || !IsLabelBody(value, start, i))
                {
                    return false;
                }

                start = i + 1;
            }
        }

        return true;
    }

    /// <summary>IANA_SVC_NAME: at most 15 lowercase alphanumerics or '-', at least one letter, no '-' at the ends or twice in a row.</summary>
    public static bool IsPortName(string? value)
    {
        if (value is not { Length: > 0 and <= MaxPortNameLength } || !IsLabelBody(value, 0, value.Length)
            || value.IndexOf("--", StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (IsLower(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An environment variable name that Kubernetes, shells and .NET configuration all accept: <c>[A-Za-z_][A-Za-z0-9_.-]*</c>.</summary>
    public static bool IsEnvironmentVariableName(string? value)
    {
        if (value is not { Length: > 0 } || !(IsLetter(value[0]) || value[0] == '_'))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(IsLetter(c) || IsDigit(c) || c is '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A key of a Secret or ConfigMap: at most 253 of <c>[-._a-zA-Z0-9]</c>, not "." and not starting with "..".</summary>
    public static bool IsConfigKey(string? value)
    {
        if (value is not { Length: > 0 and <= MaxSubdomainLength } || value == "." || value.StartsWith("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(IsLetter(c) || IsDigit(c) || c is '-' or '.' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A label value: empty, or at most 63 of <c>[-A-Za-z0-9_.]</c> starting and ending with an alphanumeric.</summary>
    public static bool IsLabelValue(string? value)
    {
        if (value is null || value.Length > MaxLabelLength)
        {
            return false;
        }

        if (value.Length == 0)
        {
            return true;
        }

        if (!IsAlphanumeric(value[0]) || !IsAlphanumeric(value[value.Length - 1]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(IsAlphanumeric(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A label key: an optional DNS subdomain prefix and '/', then a non-empty name like a label value.</summary>
    public static bool IsLabelKey(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var slash = value!.LastIndexOf('/');
        var name = slash < 0 ? value : value.Substring(slash + 1);
        return (slash < 0 || IsDns1123Subdomain(value.Substring(0, slash))) && name.Length > 0 && IsLabelValue(name);
    }

    /// <summary>The text with ASCII letters in lowercase (culture-free: Kubernetes names are ASCII).</summary>
    public static string LowerAscii(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= 'A' and <= 'Z')
            {
                chars[i] = (char)(chars[i] + ('a' - 'A'));
            }
        }

        return new string(chars);
    }

    /// <summary>A pod label selector written as <c>key=value[,key=value...]</c>: every key and value valid, no key twice.</summary>
    public static bool IsLabelSelector(string? value) => ParseSelector(value) is not null;

    /// <summary>The labels of a selector written as <c>key=value[,key=value...]</c>, sorted by key; null when it is not one.</summary>
    public static System.Collections.Generic.SortedDictionary<string, string>? ParseSelector(string? selector)
    {
        if (string.IsNullOrEmpty(selector))
        {
            return null;
        }

        var labels = new System.Collections.Generic.SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in selector!.Split(','))
        {
            var parts = pair.Split('=');
            if (parts.Length != 2 || !IsLabelKey(parts[0].Trim()) || !IsLabelValue(parts[1].Trim()) || labels.ContainsKey(parts[0].Trim()))
            {
                return null;
            }

            labels.Add(parts[0].Trim(), parts[1].Trim());
        }

        return labels;
    }

    /// <summary>
    /// An Ingress host: an RFC 1123 subdomain, optionally after a <c>*.</c> wildcard, at most 253 characters with it;
    /// never empty, an IP address (Kubernetes reads "010.0.0.1" as one too) or a URL.
    /// </summary>
    public static bool IsIngressHost(string? value) =>
        value is { Length: > 0 and <= MaxSubdomainLength } && !IsIPv4Address(value)
        && IsDns1123Subdomain(value.StartsWith("*.", StringComparison.Ordinal) ? value.Substring(2) : value);

    /// <summary>An OCI image repository without tag or digest, e.g. <c>registry.example.com:5000/team/orders-api</c>.</summary>
    public static bool IsImageRepository(string? value)
    {
        if (value is not { Length: > 0 and <= 255 })
        {
            return false;
        }

        var components = value.Split('/');
        var allPath = true;
        foreach (var component in components)
        {
            allPath &= IsImagePathComponent(component);
        }

        if (allPath)
        {
            return true;
        }

        // Otherwise the first component must be a registry host (optionally with a port).
        if (components.Length < 2 || !IsRegistryHost(components[0]))
        {
            return false;
        }

        for (var i = 1; i < components.Length; i++)
        {
            if (!IsImagePathComponent(components[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An OCI image tag: <c>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}</c>.</summary>
    public static bool IsImageTag(string? value)
    {
        if (value is not { Length: > 0 and <= 128 } || !(IsAlphanumeric(value[0]) || value[0] == '_'))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(IsAlphanumeric(c) || c is '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The nearest RFC 1123 label: lowercase, each run of other characters as one '-', trimmed to 63.
    /// With <paramref name="startWithLetter"/> (RFC 1035), leading digits are dropped. Null when nothing is left.
    /// </summary>
    public static string? ToDns1123Label(string? value, bool startWithLetter = false)
    {
        var label = Sanitize(value, allowDots: false, MaxLabelLength);
        if (startWithLetter)
        {
            label = label.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-');
        }

        return IsDns1123Label(label) && (!startWithLetter || IsDns1035Label(label)) ? label : null;
    }

    /// <summary>The nearest RFC 1123 subdomain ("Orders_DB" becomes "orders-db"); null when nothing is left.</summary>
    public static string? ToDns1123Subdomain(string? value)
    {
        var subdomain = Sanitize(value, allowDots: true, MaxSubdomainLength);
        return IsDns1123Subdomain(subdomain) ? subdomain : null;
    }

    /// <summary>The nearest IANA service name ("HTTP_Metrics" becomes "http-metrics", "8080" becomes "port-8080"); null when nothing fits.</summary>
    public static string? ToPortName(string? value)
    {
        var name = Sanitize(value, allowDots: false, int.MaxValue);
        var hasLetter = false;
        foreach (var c in name)
        {
            hasLetter |= IsLower(c);
        }

        if (!hasLetter && name.Length > 0)
        {
            name = "port-" + name;
        }

        if (name.Length > MaxPortNameLength)
        {
            name = name.Substring(0, MaxPortNameLength).TrimEnd('-');
        }

        return IsPortName(name) ? name : null;
    }

    /// <summary>"Orders:BatchSize" as the variable .NET configuration reads as that key: "Orders__BatchSize". Null when not that simple.</summary>
    public static string? ToEnvironmentVariableName(string? value)
    {
        if (value is null || value.IndexOf(':') < 0)
        {
            return null;
        }

        var candidate = value.Trim().Replace(":", "__");
        return IsEnvironmentVariableName(candidate) ? candidate : null;
    }

    /// <summary>"ConnectionStrings__Orders" as a conventional Secret key: "connection-strings-orders".</summary>
    public static string ToConfigKey(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        char previous = '\0';
        foreach (var c in value)
        {
            if (IsUpper(c) && (IsLower(previous) || IsDigit(previous)) && builder.Length > 0 && builder[builder.Length - 1] != '-')
            {
                builder.Append('-');
            }

            if (IsAlphanumeric(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[builder.Length - 1] != '-')
            {
                builder.Append('-');
            }

            previous = c;
        }

        var key = builder.ToString().Trim('-');
        if (key.Length > MaxSubdomainLength)
        {
            key = key.Substring(0, MaxSubdomainLength).TrimEnd('-');
        }

        return IsConfigKey(key) ? key : "value";
    }

    private static string Sanitize(string? value, bool allowDots, int maxLength)
    {
        if (value is null)
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(value.Length, 512));
        foreach (var c in value)
        {
            if (builder.Length >= 512)
            {
                break;
            }

            if (IsLower(c) || IsDigit(c))
            {
                builder.Append(c);
            }
            else if (IsUpper(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c == '.' && allowDots)
            {
                // A dot ends a label: no '-' before it, no empty label.
                TrimEnd(builder, '-');
                if (builder.Length > 0 && builder[builder.Length - 1] != '.')
                {
                    builder.Append('.');
                }
            }
            else if (builder.Length > 0 && builder[builder.Length - 1] is not ('-' or '.'))
            {
                builder.Append('-');
            }
        }

        var result = builder.ToString().Trim('-', '.');
        if (result.Length > maxLength)
        {
            result = result.Substring(0, maxLength).TrimEnd('-', '.');
        }

        return result;
    }

    private static void TrimEnd(StringBuilder builder, char c)
    {
        while (builder.Length > 0 && builder[builder.Length - 1] == c)
        {
            builder.Length--;
        }
    }

    /// <summary>[a-z0-9]([-a-z0-9]*[a-z0-9])? over value[start..end), of any length (the callers limit it).</summary>
    private static bool IsLabelBody(string value, int start, int end)
    {
        if (end <= start)
        {
            return false;
        }

        if (!(IsLower(value[start]) || IsDigit(value[start])) || !(IsLower(value[end - 1]) || IsDigit(value[end - 1])))
        {
            return false;
        }

        for (var i = start; i < end; i++)
        {
            if (!(IsLower(value[i]) || IsDigit(value[i]) || value[i] == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Four dot-separated decimal numbers up to 255, leading zeros allowed: what Kubernetes' ParseIPSloppy takes for an
    /// IPv4 address among the strings that are DNS subdomains (an IPv6 address has a ':', which no subdomain has).
    /// </summary>
    private static bool IsIPv4Address(string value)
    {
        var parts = value.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            var start = 0;
            while (start < part.Length - 1 && part[start] == '0')
            {
                start++;
            }

            if (part.Length == 0 || part.Length - start > 3)
            {
                return false;
            }

            var number = 0;
            for (var i = 0; i < part.Length; i++)
            {
                if (!IsDigit(part[i]))
                {
                    return false;
                }

                number = i < start ? 0 : (number * 10) + (part[i] - '0');
            }

            if (number > 255)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*</summary>
    private static bool IsImagePathComponent(string component)
    {
        if (component.Length == 0 || !(IsLower(component[0]) || IsDigit(component[0])))
        {
            return false;
        }

        var i = 0;
        while (i < component.Length)
        {
            if (IsLower(component[i]) || IsDigit(component[i]))
            {
                i++;
                continue;
            }

            var separatorStart = i;
            while (i < component.Length && component[i] is '.' or '_' or '-')
            {
                i++;
            }

            var separator = component.Substring(separatorStart, i - separatorStart);
            var isSeparator = separator is "." or "_" or "__" || separator.Trim('-').Length == 0;
            if (separator.Length == 0 || !isSeparator || i == component.Length)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A host name of labels with letters of either case, optionally ":port".</summary>
    private static bool IsRegistryHost(string host)
    {
        var colon = host.IndexOf(':');
        if (colon >= 0)
        {
            var port = host.Substring(colon + 1);
            if (port.Length is 0 or > 5)
            {
                return false;
            }

            foreach (var c in port)
            {
                if (!IsDigit(c))
                {
                    return false;
                }
            }

            host = host.Substring(0, colon);
        }

        // Case-insensitive, ASCII only: lowering a non-ASCII letter (the Kelvin sign) could yield an ASCII one.
        var lowered = new StringBuilder(host.Length);
        foreach (var c in host)
        {
            lowered.Append(IsUpper(c) ? (char)(c + ('a' - 'A')) : c);
        }

        return IsDns1123Subdomain(lowered.ToString());
    }

    private static bool IsLower(char c) => c is >= 'a' and <= 'z';

    private static bool IsUpper(char c) => c is >= 'A' and <= 'Z';

    private static bool IsLetter(char c) => IsLower(c) || IsUpper(c);

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsAlphanumeric(char c) => IsLetter(c) || IsDigit(c);
}
