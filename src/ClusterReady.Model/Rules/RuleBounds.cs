namespace ClusterReady.Model.Rules;

/// <summary>
/// The numeric bounds the rules hold values to, in one place for the rules and for the outputs that carry them further,
/// such as the Helm chart's <c>values.schema.json</c>.
/// </summary>
public static class RuleBounds
{
    /// <summary>The fewest replicas a Deployment may ask for (CR5008).</summary>
    public const int MinReplicas = 0;

    /// <summary>The fewest replicas an autoscaler may keep (CR5003).</summary>
    public const int MinAutoscalingReplicas = 1;

    /// <summary>The lowest utilization target, in percent of the request (CR5006).</summary>
    public const int MinUtilizationPercent = 1;
}
