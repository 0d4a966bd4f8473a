using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;

namespace ClusterReady.Tests;

/// <summary>
/// Services declared as the generator reads them (attributes with named arguments), for the rulebook's verdict on
/// generated input without compiling source: <c>Declarations.Service(("Resources", [("CpuRequest", "1")]))</c>.
/// </summary>
internal static class Declarations
{
    /// <summary>A worker named orders-api with the given attributes after its [KubernetesService].</summary>
    public static ServiceDeclaration Service(params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) =>
        Service(replicas: null, attributes);

    /// <summary>A worker named orders-api with <paramref name="replicas"/> (when given) and the given attributes.</summary>
    public static ServiceDeclaration Service(int? replicas, params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) =>
        Service(replicas is { } count ? [("Replicas", count)] : [], attributes);

    /// <summary>
    /// A worker named orders-api whose [KubernetesService] has <paramref name="service"/>'s arguments besides its name
    /// (<c>[("Replicas", 3), ("HighlyAvailable", true)]</c>), and the given attributes after it.
    /// </summary>
    public static ServiceDeclaration Service((string Name, object Value)[] service, params (string Attribute, (string Name, object Value)[] Arguments)[] attributes)
    {
        var declared = new List<DeclaredAttribute>
        {
            new(KnownAttributes.KubernetesService, 0, new EquatableArray<DeclaredArgument>(
                service.Prepend(("Name", "orders-api")).Select(a => Argument(a.Name, a.Value)))),
        };
        foreach (var (attribute, arguments) in attributes)
        {
            declared.Add(new DeclaredAttribute(
                KnownAttributes.Namespace + "." + attribute + "Attribute", declared.Count, new EquatableArray<DeclaredArgument>(arguments.Select(a => Argument(a.Name, a.Value)))));
        }

        return new ServiceDeclaration("Deployment", new AppFacts(IsWebApp: false, "OrdersApi"), new EquatableArray<DeclaredAttribute>(declared));
    }

    /// <summary>The rulebook's findings on <paramref name="service"/> by <paramref name="rules"/> (one group's: <c>ResourceRules.Rules</c>).</summary>
    public static List<Finding> Findings(ServiceDeclaration service, IReadOnlyCollection<Rule> rules) =>
        Rulebook.Check(service).Where(f => rules.Contains(f.Rule)).ToList();

    /// <summary>The one finding in <paramref name="findings"/>, asserted to be <paramref name="rule"/>'s at <paramref name="site"/> with the whole <paramref name="message"/>.</summary>
    public static Finding Single(IEnumerable<Finding> findings, Rule rule, Site site, string message)
    {
        var finding = Xunit.Assert.Single(findings);
        Xunit.Assert.Equal((rule.Id, site, message), (finding.Rule.Id, finding.Site, finding.Message));
        return finding;
    }

    /// <summary><paramref name="service"/> as a web app (ASP.NET Core), the same assembly.</summary>
    public static ServiceDeclaration WebApp(ServiceDeclaration service) => service.WithApp(service.App with { IsWebApp = true });

    /// <summary>The replacements <paramref name="finding"/> offers the code fix, best first, comma-separated ("" for none).</summary>
    public static string Replacements(Finding finding) => string.Join(
        ",",
        Enumerable.Range(0, finding.Properties.Count).Select(i => finding.Properties.TryGetValue(FindingProperties.ReplacementProperty + i, out var value) ? value : null).OfType<string>());

    /// <summary>The ids of the rulebook's findings on <paramref name="service"/>.</summary>
    public static IReadOnlyList<string> FindingIds(ServiceDeclaration service) => Rulebook.Check(service).Select(f => f.Rule.Id).ToList();

    private static DeclaredArgument Argument(string name, object value) => value switch
    {
        string text => new DeclaredArgument(name, ArgumentKind.String, Text: text),
        int number => new DeclaredArgument(name, ArgumentKind.Int, Number: number),
        long number => new DeclaredArgument(name, ArgumentKind.Long, Number: number),
        bool flag => new DeclaredArgument(name, ArgumentKind.Bool, Flag: flag),
        _ => throw new ArgumentException($"no argument kind for {value.GetType()}", nameof(value)),
    };

    /// <summary>
    /// A worker named <paramref name="name"/> (by its assembly OrdersApi, ordersapi, when null) with the given attributes after
    /// its [KubernetesService], for the rules on several services together.
    /// </summary>
    public static ServiceDeclaration Named(string? name, params (string Attribute, (string Name, object Value)[] Arguments)[] attributes)
    {
        var service = Service(attributes);
        var declared = new DeclaredAttribute(
            KnownAttributes.KubernetesService, 0, new EquatableArray<DeclaredArgument>(name is null ? [] : [Argument("Name", name)]));
        return new ServiceDeclaration(service.TypeName, service.App, new EquatableArray<DeclaredAttribute>(service.Attributes.Skip(1).Prepend(declared)));
    }

    /// <summary>
    /// <paramref name="service"/> with <paramref name="arguments"/> put first on its attribute at <paramref name="ordinal"/>,
    /// so they win over arguments of the same name: what the tuples cannot write, such as <see cref="Strings"/> or a null.
    /// </summary>
    public static ServiceDeclaration With(ServiceDeclaration service, int ordinal, params DeclaredArgument[] arguments) =>
        new(service.TypeName, service.App, new EquatableArray<DeclaredAttribute>(service.Attributes.Select(a => a.Ordinal == ordinal
            ? new DeclaredAttribute(a.MetadataName, a.Ordinal, new EquatableArray<DeclaredArgument>(arguments.Concat(a.Arguments)))
            : a)));

    /// <summary>A string array argument as written (<c>AllowFromPodLabels = ["app=web", null]</c>), each element placed.</summary>
    public static DeclaredArgument Strings(string name, params string?[] items) =>
        new(name, ArgumentKind.Strings, Items: new EquatableArray<NullableString>(items.Select(i => new NullableString(i))), WrittenElements: items.Length);

    /// <summary>A [ContainerPort] with the arguments given (the others left to their defaults).</summary>
    public static (string Attribute, (string Name, object Value)[] Arguments) Port(int port, string? name = null, string? protocol = null, bool management = false) =>
        ("ContainerPort",
        [
            ("Port", port),
            .. name is null ? Array.Empty<(string, object)>() : [("Name", name)],
            .. protocol is null ? Array.Empty<(string, object)>() : [("Protocol", protocol)],
            .. management ? [("Management", (object)true)] : Array.Empty<(string, object)>(),
        ]);
}
