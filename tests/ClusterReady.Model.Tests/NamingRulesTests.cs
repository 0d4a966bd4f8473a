using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The naming rules' verdicts as a user reads them: each finding's whole message, the argument (or array element) it
/// sits on and the replacement offered to the code fix, on declarations built without compiling source (the analyzers
/// report the same findings: NamesAnalyzerTests, HttpRouteAnalyzerTests; the code fix applies them:
/// ReplaceValueCodeFixTests). The grammars and sanitizers themselves are NameRulesTests', NameGrammarTests' and
/// NamePropertyTests'.
/// </summary>
public sealed class NamingRulesTests
{
    private const string LabelRule = "use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit";

    private const string ServiceNameRule = "use at most 63 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit";

    private const string SubdomainRule = "use at most 253 lowercase letters, digits, '-' and '.', each part starting and ending with a letter or digit";

    private const string HostRule = "use a lowercase DNS name such as \"orders.example.com\", optionally after \"*.\", with no scheme, port or path";

    [Theory]
    [InlineData("Orders_API", ", such as \"orders-api\"", "orders-api")]
    [InlineData("1orders", ", such as \"orders\"", "orders")]
    [InlineData("orders-", ", such as \"orders\"", "orders")]
    [InlineData("123", "", "")]
    [InlineData("", "", "")]
    public void An_invalid_service_name_is_refused_with_the_nearest_one_that_starts_with_a_letter(string name, string suchAs, string replacements)
    {
        var finding = Assert.Single(Findings(Declarations.Named(name)));

        AssertFinding(
            finding, RuleCatalog.InvalidDnsLabel, $"KubernetesService.Name = \"{name}\" is not a valid service name: {ServiceNameRule}{suchAs}", new Site(0, "Name", -1), replacements);
    }

    [Fact]
    public void A_service_name_at_63_characters_is_one_and_at_64_is_cut_to_63()
    {
        Assert.Empty(Findings(Declarations.Named(new string('a', 63))));

        var finding = Assert.Single(Findings(Declarations.Named(new string('a', 64))));
        Assert.Equal(new string('a', 63), Declarations.Replacements(finding));
    }

    [Fact]
    public void A_name_derived_from_an_assembly_name_that_starts_with_a_digit_is_refused_on_the_service()
    {
        var finding = Assert.Single(Findings(Unnamed("2Fast.Orders")));

        AssertFinding(
            finding, RuleCatalog.InvalidDnsLabel,
            "KubernetesService.Name (derived from the assembly name) = \"2fast-orders\" is not a valid service name: it must start with a letter; set the name, such as [KubernetesService(\"orders-api\")]",
            new Site(0, null, -1), "");
    }

    [Fact]
    public void A_name_derived_from_a_valid_assembly_name_is_no_finding() => Assert.Empty(Findings(Unnamed("Orders.Api")));

    [Theory]
    [InlineData("Shop_Prod", ", such as \"shop-prod\"", "shop-prod")]
    [InlineData("-shop", ", such as \"shop\"", "shop")]
    [InlineData("!!!", "", "")]
    public void An_invalid_namespace_is_refused_with_the_nearest_label(string ns, string suchAs, string replacements)
    {
        var finding = Assert.Single(Findings(Declarations.Service([("Namespace", ns)])));

        AssertFinding(finding, RuleCatalog.InvalidDnsLabel, $"KubernetesService.Namespace = \"{ns}\" is not a valid namespace: {LabelRule}{suchAs}", new Site(0, "Namespace", -1), replacements);
    }

    [Theory]
    [InlineData("shop")]
    [InlineData("1shop")]
    public void A_namespace_may_start_with_a_digit(string ns) => Assert.Empty(Findings(Declarations.Service([("Namespace", ns)])));

