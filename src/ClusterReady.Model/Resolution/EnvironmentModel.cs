namespace ClusterReady.Model.Resolution;

/// <summary>One environment of the service, complete: the base model with the environment's overlay applied.</summary>
/// <param name="Overlay">The overlay (declared, or one of the default environments).</param>
/// <param name="Replicas">The replicas the environment runs, within its autoscaling range.</param>
/// <param name="MinReplicas">The autoscaler's minimum in this environment; null without autoscaling.</param>
/// <param name="MaxReplicas">The autoscaler's maximum in this environment; null without autoscaling.</param>
/// <param name="Resources">The base's requests and limits with the overlay's in their place.</param>
/// <param name="ImageTag">The overlay's tag, else the base's (null: the build's version).</param>
internal sealed record EnvironmentModel(
    EnvironmentOverlayModel Overlay, int Replicas, int? MinReplicas, int? MaxReplicas, ResourcesModel? Resources, string? ImageTag)
{
    public string Name => Overlay.Name;

    /// <summary>The fewest pods this environment runs: the autoscaling minimum, or the replica count.</summary>
    public int FewestReplicas => MinReplicas ?? Replicas;
}
