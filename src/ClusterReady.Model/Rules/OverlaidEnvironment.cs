using System.Collections.Generic;
using System.Runtime.CompilerServices;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Rules;

/// <summary>
/// An environment an <c>[EnvironmentOverlay]</c> declares, as the rules judge it: complete (the base with the overlay
/// applied, by <see cref="ModelResolver.Environments"/>), with the attribute that declares it, where its findings go.
/// </summary>
/// <remarks>
/// A finding in an environment belongs to the overlay only when the overlay writes a value the rule reads (<see cref="Sets"/>);
/// otherwise the environment has the base's value and the finding is the base's own, reported once, on the base.
/// The default environments (a service that declares no overlay) are not judged apart: <c>staging</c> is the base, and
/// <c>production</c> only raises the replicas and the autoscaler's minimum (within its maximum), which no rule refuses,
/// so every finding there would repeat one on the base.
/// </remarks>
internal sealed class OverlaidEnvironment
{
    private OverlaidEnvironment(EnvironmentModel model, DeclaredAttribute overlay)
    {
        Model = model;
        Overlay = overlay;
    }

    /// <summary>The environment's resolved values: replicas, autoscaling range, resources, image tag.</summary>
    public EnvironmentModel Model { get; }

    /// <summary>The <c>[EnvironmentOverlay]</c> that declares the environment.</summary>
    public DeclaredAttribute Overlay { get; }

    /// <summary>"EnvironmentOverlay(\"production\")": the environment in a message.</summary>
    public string Subject => "EnvironmentOverlay(\"" + Model.Name + "\")";

    /// <summary>
    /// True when the overlay gives <paramref name="property"/> its value in this environment (a count of 0 means "not
    /// set", as for the resolver).
    /// </summary>
    public bool Sets(string property)
    {
        var overlay = Model.Overlay;
        return property switch
        {
            "Replicas" => overlay.Replicas is not null,
            "MinReplicas" => overlay.MinReplicas is not null,
            "MaxReplicas" => overlay.MaxReplicas is not null,
            "ImageTag" => overlay.ImageTag is not null,
            "CpuRequest" => overlay.Resources?.CpuRequest is not null,
            "CpuLimit" => overlay.Resources?.CpuLimit is not null,
            "MemoryRequest" => overlay.Resources?.MemoryRequest is not null,
            "MemoryLimit" => overlay.Resources?.MemoryLimit is not null,
            _ => false,
        };
    }

    /// <summary>Where a finding on <paramref name="property"/> of this environment goes: the overlay's argument.</summary>
    public Site LocationOf(string property) => Overlay.LocationOf(property);

    // Resolved once per declaration: the analyzers share one declaration per service class, and several rule groups
    // read its environments (issue 19). Keyed weakly, so an entry goes with its declaration.
    private static readonly ConditionalWeakTable<ServiceDeclaration, IReadOnlyList<OverlaidEnvironment>> Resolved = new();

    /// <summary>
    /// The declared environments of <paramref name="service"/>, resolved once per declaration; empty, without resolving
    /// anything, when it declares none (see the remarks on the default environments).
    /// </summary>
    public static IReadOnlyList<OverlaidEnvironment> Of(ServiceDeclaration service) => Resolved.GetValue(service, Resolve);

    private static IReadOnlyList<OverlaidEnvironment> Resolve(ServiceDeclaration service)
    {
        var overlays = new List<DeclaredAttribute>(service.All(KnownAttributes.EnvironmentOverlay));
        if (overlays.Count == 0)
        {
            return System.Array.Empty<OverlaidEnvironment>();
        }

        // The resolver keeps the declared overlays in declaration order, one environment each.
        var environments = ModelResolver.Environments(ModelResolver.Resolve(service));
        var result = new List<OverlaidEnvironment>(overlays.Count);
        for (var i = 0; i < environments.Count && i < overlays.Count; i++)
        {
            result.Add(new OverlaidEnvironment(environments[i], overlays[i]));
        }

        return result;
    }
}