    [Theory]
    [InlineData("EnvironmentVariable", "Orders:BatchSize", ", such as \"Orders__BatchSize\" ('__' reads as ':' in .NET configuration)", "Orders__BatchSize")]
    [InlineData("EnvironmentVariable", "1ST", "", "")]
    [InlineData("EnvironmentVariable", "A B", "", "")]
    [InlineData("SecretEnvironmentVariable", "Db Password", "", "")]
    [InlineData("SecretEnvironmentVariable", "Db:Password", ", such as \"Db__Password\" ('__' reads as ':' in .NET configuration)", "Db__Password")]
    public void An_invalid_environment_variable_name_is_refused_with_its_configuration_form(string attribute, string name, string suchAs, string replacements)
    {
        var finding = Assert.Single(Findings(Variable(attribute, name)));

        AssertFinding(
            finding, RuleCatalog.InvalidEnvironmentVariableName,
            $"{attribute}.Name = \"{name}\" is not an environment variable name: start with a letter or '_' and use letters, digits, '_', '.' and '-'{suchAs}",
            new Site(1, "Name", -1), replacements);
    }

    [Fact]
    public void A_null_environment_variable_name_is_refused_as_empty()
    {
        var finding = Assert.Single(Findings(Declarations.With(Declarations.Service(Variable("EnvironmentVariable", "X")), 1, NullLiteral("Name"))));

        Assert.Equal(
            "EnvironmentVariable.Name = \"\" is not an environment variable name: start with a letter or '_' and use letters, digits, '_', '.' and '-'", finding.Message);
        Assert.Equal(new Site(1, "Name", -1), finding.Site);
    }

    [Fact]
    public void A_variable_declared_three_times_is_refused_on_each_repetition_with_the_whole_count_and_the_attributes()
    {
        var findings = Findings(
            Variable("EnvironmentVariable", "Orders__BatchSize"),
            Variable("EnvironmentVariable", "Orders__BatchSize"),
            Variable("SecretEnvironmentVariable", "Orders__BatchSize"),
            Variable("EnvironmentVariable", "orders__batchsize"));

        Assert.Equal(
            [
                (RuleCatalog.DuplicateEnvironmentVariable.Id, new Site(2, "Name", -1),
                    "The environment variable \"Orders__BatchSize\" is declared 3 times (as [EnvironmentVariable] and [SecretEnvironmentVariable]) and only one value can win: keep one and remove or rename the rest"),
                (RuleCatalog.DuplicateEnvironmentVariable.Id, new Site(3, "Name", -1),
                    "The environment variable \"Orders__BatchSize\" is declared 3 times (as [EnvironmentVariable] and [SecretEnvironmentVariable]) and only one value can win: keep one and remove or rename the rest"),
            ],
            findings.Select(f => (f.Rule.Id, f.Site, f.Message)));
    }

    [Theory]
    [InlineData("EnvironmentVariable", "EnvironmentVariable", "twice (as [EnvironmentVariable])")]
    [InlineData("SecretEnvironmentVariable", "SecretEnvironmentVariable", "twice (as [SecretEnvironmentVariable])")]
    [InlineData("SecretEnvironmentVariable", "EnvironmentVariable", "twice (as [SecretEnvironmentVariable] and [EnvironmentVariable])")]
    public void A_variable_declared_twice_is_refused_on_the_second_copy_saying_twice(string first, string second, string count)
    {
        var finding = Assert.Single(Findings(Variable(first, "Orders__BatchSize"), Variable(second, "Orders__BatchSize")));

        Assert.Equal(RuleCatalog.DuplicateEnvironmentVariable.Id, finding.Rule.Id);
        Assert.Equal(
            $"The environment variable \"Orders__BatchSize\" is declared {count} and only one value can win: keep one and remove or rename the rest", finding.Message);
        Assert.Equal(new Site(2, "Name", -1), finding.Site);
    }

