using System;
using System.Collections.Generic;
using ClusterReady.Model.Declaration;

namespace ClusterReady.Model.Rules;

/// <summary>
/// Every rule group, run over one declaration. The analyzers run the same groups (one analyzer each) and place the
/// findings on source; the build step runs them all here and fails on an error with the same id, message and help link,
/// so a build whose analyzers were switched off or suppressed fails exactly as the IDE would.
/// </summary>
internal static class Rulebook
{
    /// <summary>The groups, each with the rules it can report.</summary>
    public static IReadOnlyList<(IReadOnlyList<Rule> Rules, Action<RuleContext> Check)> Groups { get; } = new (IReadOnlyList<Rule>, Action<RuleContext>)[]
    {
        (ResourceRules.Rules, ResourceRules.Check),
        (NamingRules.Rules, NamingRules.Check),
        (PortRules.Rules, PortRules.Check),
        (ProbeRules.Rules, ProbeRules.Check),
        (ShutdownRules.Rules, ShutdownRules.Check),
        (AvailabilityRules.Rules, AvailabilityRules.Check),
        (PodSecurityRules.Rules, PodSecurityRules.Check),
        (ContainerImageRules.Rules, ContainerImageRules.Check),
        (IngressRules.Rules, IngressRules.Check),
        (SecretLiteralRules.Rules, SecretLiteralRules.Check),
        (LatencyProfileRules.Rules, LatencyProfileRules.Check),
    };

    /// <summary>Every finding of every rule on <paramref name="service"/>, group by group.</summary>
    public static IReadOnlyList<Finding> Check(ServiceDeclaration service)
    {
        var context = new RuleContext(service);
        foreach (var (_, check) in Groups)
        {
            check(context);
        }

        return context.Findings;
    }

    /// <summary>
    /// Where a finding is, in the user's words: "Resources.MemoryLimit", or "EnvironmentOverlay(\"production\").Replicas"
    /// for an attribute that can be repeated.
    /// </summary>
    public static string Describe(ServiceDeclaration service, Site site)
    {
        if (site.Attribute < 0 || site.Attribute >= service.Attributes.Count)
        {
            return "KubernetesService";
        }

        var attribute = service.Attributes[site.Attribute];
        var name = attribute.ShortName;
        if (attribute.RequiredString("Name") is { } label && attribute.MetadataName != KnownAttributes.KubernetesService)
        {
            name += "(\"" + label + "\")";
        }

        return site.Argument is null ? name : name + "." + site.Argument + (site.Element >= 0 ? "[" + site.Element + "]" : "");
    }
}
