using System.Collections.Generic;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Declaration;

/// <summary>What the compiler knows about the app besides the attributes.</summary>
/// <param name="IsWebApp">True when the app references ASP.NET Core (it serves HTTP on its own).</param>
/// <param name="AssemblyName">The assembly name, from which the service's name is derived when none is declared.</param>
internal sealed record AppFacts(bool IsWebApp, string AssemblyName);

/// <summary>
/// The <c>[KubernetesService]</c> class as declared: its ClusterReady attributes in declaration order, as plain data.
/// The generator builds it from the compilation; the rules, the resolver and the build step all read this one input.
/// </summary>
internal sealed record ServiceDeclaration(string TypeName, AppFacts App, EquatableArray<DeclaredAttribute> Attributes)
{
    private ServiceSpec? _spec;

    /// <summary>The typed view of the attributes (null means "not set").</summary>
    public ServiceSpec Spec => _spec ??= ServiceSpecReader.Read(this);

    public string AssemblyName => App.AssemblyName;

    /// <summary>The <c>[KubernetesService]</c> attribute itself.</summary>
    public DeclaredAttribute Service => Single(KnownAttributes.KubernetesService)!;

    /// <summary>The Kubernetes name the resolver gives the service.</summary>
    public string ServiceName => Spec.Name ?? ServiceNames.FromAssemblyName(AssemblyName);

    /// <summary>The declared ports with the names the resolver gives them, or the default port when none is declared.</summary>
    public IReadOnlyList<PortSpec> ResolvedPorts => ModelResolver.ResolvePorts(Spec, App);

    /// <summary>Replicas as the resolver writes them.</summary>
    public int EffectiveReplicas => ModelResolver.Replicas(Spec);

    /// <summary>
    /// This declaration with the facts of the compilation. A method, not <c>with</c>: init accessors differ between the
    /// model's netstandard2.0 build (which the generator is compiled against) and its net10.0 build.
    /// </summary>
    public ServiceDeclaration WithApp(AppFacts app) => new(TypeName, app, Attributes);

    /// <summary>The first attribute of this kind (the single-use ones), or null.</summary>
    public DeclaredAttribute? Single(string metadataName)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.MetadataName == metadataName)
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>Every attribute of this kind, in declaration order.</summary>
    public IEnumerable<DeclaredAttribute> All(string metadataName)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.MetadataName == metadataName)
            {
                yield return attribute;
            }
        }
    }

    public bool Equals(ServiceDeclaration? other) =>
        other is not null && TypeName == other.TypeName && App == other.App && Attributes == other.Attributes;

    public override int GetHashCode() => (TypeName, App, Attributes).GetHashCode();
}