    [Fact]
    public void A_variable_declared_four_times_as_one_attribute_is_refused_on_each_later_copy_saying_4_times()
    {
        var findings = Findings(
            Variable("EnvironmentVariable", "A"), Variable("EnvironmentVariable", "A"), Variable("EnvironmentVariable", "B"),
            Variable("EnvironmentVariable", "A"), Variable("EnvironmentVariable", "A"));

        Assert.Equal(
            [
                (new Site(2, "Name", -1), "The environment variable \"A\" is declared 4 times (as [EnvironmentVariable]) and only one value can win: keep one and remove or rename the rest"),
                (new Site(4, "Name", -1), "The environment variable \"A\" is declared 4 times (as [EnvironmentVariable]) and only one value can win: keep one and remove or rename the rest"),
                (new Site(5, "Name", -1), "The environment variable \"A\" is declared 4 times (as [EnvironmentVariable]) and only one value can win: keep one and remove or rename the rest"),
            ],
            findings.Select(f => (f.Site, f.Message)));
    }

    [Fact]
    public void An_invalid_name_is_refused_as_invalid_and_not_again_as_a_duplicate() =>
        Assert.Equal(
            [RuleCatalog.InvalidEnvironmentVariableName.Id, RuleCatalog.InvalidEnvironmentVariableName.Id],
            Findings(Variable("EnvironmentVariable", "A B"), Variable("EnvironmentVariable", "A B")).Select(f => f.Rule.Id));

    [Theory]
    [InlineData("Orders_DB", ", such as \"orders-db\"", "orders-db")]
    [InlineData("orders..db", ", such as \"orders.db\"", "orders.db")]
    [InlineData("___", "", "")]
    public void An_invalid_secret_name_is_refused_with_the_nearest_subdomain(string secret, string suchAs, string replacements)
    {
        var finding = Assert.Single(Findings(("SecretEnvironmentVariable", [("Name", "Db__Password"), ("SecretName", secret), ("Key", "password")])));

        AssertFinding(
            finding, RuleCatalog.InvalidDnsSubdomain, $"SecretEnvironmentVariable.SecretName = \"{secret}\" is not a valid Secret name: {SubdomainRule}{suchAs}",
            new Site(1, "SecretName", -1), replacements);
    }

    [Theory]
    [InlineData("connection string")]
    [InlineData("..")]
    [InlineData("..data")]
    [InlineData(".")]
    [InlineData("")]
    public void An_invalid_secret_key_is_refused_on_the_key(string key)
    {
        var finding = Assert.Single(Findings(("SecretEnvironmentVariable", [("Name", "Db__Password"), ("SecretName", "orders-db"), ("Key", key)])));

        AssertFinding(
            finding, RuleCatalog.InvalidSecretKey,
            $"SecretEnvironmentVariable.Key = \"{key}\" is not a Secret key: use at most 253 letters, digits, '-', '_' and '.', not starting with \"..\", such as \"connection-string\"",
            new Site(1, "Key", -1), "");
    }

    [Fact]
    public void A_plain_variable_has_no_secret_name_or_key_to_judge() =>
        Assert.Empty(Findings(("EnvironmentVariable", [("Name", "Orders__Mode"), ("Value", "fast"), ("SecretName", "Orders_DB"), ("Key", "..")])));

    private const string Parent = "has a \"..\" segment: name the folder without \"..\", such as \"/etc/orders-api\"";

    private const string Colon =
        "contains ':', but a mount path is the folder alone and read-only is not written in it (Kubernetes has a separate readOnly field, "
        + "and ClusterReady mounts each Secret and ConfigMap read-only): write the folder, such as ";

    private const string WhiteSpace = "contains white space or a control character: name the folder without them, such as ";

