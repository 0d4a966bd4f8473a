using System;
using System.Diagnostics;

namespace ClusterReady;

/// <summary>
/// Marks the class that describes how this app runs on Kubernetes. Put it (and the other ClusterReady attributes)
/// on one class of the app, for example <c>public partial class Program;</c>. <c>dotnet publish</c> then writes a
/// Dockerfile and Kubernetes manifests to <c>deploy/</c>, and <c>builder.AddClusterReady()</c> serves the probes
/// they declare.
/// </summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KubernetesServiceAttribute : Attribute
{
    /// <summary>Describes the service; its Kubernetes name is derived from the assembly name.</summary>
    public KubernetesServiceAttribute()
    {
    }

    /// <summary>Describes the service under the given Kubernetes name (a DNS-1123 label, e.g. <c>orders-api</c>).</summary>
    public KubernetesServiceAttribute(string name) => Name = name;

    /// <summary>Kubernetes name of the Deployment, Service and related objects.</summary>
    public string? Name { get; }

    /// <summary>Namespace to deploy into; unset leaves it to the kubectl context or an overlay.</summary>
    public string? Namespace { get; set; }

    /// <summary>
    /// Desired number of pods. Left out: 1, or 2 when <see cref="HighlyAvailable"/>. Written as 0 it is refused (CR5010):
    /// an environment runs no pods with <c>Replicas = 0</c> on its <see cref="EnvironmentOverlayAttribute"/>.
    /// </summary>
    public int Replicas { get; set; }

    /// <summary>
    /// Run at least two replicas, keep a PodDisruptionBudget and spread pods across nodes and zones.
    /// </summary>
    public bool HighlyAvailable { get; set; }
}
