namespace ClusterReady.Model.Declaration;

/// <summary>Metadata names of the attributes in ClusterReady.Abstractions.</summary>
internal static class KnownAttributes
{
    public const string Namespace = "ClusterReady";
    public const string KubernetesService = Namespace + "." + KubernetesServiceName;

    /// <summary>The <c>[KubernetesService]</c> attribute's name within <see cref="Namespace"/>.</summary>
    public const string KubernetesServiceName = "KubernetesServiceAttribute";
    public const string ContainerImage = "ClusterReady.ContainerImageAttribute";
    public const string ContainerPort = "ClusterReady.ContainerPortAttribute";
    public const string LivenessProbe = "ClusterReady.LivenessProbeAttribute";
    public const string ReadinessProbe = "ClusterReady.ReadinessProbeAttribute";
    public const string StartupProbe = "ClusterReady.StartupProbeAttribute";
    public const string Resources = "ClusterReady.ResourcesAttribute";
    public const string EnvironmentVariable = "ClusterReady.EnvironmentVariableAttribute";
    public const string SecretEnvironmentVariable = "ClusterReady.SecretEnvironmentVariableAttribute";
    public const string SecretVolume = "ClusterReady.SecretVolumeAttribute";
    public const string ConfigMap = "ClusterReady.ConfigMapAttribute";
    public const string GracefulShutdown = "ClusterReady.GracefulShutdownAttribute";
    public const string Autoscaling = "ClusterReady.AutoscalingAttribute";
    public const string DisruptionBudget = "ClusterReady.DisruptionBudgetAttribute";
    public const string Ingress = "ClusterReady.IngressAttribute";
    public const string HttpRoute = "ClusterReady.HttpRouteAttribute";
    public const string NetworkPolicy = "ClusterReady.NetworkPolicyAttribute";
    public const string PodSecurity = "ClusterReady.PodSecurityAttribute";
    public const string EnvironmentOverlay = "ClusterReady.EnvironmentOverlayAttribute";
    public const string DependsOn = "ClusterReady.DependsOnAttribute";
    public const string LatencyProfile = "ClusterReady.LatencyProfileAttribute";

    /// <summary>A type whose presence marks an ASP.NET Core app (its shared framework is referenced).</summary>
    public const string WebApplication = "Microsoft.AspNetCore.Builder.WebApplication";
}