    [Theory]
    [InlineData("secrets/orders", "is not an absolute path: use a folder of its own, such as \"/etc/orders-api\"", "/secrets/orders")]
    [InlineData(" etc/orders ", "is not an absolute path: use a folder of its own, such as \"/etc/orders-api\"", "/etc/orders")]
    [InlineData("", "is not an absolute path: use a folder of its own, such as \"/etc/orders-api\"", "")]
    // "/" + the path would hide the application or /tmp: no fix then.
    [InlineData("app", "is not an absolute path: use a folder of its own, such as \"/etc/orders-api\"", "")]
    [InlineData("tmp/", "is not an absolute path: use a folder of its own, such as \"/etc/orders-api\"", "")]
    [InlineData("app/secrets", "is not an absolute path: use a folder of its own, such as \"/etc/orders-api\"", "/app/secrets")]
    [InlineData("/etc/../root", Parent, "")]
    [InlineData("/..", Parent, "")]
    [InlineData("/etc/orders/../../app", Parent, "")]
    [InlineData("../etc", "is not an absolute path: use a folder of its own, such as \"/etc/orders-api\"", "")]
    [InlineData("C:/data", "is not an absolute path: use a folder of its own, such as \"/etc/orders-api\"", "")]
    [InlineData("/data:ro", Colon + "\"/data\"", "")]
    [InlineData(" /data/:rw ", Colon + "\"/data/\"", "")]
    [InlineData("/app:ro", Colon + "\"/etc/orders-api\"", "")]
    [InlineData("/:/data", Colon + "\"/etc/orders-api\"", "")]
    [InlineData("/my keys:ro", Colon + "\"/etc/orders-api\"", "")]
    [InlineData("data:ro", "is not an absolute path: use a folder of its own, such as \"/etc/orders-api\"", "")]
    [InlineData("/etc/my keys", WhiteSpace + "\"/etc/orders-api\"", "")]
    [InlineData("etc/my keys", "is not an absolute path: use a folder of its own, such as \"/etc/orders-api\"", "")]
    [InlineData("/etc/keys\t", WhiteSpace + "\"/etc/keys\"", "")]
    [InlineData(" /etc/keys", WhiteSpace + "\"/etc/keys\"", "")]
    [InlineData("/etc/keys\u0001", WhiteSpace + "\"/etc/orders-api\"", "")]
    [InlineData(" /app ", WhiteSpace + "\"/etc/orders-api\"", "")]
    [InlineData("/app", "would hide the application in /app: use a folder of its own, such as \"/etc/orders-api\" or \"/app/secrets\"", "")]
    [InlineData("/app/", "would hide the application in /app: use a folder of its own, such as \"/etc/orders-api\" or \"/app/secrets\"", "")]
    [InlineData("/", "would hide the application in /app: use a folder of its own, such as \"/etc/orders-api\" or \"/app/secrets\"", "")]
    [InlineData("/tmp", "would hide the writable /tmp folder: use a folder of its own, such as \"/etc/orders-api\" or \"/app/secrets\"", "")]
    [InlineData("/tmp//", "would hide the writable /tmp folder: use a folder of its own, such as \"/etc/orders-api\" or \"/app/secrets\"", "")]
    public void A_mount_path_that_is_not_a_folder_of_its_own_is_refused(string path, string problem, string replacements)
    {
        var finding = Assert.Single(Findings(("SecretVolume", [("SecretName", "orders-keys"), ("MountPath", path)])));

        AssertFinding(finding, RuleCatalog.InvalidMountPath, $"SecretVolume.MountPath = \"{path}\" {problem}", new Site(1, "MountPath", -1), replacements);
    }

    [Theory]
    [InlineData("/etc/orders")]
    [InlineData("/app/secrets")]
    [InlineData("/app/config/")]
    [InlineData("/tmp/keys")]
    [InlineData("/ap")]
    [InlineData("/application")]
    public void A_folder_of_its_own_is_a_mount_path(string path) =>
        Assert.Empty(Findings(("SecretVolume", [("SecretName", "orders-keys"), ("MountPath", path)])));

    [Fact]
    public void A_mount_path_used_twice_is_refused_on_the_second_even_with_a_trailing_slash()
    {
        var findings = Findings(
            ("SecretVolume", [("SecretName", "orders-keys"), ("MountPath", "/etc/orders")]),
            ("ConfigMap", [("Name", "orders-features"), ("MountPath", "/etc/orders/")]),
            ("ConfigMap", [("Name", "orders-env"), ("MountPath", "/etc/orders/env")]));

        var finding = Assert.Single(findings);
        AssertFinding(
            finding, RuleCatalog.InvalidMountPath, "ConfigMap.MountPath = \"/etc/orders/\" is already a mount path: give each volume its own folder", new Site(2, "MountPath", -1), "");
    }

