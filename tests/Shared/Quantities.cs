using k8s.Models;

namespace ClusterReady.Tests;

/// <summary>Kubernetes quantities compared as Kubernetes compares them (KubernetesClient's reading), for test oracles.</summary>
internal static class Quantities
{
    /// <summary>Whether <paramref name="a"/> is the larger amount ("1" above "500m", "1Gi" above "512Mi").</summary>
    public static bool Above(string a, string b) => new ResourceQuantity(a).ToDecimal() > new ResourceQuantity(b).ToDecimal();

    public static string Min(string a, string b) => Above(a, b) ? b : a;

    public static string Max(string a, string b) => Above(a, b) ? a : b;
}
