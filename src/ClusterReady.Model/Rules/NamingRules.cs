using System;
using System.Collections.Generic;
using System.Globalization;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Rules;

/// <summary>Names Kubernetes validates (service, namespace, Secret, ConfigMap, port, environment variable, label), duplicates and mount paths.</summary>
internal static class NamingRules
{
    /// <summary>The rules this group can report.</summary>
    public static readonly Rule[] Rules =
    {
        RuleCatalog.InvalidDnsLabel,
        RuleCatalog.InvalidDnsSubdomain,
        RuleCatalog.InvalidPortName,
        RuleCatalog.InvalidEnvironmentVariableName,
        RuleCatalog.InvalidSecretKey,
        RuleCatalog.InvalidLabelSelector,
        RuleCatalog.DuplicateEnvironmentVariable,
        RuleCatalog.DuplicateName,
        RuleCatalog.InvalidMountPath,
        RuleCatalog.DependsOnItself,
    };

    private const string LabelRule = "use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit";
    private const string SubdomainRule = "use at most 253 lowercase letters, digits, '-' and '.', each part starting and ending with a letter or digit";

    public static void Check(RuleContext context)
    {
        CheckServiceIdentity(context);
        CheckEnvironment(context);
        CheckVolumes(context);
        CheckIngressNames(context);
        CheckNetworkPolicy(context);
        CheckOverlays(context);
        CheckPortNames(context);
        CheckDependencies(context);
    }

    private static void CheckServiceIdentity(RuleContext context)
    {
        var service = context.Service.Service;
        if (service.Read.String("Name") is { } name)
        {
            if (!NameRules.IsDns1035Label(name))
            {
                // The name is also the Service's, which must start with a letter (RFC 1035).
                ReportServiceName(context, service, "Name", name);
            }
        }
        else
        {
            var derived = ServiceNames.FromAssemblyName(context.Service.AssemblyName);
            if (!NameRules.IsDns1035Label(derived))
            {
                context.Report(
                    RuleCatalog.InvalidDnsLabel, service.Location, "KubernetesService.Name (derived from the assembly name)", derived, "service name",
                    "it must start with a letter; set the name, such as [KubernetesService(\"orders-api\")]");
            }
        }

        if (service.Read.String("Namespace") is { } ns && !NameRules.IsDns1123Label(ns))
        {
            ReportLabel(context, service, "Namespace", ns, "namespace", LabelRule, NameRules.ToDns1123Label(ns));
        }
    }

