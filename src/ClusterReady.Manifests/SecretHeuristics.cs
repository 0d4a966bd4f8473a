using System.Text.Json;
using ClusterReady.Model.Rules;

namespace ClusterReady.Manifests;

/// <summary>
/// Spots values that look like credentials, so they are refused instead of being written into a manifest that
/// ends up in source control. Messages never repeat the value.
/// </summary>
internal static class SecretHeuristics
{
    /// <summary>True when a setting's value is, or by its name could be, a credential (the analyzers' own test).</summary>
    public static bool LooksSecret(string name, string value) =>
        SecretDetection.ValueLooksSecret(value) || SecretDetection.NameLooksSecret(name, value);

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
                    if (item.ValueKind == JsonValueKind.String && SecretDetection.ValueLooksSecret(item.GetString()!))
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
}
