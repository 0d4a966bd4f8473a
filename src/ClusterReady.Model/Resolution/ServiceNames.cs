using System.Text;

namespace ClusterReady.Model.Resolution;

/// <summary>The service's Kubernetes name when the attributes give none: derived from the assembly name.</summary>
internal static class ServiceNames
{
    /// <summary>"Orders.Api" -> "orders-api": lowercase, runs of other characters become one '-', at most 63.</summary>
    public static string FromAssemblyName(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (c is >= 'A' and <= 'Z')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[builder.Length - 1] != '-')
            {
                builder.Append('-');
            }
        }

        var label = builder.ToString().Trim('-');
        if (label.Length > Rules.NameRules.MaxLabelLength)
        {
            label = label.Substring(0, Rules.NameRules.MaxLabelLength).TrimEnd('-');
        }

        return label.Length == 0 ? ModelDefaults.ServiceName : label;
    }
}