    [Fact]
    public void A_null_mount_path_is_refused_on_a_secret_volume_and_means_none_on_a_config_map()
    {
        var service = Declarations.Service(
            ("SecretVolume", [("SecretName", "orders-keys"), ("MountPath", "/etc/orders")]),
            ("ConfigMap", [("Name", "orders-features")]));

        var finding = Assert.Single(Findings(Declarations.With(Declarations.With(service, 1, NullLiteral("MountPath")), 2, NullLiteral("MountPath"))));

        Assert.Equal(new Site(1, "MountPath", -1), finding.Site);
        Assert.Equal("SecretVolume.MountPath = \"\" is not an absolute path: use a folder of its own, such as \"/etc/orders-api\"", finding.Message);
    }

    [Theory]
    [InlineData("SecretVolume", "SecretName", "Secret name")]
    [InlineData("ConfigMap", "Name", "ConfigMap name")]
    public void An_invalid_volume_name_is_refused_with_the_nearest_subdomain(string attribute, string property, string kind)
    {
        var finding = Assert.Single(Findings((attribute, [(property, "Orders_Keys"), ("MountPath", "/etc/orders")])));

        AssertFinding(
            finding, RuleCatalog.InvalidDnsSubdomain, $"{attribute}.{property} = \"Orders_Keys\" is not a valid {kind}: {SubdomainRule}, such as \"orders-keys\"",
            new Site(1, property, -1), "orders-keys");
    }

    [Fact]
    public void A_config_map_declared_twice_is_refused_on_the_second_and_an_invalid_one_is_not_counted()
    {
        var findings = Findings(
            ("ConfigMap", [("Name", "features")]),
            ("ConfigMap", [("Name", "Features")]),
            ("ConfigMap", [("Name", "features")]),
            ("ConfigMap", [("Name", "Features")]));

        Assert.Equal(
            [
                (RuleCatalog.InvalidDnsSubdomain.Id, new Site(2, "Name", -1)),
                (RuleCatalog.DuplicateName.Id, new Site(3, "Name", -1)),
                (RuleCatalog.InvalidDnsSubdomain.Id, new Site(4, "Name", -1)),
            ],
            findings.Select(f => (f.Rule.Id, f.Site)));
        Assert.Equal("The ConfigMap \"features\" is declared more than once: give each its own name or remove one", findings[1].Message);
    }

    [Theory]
    [InlineData("https://Orders.Example.com:443/api", "orders.example.com")]
    [InlineData("orders.example.com/", "orders.example.com")]
    [InlineData("://orders.example.com", "orders.example.com")]
    [InlineData("/orders.example.com", "")]
    [InlineData("orders.example.com?x", "orders.example.com")]
    [InlineData("orders.example.com#x", "orders.example.com")]
    [InlineData(" Orders.Example.com ", "orders.example.com")]
    [InlineData("*.Orders.Example.com", "*.orders.example.com")]
    [InlineData("10.0.0.1", "")]
    [InlineData("", "")]
    [InlineData("https://", "")]
    public void An_invalid_host_is_refused_with_the_host_inside_it(string host, string replacements)
    {
        var finding = Assert.Single(Findings(("Ingress", [("Host", host), ("TlsSecretName", "orders-tls")])));

        AssertFinding(finding, RuleCatalog.InvalidDnsSubdomain, $"Ingress.Host = \"{host}\" is not a valid Ingress host: {HostRule}", new Site(1, "Host", -1), replacements);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(".a", false)]
    public void A_wildcard_host_gets_its_lowercase_form_only_when_that_fits_253_characters_with_the_wildcard(string suffix, bool offered)
    {
        // Four labels of 62 are 251 characters: with "*." the host is 253; with ".a" more it is 255.
        var name = string.Join(".", Enumerable.Repeat(new string('a', 62), 4)) + suffix;
        var finding = Assert.Single(Findings(("Ingress", [("Host", "*." + name.ToUpperInvariant())])));

        Assert.Equal(offered ? "*." + name : "", Declarations.Replacements(finding));
    }

