using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClusterReady.Manifests;

/// <summary>
/// Spots values that look like credentials, so they are refused instead of being written into a manifest that
/// ends up in source control. Messages never repeat the value.
/// </summary>
internal static partial class SecretHeuristics
{
    private static readonly string[] SecretNameEndings = ["password", "passwd", "secret", "apikey", "accesskey", "privatekey"];

    /// <summary>
    /// True when a setting such as <c>DB_PASSWORD</c>, <c>Auth__ClientSecret</c> or <c>Stripe:ApiKey</c> has a value that
    /// could be the credential itself (switches and numbers cannot).
    /// </summary>
    public static bool LooksSecret(string name, string value)
    {
        if (ValueLooksSecret(value))
        {
            return true;
        }

        if (value.Length == 0 || bool.TryParse(value, out _) || decimal.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        var letters = new string(name.Where(char.IsAsciiLetterOrDigit).ToArray());
        return SecretNameEndings.Any(ending => letters.EndsWith(ending, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True for connection strings with a password or key, and URLs with user info.</summary>
    private static bool ValueLooksSecret(string value) => CredentialInValue().IsMatch(value);

    /// <summary>
    /// The configuration paths (<c>Section:Key</c>) of <paramref name="element"/> whose string values look like credentials.
    /// </summary>
    public static IEnumerable<string> FindInJson(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var childPath = path.Length == 0 ? property.Name : $"{path}:{property.Name}";
                    if (property.Value.ValueKind == JsonValueKind.String && LooksSecret(property.Name, property.Value.GetString()!))
                    {
                        yield return childPath;
                    }
                    else
                    {
                        foreach (var found in FindInJson(property.Value, childPath))
                        {
                            yield return found;
                        }
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var childPath = $"{path}:{index++}";
                    if (item.ValueKind == JsonValueKind.String && ValueLooksSecret(item.GetString()!))
                    {
                        yield return childPath;
                    }
                    else
                    {
                        foreach (var found in FindInJson(item, childPath))
                        {
                            yield return found;
                        }
                    }
                }

                break;
        }
    }

    [GeneratedRegex(@"(?:^|[;\s])(?:password|pwd|accountkey|sharedaccesskey)\s*=\s*[^;\s]|://[^/\s:@]+:[^/\s@]+@", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialInValue();
}