    private static void CheckEnvironment(RuleContext context)
    {
        var copies = CountVariables(context);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in context.Service.Attributes)
        {
            if (!IsEnvironmentVariable(attribute))
            {
                continue;
            }

            var isSecret = attribute.MetadataName == KnownAttributes.SecretEnvironmentVariable;

            if (attribute.RequiredString("Name") is { } name)
            {
                if (!NameRules.IsEnvironmentVariableName(name))
                {
                    var fix = NameRules.ToEnvironmentVariableName(name);
                    context.Report(
                        RuleCatalog.InvalidEnvironmentVariableName, attribute.LocationOf("Name"), FindingProperties.Replacement(fix),
                        attribute.Property("Name"), name, fix is null ? "" : ", such as \"" + fix + "\" ('__' reads as ':' in .NET configuration)");
                }
                else if (!seen.Add(name))
                {
                    // Each later copy is reported, each with the whole count, so no copy's message undercounts.
                    var copy = copies[name];
                    context.Report(
                        RuleCatalog.DuplicateEnvironmentVariable, attribute.LocationOf("Name"), name,
                        (copy.Count == 2 ? "twice" : copy.Count.ToString(CultureInfo.InvariantCulture) + " times") + " (as " + string.Join(" and ", copy.Kinds) + ")");
                }
            }

            if (isSecret)
            {
                CheckSubdomain(context, attribute, "SecretName", "Secret name");
                if (attribute.RequiredString("Key") is { } key && !NameRules.IsConfigKey(key))
                {
                    context.Report(RuleCatalog.InvalidSecretKey, attribute.LocationOf("Key"), key);
                }
            }
        }
    }

    /// <summary>How often each valid variable name is declared, and as which attributes, in the order first seen.</summary>
    private static Dictionary<string, VariableCopies> CountVariables(RuleContext context)
    {
        var copies = new Dictionary<string, VariableCopies>(StringComparer.Ordinal);
        foreach (var attribute in context.Service.Attributes)
        {
            if (IsEnvironmentVariable(attribute) && attribute.RequiredString("Name") is { } name && NameRules.IsEnvironmentVariableName(name))
            {
                if (!copies.TryGetValue(name, out var copy))
                {
                    copies[name] = copy = new VariableCopies();
                }

                copy.Count++;
                if (!copy.Kinds.Contains(attribute.DisplayName))
                {
                    copy.Kinds.Add(attribute.DisplayName);
                }
            }
        }

        return copies;
    }

    /// <summary>
    /// A class, not an (int, List) tuple: a dictionary over a value tuple gets no precompiled code, so the compiler's JIT
    /// compiles it in every build that runs the analyzers (issue 19).
    /// </summary>
    private sealed class VariableCopies
    {
        public int Count { get; set; }

        public List<string> Kinds { get; } = new();
    }

    private static bool IsEnvironmentVariable(DeclaredAttribute attribute) =>
        attribute.MetadataName is KnownAttributes.EnvironmentVariable or KnownAttributes.SecretEnvironmentVariable;

    private static void CheckVolumes(RuleContext context)
    {
        var mountPaths = new HashSet<string>(StringComparer.Ordinal);
        var configMaps = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in context.Service.Attributes)
        {
            if (attribute.MetadataName == KnownAttributes.SecretVolume)
            {
                CheckSubdomain(context, attribute, "SecretName", "Secret name");
                CheckMountPath(context, attribute, attribute.RequiredString("MountPath"), mountPaths);
            }
            else if (attribute.MetadataName == KnownAttributes.ConfigMap)
            {
                if (CheckSubdomain(context, attribute, "Name", "ConfigMap name") is { } name && !configMaps.Add(name))
                {
                    context.Report(RuleCatalog.DuplicateName, attribute.LocationOf("Name"), "The ConfigMap", name);
                }

                if (attribute.Read.String("MountPath") is { } path)
                {
                    CheckMountPath(context, attribute, path, mountPaths);
                }
            }
        }
    }

    private static void CheckMountPath(RuleContext context, DeclaredAttribute attribute, string? path, HashSet<string> mountPaths)
    {
        if (path is null)
        {
            return;
        }

        var normalized = path.TrimEnd('/');
        var trimmed = path.Trim();
        var ownFolder = "/etc/" + context.Service.ServiceName;
        string? problem = null, fix = null;
        if (trimmed.Length == 0 || trimmed[0] != '/')
        {
            problem = "is not an absolute path: use a folder of its own, such as \"" + ownFolder + "\"";
            // "/" + the path, when that is a folder of its own ("app" would become "/app", which hides the application;
            // an empty path would become "/").
            if (IsPlainMountPath("/" + trimmed))
            {
                fix = "/" + trimmed;
            }
        }
        else if (HasParentSegment(path))
        {
            problem = "has a \"..\" segment: name the folder without \"..\", such as \"" + ownFolder + "\"";
        }
        else if (path.IndexOf(':') is var colon and >= 0)
        {
            // "/data:ro" is the container runtimes' volume syntax; in Kubernetes read-only is a field of its own.
            var folder = path.Substring(0, colon).Trim();
            problem = "contains ':', but a mount path is the folder alone and read-only is not written in it (Kubernetes has a separate readOnly "
                + "field, and ClusterReady mounts each Secret and ConfigMap read-only): write the folder, such as \""
                + (IsPlainMountPath(folder) ? folder : ownFolder) + "\"";
        }
        else if (HasWhiteSpaceOrControl(path))
        {
            problem = "contains white space or a control character: name the folder without them, such as \""
                + (IsPlainMountPath(trimmed) ? trimmed : ownFolder) + "\"";
        }
        else if (HidesAppOrTmp(normalized))
        {
            problem = "would hide " + (normalized == "/tmp" ? "the writable /tmp folder" : "the application in /app")
                + ": use a folder of its own, such as \"" + ownFolder + "\" or \"/app/secrets\"";
        }
        else if (!mountPaths.Add(normalized))
        {
            problem = "is already a mount path: give each volume its own folder";
        }

        if (problem is not null)
        {
            context.Report(RuleCatalog.InvalidMountPath, attribute.LocationOf("MountPath"), FindingProperties.Replacement(fix), attribute.Property("MountPath"), path, problem);
        }
    }

    private static void CheckIngressNames(RuleContext context)
    {
        if (context.Service.Single(KnownAttributes.Ingress) is { } ingress)
        {
            CheckHost(context, ingress, "Ingress host");
            if (ingress.Read.String("TlsSecretName") is not null)
            {
                CheckSubdomain(context, ingress, "TlsSecretName", "Secret name");
            }

            if (ingress.Read.String("ClassName") is not null)
            {
                CheckSubdomain(context, ingress, "ClassName", "IngressClass name");
            }
        }

        if (context.Service.Single(KnownAttributes.HttpRoute) is { } route)
        {
            // Gateway API hostnames follow the Ingress host's grammar: a DNS name, optionally after "*.", never an IP.
            CheckHost(context, route, "HTTPRoute hostname");
            if (!string.IsNullOrWhiteSpace(route.Read.String("Gateway")))
            {
                CheckSubdomain(context, route, "Gateway", "Gateway name");
            }

            if (route.Read.String("GatewayNamespace") is { } ns && !NameRules.IsDns1123Label(ns))
            {
                ReportLabel(context, route, "GatewayNamespace", ns, "namespace name", LabelRule, NameRules.ToDns1123Label(ns));
            }
        }
    }

    private static void CheckHost(RuleContext context, DeclaredAttribute attribute, string kind)
    {
        if (attribute.RequiredString("Host") is { } host && !NameRules.IsIngressHost(host))
        {
            context.Report(
                RuleCatalog.InvalidDnsSubdomain, attribute.LocationOf("Host"), FindingProperties.Replacement(ToHost(host)),
                attribute.Property("Host"), host, kind, "use a lowercase DNS name such as \"orders.example.com\", optionally after \"*.\", with no scheme, port or path");
        }
    }

    private static void CheckNetworkPolicy(RuleContext context)
    {
        if (context.Service.Single(KnownAttributes.NetworkPolicy) is not { } policy)
        {
            return;
        }

        var labels = policy.StringElements("AllowFromPodLabels");
        var labelLocations = policy.ElementLocations("AllowFromPodLabels");
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] is { } selector && !NameRules.IsLabelSelector(selector))
            {
                var location = labelLocations.Count == labels.Count ? labelLocations[i] : policy.LocationOf("AllowFromPodLabels");
                context.Report(RuleCatalog.InvalidLabelSelector, location, selector);
            }
        }

        var namespaces = policy.StringElements("AllowFromNamespaces");
        var namespaceLocations = policy.ElementLocations("AllowFromNamespaces");
        for (var i = 0; i < namespaces.Count; i++)
        {
            if (namespaces[i] is { } ns && !NameRules.IsDns1123Label(ns))
            {
                var location = namespaceLocations.Count == namespaces.Count ? namespaceLocations[i] : policy.LocationOf("AllowFromNamespaces");
                var fix = NameRules.ToDns1123Label(ns);
                context.Report(
                    RuleCatalog.InvalidDnsLabel, location, FindingProperties.Replacement(fix), "NetworkPolicy.AllowFromNamespaces", ns, "namespace name",
                    LabelRule + (fix is null ? "" : ", such as \"" + fix + "\""));
            }
        }
    }

    private static void CheckOverlays(RuleContext context)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var overlay in context.Service.All(KnownAttributes.EnvironmentOverlay))
        {
            // A plain null check, not a pattern variable: see CheckDependencies.
            var name = overlay.RequiredString("Name");
            if (name is null)
            {
                continue;
            }

            // The overlay folder is the lowercase name; the app's environment name is the same, capitalized.
            if (name.Length == 0 || !NameRules.IsDns1123Label(NameRules.LowerAscii(name)))
            {
                ReportLabel(context, overlay, "Name", name, "environment name", "use letters, digits and '-', starting and ending with a letter or digit", NameRules.ToDns1123Label(name));
            }
            else if (!names.Add(name))
            {
                context.Report(RuleCatalog.DuplicateName, overlay.LocationOf("Name"), "The environment overlay (names are compared ignoring case)", name);
            }
        }
    }

    private static void CheckPortNames(RuleContext context)
    {
        foreach (var port in context.Service.All(KnownAttributes.ContainerPort))
        {
            if (port.Read.String("Name") is { } name && !NameRules.IsPortName(name))
            {
                var fix = NameRules.ToPortName(name);
                context.Report(
                    RuleCatalog.InvalidPortName, port.LocationOf("Name"), FindingProperties.Replacement(fix),
                    name, fix is null ? ", such as \"http\" or \"metrics\"" : ", such as \"" + fix + "\"");
            }
        }
    }

    /// <summary>
    /// [DependsOn]: a service name (as the service's own), not this service, each once. Whether the service exists, and
    /// cycles, are the composition's to check: it is the one place where every service is known.
    /// </summary>
    private static void CheckDependencies(RuleContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dependency in context.Service.All(KnownAttributes.DependsOn))
        {
            // A plain null check rather than `is not { } name ... continue`: Stryker.NET 5.1 cannot compile a mutant that
            // removes that `continue` (CS0165) and then drops every mutant of the method (docs/mutation.md).
            var name = dependency.RequiredString("Service");
            if (name is null)
            {
                continue;
            }

            if (!NameRules.IsDns1035Label(name))
            {
                ReportServiceName(context, dependency, "Service", name);
            }
            else if (name == context.Service.ServiceName)
            {
                context.Report(RuleCatalog.DependsOnItself, dependency.LocationOf("Service"), name);
            }
            else if (!names.Add(name))
            {
                context.Report(RuleCatalog.DuplicateName, dependency.LocationOf("Service"), "The dependency", name);
            }
        }
    }

    /// <summary>Validates a DNS-1123 subdomain argument; returns the value when it is valid.</summary>
    private static string? CheckSubdomain(RuleContext context, DeclaredAttribute attribute, string property, string kind)
    {
        if (attribute.RequiredString(property) is not { } value)
        {
            return null;
        }

        if (NameRules.IsDns1123Subdomain(value))
        {
            return value;
        }

        var fix = NameRules.ToDns1123Subdomain(value);
        context.Report(
            RuleCatalog.InvalidDnsSubdomain, attribute.LocationOf(property), FindingProperties.Replacement(fix), attribute.Property(property), value, kind,
            SubdomainRule + (fix is null ? "" : ", such as \"" + fix + "\""));
        return null;
    }

    private static void ReportServiceName(RuleContext context, DeclaredAttribute attribute, string property, string name) =>
        ReportLabel(context, attribute, property, name, "service name", LabelRule.Replace("starting and", "starting with a letter and"), NameRules.ToDns1123Label(name, startWithLetter: true));

    private static void ReportLabel(RuleContext context, DeclaredAttribute attribute, string property, string value, string kind, string rule, string? fix)
    {
        var replacement = fix is not null && fix != value ? fix : null;
        context.Report(
            RuleCatalog.InvalidDnsLabel, attribute.LocationOf(property), FindingProperties.Replacement(replacement), attribute.Property(property), value, kind,
            rule + (fix is null ? "" : ", such as \"" + fix + "\""));
    }

    /// <summary>"https://Orders.Example.com:443/x" as "orders.example.com".</summary>
    private static string? ToHost(string host)
    {
        var text = host.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text.Substring(scheme + 3);
        }

        var end = text.IndexOfAny(new[] { '/', ':', '?', '#' });
        if (end >= 0)
        {
            text = text.Substring(0, end);
        }

        var wildcard = text.StartsWith("*.", StringComparison.Ordinal);
        var subdomain = NameRules.ToDns1123Subdomain(wildcard ? text.Substring(2) : text);
        var candidate = subdomain is null ? null : (wildcard ? "*." : "") + subdomain;

        // Not an address ("10.0.0.1" stays itself) nor a wildcard host made too long by its "*.".
        return candidate is not null && candidate != host && NameRules.IsIngressHost(candidate) ? candidate : null;
    }

    /// <summary>An absolute folder with no "..", ':', white space or control character, that hides neither /app nor /tmp.</summary>
    private static bool IsPlainMountPath(string path) =>
        path.Length > 1 && path[0] == '/' && !HasParentSegment(path) && path.IndexOf(':') < 0 && !HasWhiteSpaceOrControl(path) && !HidesAppOrTmp(path.TrimEnd('/'));

    private static bool HasParentSegment(string path) => Array.IndexOf(path.Split('/'), "..") >= 0;

    private static bool HidesAppOrTmp(string normalized) =>
        normalized is "" or "/app" or "/tmp" || "/app".StartsWith(normalized + "/", StringComparison.Ordinal);

    private static bool HasWhiteSpaceOrControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