    [Theory]
    [InlineData("TlsSecretName", "Secret name")]
    [InlineData("ClassName", "IngressClass name")]
    public void The_ingress_secret_and_class_are_subdomains(string property, string kind)
    {
        var finding = Assert.Single(Findings(("Ingress", [("Host", "orders.example.com"), (property, "Orders_TLS")])));

        AssertFinding(
            finding, RuleCatalog.InvalidDnsSubdomain, $"Ingress.{property} = \"Orders_TLS\" is not a valid {kind}: {SubdomainRule}, such as \"orders-tls\"",
            new Site(1, property, -1), "orders-tls");
    }

    [Fact]
    public void Only_the_first_ingress_is_judged() =>
        Assert.Empty(Findings(("Ingress", [("Host", "orders.example.com")]), ("Ingress", [("Host", "Orders_Host")])));

    [Fact]
    public void A_route_is_judged_by_the_same_grammars_under_its_own_words()
    {
        var findings = Findings(("HttpRoute", [("Host", "https://A.example.com/"), ("Gateway", "Public_Gateway"), ("GatewayNamespace", "Gateways")]));

        Assert.Equal(
            [
                (RuleCatalog.InvalidDnsSubdomain.Id, new Site(1, "Host", -1), "a.example.com",
                    $"HttpRoute.Host = \"https://A.example.com/\" is not a valid HTTPRoute hostname: {HostRule}"),
                (RuleCatalog.InvalidDnsSubdomain.Id, new Site(1, "Gateway", -1), "public-gateway",
                    $"HttpRoute.Gateway = \"Public_Gateway\" is not a valid Gateway name: {SubdomainRule}, such as \"public-gateway\""),
                (RuleCatalog.InvalidDnsLabel.Id, new Site(1, "GatewayNamespace", -1), "gateways",
                    $"HttpRoute.GatewayNamespace = \"Gateways\" is not a valid namespace name: {LabelRule}, such as \"gateways\""),
            ],
            findings.Select(f => (f.Rule.Id, f.Site, Declarations.Replacements(f), f.Message)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_route_with_a_blank_gateway_is_not_judged_on_its_name(string gateway) =>
        Assert.Empty(Findings(("HttpRoute", [("Host", "*.b.example.com"), ("Gateway", gateway), ("GatewayNamespace", "gateways")])));

    [Fact]
    public void Valid_route_and_ingress_names_are_no_finding() =>
        Assert.Empty(Findings(
            ("Ingress", [("Host", "*.orders.example.com"), ("TlsSecretName", "orders-tls"), ("ClassName", "nginx")]),
            ("HttpRoute", [("Host", "orders.example.com"), ("Gateway", "public.gw"), ("GatewayNamespace", "gateways")])));

    [Fact]
    public void An_invalid_pod_label_selector_is_refused_on_its_element()
    {
        var service = Declarations.With(
            Declarations.Service(("NetworkPolicy", [])), 1, Declarations.Strings("AllowFromPodLabels", "app=web", "app", null, "a=b=c", "tier=web,role="));

        var findings = Findings(service);

        Assert.Equal([new Site(1, "AllowFromPodLabels", 1), new Site(1, "AllowFromPodLabels", 3)], findings.Select(f => f.Site));
        Assert.All(findings, f => Assert.Equal(RuleCatalog.InvalidLabelSelector.Id, f.Rule.Id));
        Assert.Equal(
            "NetworkPolicy.AllowFromPodLabels contains \"app\", which is not a label selector: write \"key=value\" (several pairs joined by ',' must all match), such as \"app.kubernetes.io/name=web\"",
            findings[0].Message);
    }

    [Fact]
    public void An_invalid_namespace_to_allow_is_refused_on_its_element_with_the_nearest_label()
    {
        var service = Declarations.With(
            Declarations.Service(("NetworkPolicy", [])), 1, Declarations.Strings("AllowFromNamespaces", "ingress-nginx", "Monitoring!", null, "!!!"));

        Assert.Equal(
            [
                (new Site(1, "AllowFromNamespaces", 1), "monitoring",
                    $"NetworkPolicy.AllowFromNamespaces = \"Monitoring!\" is not a valid namespace name: {LabelRule}, such as \"monitoring\""),
                (new Site(1, "AllowFromNamespaces", 3), "",
                    $"NetworkPolicy.AllowFromNamespaces = \"!!!\" is not a valid namespace name: {LabelRule}"),
            ],
            Findings(service).Select(f => (f.Site, Declarations.Replacements(f), f.Message)));
    }

    [Theory]
    [InlineData("AllowFromPodLabels", "app=web", "app")]
    [InlineData("AllowFromNamespaces", "monitoring", "Monitoring!")]
    public void An_array_whose_elements_are_not_written_in_place_is_refused_on_the_whole_argument(string property, string valid, string invalid)
    {
        // A constant array (AllowFromNamespaces = Namespaces): its elements have no place of their own.
        var array = Declarations.Strings(property, valid, invalid) with { WrittenElements = 0 };

        var finding = Assert.Single(Findings(Declarations.With(Declarations.Service(("NetworkPolicy", [])), 1, array)));

        Assert.Equal(new Site(1, property, -1), finding.Site);
    }

    [Theory]
    [InlineData("pre prod", ", such as \"pre-prod\"", "pre-prod")]
    [InlineData("qa_1", ", such as \"qa-1\"", "qa-1")]
    [InlineData("", "", "")]
    public void An_invalid_environment_name_is_refused_with_the_nearest_label(string name, string suchAs, string replacements)
    {
        var finding = Assert.Single(Findings(("EnvironmentOverlay", [("Name", name)])));

        AssertFinding(
            finding, RuleCatalog.InvalidDnsLabel,
            $"EnvironmentOverlay.Name = \"{name}\" is not a valid environment name: use letters, digits and '-', starting and ending with a letter or digit{suchAs}",
            new Site(1, "Name", -1), replacements);
    }

    [Fact]
    public void An_environment_declared_twice_in_another_case_is_refused_on_the_second()
    {
        var findings = Findings(("EnvironmentOverlay", [("Name", "staging")]), ("EnvironmentOverlay", [("Name", "Staging")]), ("EnvironmentOverlay", [("Name", "Production")]));

        var finding = Assert.Single(findings);
        AssertFinding(
            finding, RuleCatalog.DuplicateName,
            "The environment overlay (names are compared ignoring case) \"Staging\" is declared more than once: give each its own name or remove one", new Site(2, "Name", -1), "");
    }

    [Theory]
    [InlineData("HTTP_Metrics", ", such as \"http-metrics\"", "http-metrics")]
    [InlineData("8080", ", such as \"port-8080\"", "port-8080")]
    [InlineData("management-port-1", ", such as \"management-port\"", "management-port")]
    [InlineData("http--alt", ", such as \"http-alt\"", "http-alt")]
    [InlineData("--", ", such as \"http\" or \"metrics\"", "")]
    public void An_invalid_port_name_is_refused_with_the_nearest_one(string name, string suchAs, string replacements)
    {
        var finding = Assert.Single(Findings(("ContainerPort", [("Port", 8080), ("Name", name)])));

        AssertFinding(
            finding, RuleCatalog.InvalidPortName,
            $"ContainerPort.Name = \"{name}\" is not a valid port name: use at most 15 lowercase letters, digits and '-', with at least one letter and no '-' at either end or twice in a row{suchAs}",
            new Site(1, "Name", -1), replacements);
    }

    [Fact]
    public void A_dependency_is_a_valid_service_name_other_than_this_one_declared_once()
    {
        var findings = Findings(
            ("DependsOn", [("Service", "inventory-worker")]),
            ("DependsOn", [("Service", "Inventory_Worker")]),
            ("DependsOn", [("Service", "orders-api")]),
            ("DependsOn", [("Service", "inventory-worker")]),
            ("DependsOn", [("Service", "payments")]));

        Assert.Equal(
            [
                (RuleCatalog.InvalidDnsLabel.Id, new Site(2, "Service", -1), "inventory-worker",
                    $"DependsOn.Service = \"Inventory_Worker\" is not a valid service name: {ServiceNameRule}, such as \"inventory-worker\""),
                (RuleCatalog.DependsOnItself.Id, new Site(3, "Service", -1), "",
                    "DependsOn.Service = \"orders-api\" is this service's own name, and a service cannot wait for its own healthcheck: remove the [DependsOn] or name the service it needs"),
                (RuleCatalog.DuplicateName.Id, new Site(4, "Service", -1), "",
                    "The dependency \"inventory-worker\" is declared more than once: give each its own name or remove one"),
            ],
            findings.Select(f => (f.Rule.Id, f.Site, Declarations.Replacements(f), f.Message)));
    }

    [Fact]
    public void A_dependency_on_the_name_derived_from_the_assembly_is_on_itself()
    {
        var service = Unnamed("Orders.Api", ("DependsOn", [("Service", "orders-api")]));

        Assert.Equal([RuleCatalog.DependsOnItself.Id], Findings(service).Select(f => f.Rule.Id));
    }

    [Fact]
    public void Valid_names_are_no_finding() =>
        Assert.Empty(Findings(Declarations.With(
            Declarations.Service(
                [("Namespace", "shop")],
                ("ContainerPort", [("Port", 8080), ("Name", "http")]),
                ("ContainerPort", [("Port", 9090), ("Name", "metrics-2")]),
                ("ContainerPort", [("Port", 9091)]),
                ("EnvironmentVariable", [("Name", "Logging__LogLevel__Default"), ("Value", "Information")]),
                ("EnvironmentVariable", [("Name", "_private.setting-x"), ("Value", "1")]),
                ("SecretEnvironmentVariable", [("Name", "ConnectionStrings__Orders"), ("SecretName", "orders-db.v2"), ("Key", "connection_string.main")]),
                ("SecretVolume", [("SecretName", "orders-signing-key"), ("MountPath", "/var/run/secrets/orders")]),
                ("ConfigMap", [("Name", "orders-features"), ("MountPath", "/etc/orders/features")]),
                ("ConfigMap", [("Name", "orders-env")]),
                ("NetworkPolicy", []),
                ("EnvironmentOverlay", [("Name", "staging")]),
                ("EnvironmentOverlay", [("Name", "production")]),
                ("DependsOn", [("Service", "payments")])),
            10,
            Declarations.Strings("AllowFromNamespaces", "ingress-nginx", "1team"),
            Declarations.Strings("AllowFromPodLabels", "app.kubernetes.io/part-of=shop,tier=web", "role="))));

    private static void AssertFinding(Finding finding, Rule rule, string message, Site site, string replacements)
    {
        Assert.Equal(rule.Id, finding.Rule.Id);
        Assert.Equal(message, finding.Message);
        Assert.Equal(site, finding.Site);
        Assert.Equal(replacements, Declarations.Replacements(finding));
    }

    /// <summary>A worker of assembly <paramref name="assembly"/> whose [KubernetesService] names none, as the generator reads it.</summary>
    private static ServiceDeclaration Unnamed(string assembly, params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) =>
        Declarations.With(Declarations.Service(attributes), 0, new DeclaredArgument("name", ArgumentKind.Null, Written: false, IsConstructorArgument: true))
            .WithApp(new AppFacts(IsWebApp: false, assembly));

    private static (string, (string, object)[]) Variable(string attribute, string name) =>
        attribute == "EnvironmentVariable" ? (attribute, [("Name", name), ("Value", "x")]) : (attribute, [("Name", name), ("SecretName", "orders-db"), ("Key", "value")]);

    private static DeclaredArgument NullLiteral(string name) => new(name, ArgumentKind.Null, IsNullLiteral: true);

    private static List<Finding> Findings(params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) =>
        Findings(Declarations.Service(attributes));

    private static List<Finding> Findings(ServiceDeclaration service) => Declarations.Findings(service, NamingRules.Rules);
}
