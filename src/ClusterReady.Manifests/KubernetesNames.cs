using System.Text;
using System.Text.RegularExpressions;

namespace ClusterReady.Manifests;

/// <summary>The name and value rules of Kubernetes and OCI image references, as used by the validator.</summary>
internal static partial class KubernetesNames
{
    public const int MaxLabelLength = 63;
    public const int MaxSubdomainLength = 253;

    /// <summary>RFC 1123 label: lowercase alphanumerics and '-', starting and ending with an alphanumeric.</summary>
    public static bool IsDns1123Label(string? value) =>
        value is { Length: > 0 and <= MaxLabelLength } && Dns1123Label().IsMatch(value);

    /// <summary>RFC 1035 label: an RFC 1123 label that starts with a letter (the rule for Service names).</summary>
    public static bool IsDns1035Label(string? value) =>
        value is { Length: > 0 and <= MaxLabelLength } && Dns1035Label().IsMatch(value);

    /// <summary>RFC 1123 subdomain: dot-separated labels (the rule for Secret and ConfigMap names).</summary>
    public static bool IsDns1123Subdomain(string? value) =>
        value is { Length: > 0 and <= MaxSubdomainLength } && Dns1123Subdomain().IsMatch(value);

    /// <summary>IANA_SVC_NAME: at most 15 lowercase alphanumerics or '-', at least one letter, no leading, trailing or double '-'.</summary>
    public static bool IsPortName(string? value) =>
        value is { Length: > 0 and <= 15 } && PortName().IsMatch(value) && value.Any(char.IsAsciiLetterLower) && !value.Contains("--", StringComparison.Ordinal);

    /// <summary>The environment variable names a shell and .NET configuration both accept.</summary>
    public static bool IsEnvironmentVariableName(string? value) =>
        value is { Length: > 0 } && EnvironmentVariableName().IsMatch(value);

    /// <summary>A key of a Secret or ConfigMap.</summary>
    public static bool IsConfigKey(string? value) =>
        value is { Length: > 0 and <= MaxSubdomainLength } && value is not ("." or "..") && ConfigKey().IsMatch(value);

    /// <summary>A label value: empty, or at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric.</summary>
    public static bool IsLabelValue(string? value) =>
        value is not null && value.Length <= MaxLabelLength && (value.Length == 0 || LabelValue().IsMatch(value));

    /// <summary>A label key: an optional DNS subdomain prefix and '/', then a name like a label value.</summary>
    public static bool IsLabelKey(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var slash = value.LastIndexOf('/');
        var name = slash < 0 ? value : value[(slash + 1)..];
        return (slash < 0 || IsDns1123Subdomain(value[..slash])) && name.Length > 0 && IsLabelValue(name);
    }

    /// <summary>An Ingress host: a DNS subdomain, optionally with a leading <c>*.</c> wildcard.</summary>
    public static bool IsIngressHost(string? value) =>
        value is not null && IsDns1123Subdomain(value.StartsWith("*.", StringComparison.Ordinal) ? value[2..] : value);

    /// <summary>An OCI image repository without tag or digest, e.g. <c>registry.example.com:5000/team/orders-api</c>.</summary>
    public static bool IsImageRepository(string? value) =>
        value is { Length: > 0 and <= 255 } && ImageRepository().IsMatch(value);

    /// <summary>An OCI image tag.</summary>
    public static bool IsImageTag(string? value) =>
        value is { Length: > 0 } && ImageTag().IsMatch(value);

    /// <summary>
    /// The RFC 1123 label form of a .NET name: lowercase, every run of other characters as one '-',
    /// e.g. <c>Orders.Api</c> becomes <c>orders-api</c>. May be empty or start with a digit; the caller validates it.
    /// </summary>
    public static string ToDns1123Label(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var label = builder.ToString(0, Math.Min(builder.Length, MaxLabelLength));
        return label.TrimEnd('-');
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex PortName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]*$")]
    private static partial Regex EnvironmentVariableName();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKey();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    // The reference grammar of the OCI distribution spec: an optional registry host (with port), then lowercase path components.
    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex ImageRepository();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex ImageTag();
}
