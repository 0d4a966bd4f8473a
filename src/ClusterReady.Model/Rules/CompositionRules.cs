using System;
using System.Collections.Generic;
using System.Linq;
using ClusterReady.Model.Declaration;

namespace ClusterReady.Model.Rules;

/// <summary>A finding of <see cref="CompositionRules"/>, with the service it is on.</summary>
internal sealed record CompositionFinding(ServiceDeclaration Service, Finding Finding);

/// <summary>
/// The rules about the services of a composition together: every <c>[DependsOn]</c> names one of them, no two share a
/// service name, and no dependencies form a cycle. Checked by the composition's build step, the one place where every
/// service is known (the analyzers see one project; each service's own <c>[DependsOn]</c> rules are in
/// <see cref="NamingRules"/>).
/// </summary>
internal static class CompositionRules
{
    /// <summary>Every finding on <paramref name="services"/>, in their order.</summary>
    public static IReadOnlyList<CompositionFinding> Check(IReadOnlyList<ServiceDeclaration> services)
    {
        var findings = new List<CompositionFinding>();
        var byName = new Dictionary<string, ServiceDeclaration>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            if (byName.ContainsKey(service.ServiceName))
            {
                findings.Add(Report(service, RuleCatalog.DuplicateName, service.Service.LocationOf("Name"), "The service of the composition", service.ServiceName));
            }
            else
            {
                byName.Add(service.ServiceName, service);
            }
        }

        var known = string.Join(", ", byName.Keys.OrderBy(name => name, StringComparer.Ordinal));
        foreach (var service in byName.Values)
        {
            foreach (var dependency in service.All(KnownAttributes.DependsOn))
            {
                var name = dependency.String("Service");
                if (name is not null && !byName.ContainsKey(name))
                {
                    findings.Add(Report(service, RuleCatalog.UnknownDependency, dependency.LocationOf("Service"), service.ServiceName, name, known));
                }
            }
        }

        // Depth first; a dependency still on the path closes a cycle, reported once, on the [DependsOn] that closes it.
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var service in byName.Values)
        {
            Visit(service);
        }

        return findings;

        void Visit(ServiceDeclaration service)
        {
            if (done.Contains(service.ServiceName))
            {
                return;
            }

            path.Add(service.ServiceName);
            foreach (var dependency in service.All(KnownAttributes.DependsOn))
            {
                // Plain checks, not pattern or out variables: see NamingRules.CheckDependencies.
                var name = dependency.String("Service");
                if (name is null || name == service.ServiceName || !byName.ContainsKey(name))
                {
                    continue;
                }

                var start = path.IndexOf(name);
                if (start >= 0)
                {
                    var cycle = string.Join(" -> ", path.Skip(start).Concat(new[] { name }));
                    findings.Add(Report(service, RuleCatalog.DependencyCycle, dependency.LocationOf("Service"), cycle));
                }
                else
                {
                    Visit(byName[name]);
                }
            }

            path.RemoveAt(path.Count - 1);
            done.Add(service.ServiceName);
        }
    }

    private static CompositionFinding Report(ServiceDeclaration service, Rule rule, Site site, params object?[] arguments) =>
        new(service, new Finding(rule, site, arguments, FindingProperties.Empty));
}
