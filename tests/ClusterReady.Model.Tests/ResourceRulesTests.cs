using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The resource rules' verdicts as a user reads them: each finding's whole message (the nearest valid forms of a
/// mistake, what a valid but implausible amount means, the numbers of the memory floor) and the replacements offered
/// to the code fix, on declarations built without compiling source. The analyzers and the build step report these same
/// findings (ResourcesAnalyzerTests, RuleCheckTests); these cases pin the rulebook's own text and edges.
/// </summary>
public sealed class ResourceRulesTests
{
    private const string GenericMemoryAdvice = "write bytes with a suffix and no space, such as \"512Mi\" (2^20 bytes), \"500M\" (10^6 bytes) or \"1Gi\"";

    private const string GenericCpuAdvice = "write cores such as \"0.5\" or \"2\", or millicores such as \"500m\"";

    [Theory]
    // Memory: a byte word or a lower-case unit gives the decimal and the binary unit, a spaced unit the same unit.
    [InlineData("MemoryLimit", "500mb", "write \"500M\" (10^6 bytes) or \"500Mi\" (2^20 bytes)", "500M,500Mi")]
    [InlineData("MemoryLimit", "1 kb", "write \"1k\" (10^3 bytes) or \"1Ki\" (2^10 bytes)", "1k,1Ki")]
    [InlineData("MemoryLimit", "2 GB", "write \"2G\" (10^9 bytes) or \"2Gi\" (2^30 bytes)", "2G,2Gi")]
    [InlineData("MemoryLimit", "10 kib", "write \"10Ki\" (2^10 bytes)", "10Ki")]
    [InlineData("MemoryLimit", "3 TiB", "write \"3Ti\" (2^40 bytes)", "3Ti")]
    [InlineData("MemoryLimit", "2 Gi", "write \"2Gi\" (2^30 bytes)", "2Gi")]
    [InlineData("MemoryRequest", "1 Pi", "write \"1Pi\" (2^50 bytes)", "1Pi")]
    [InlineData("MemoryRequest", "1eb", "write \"1E\" (10^18 bytes) or \"1Ei\" (2^60 bytes)", "1E,1Ei")]
    [InlineData("MemoryRequest", "5 Tb", "write \"5T\" (10^12 bytes) or \"5Ti\" (2^40 bytes)", "5T,5Ti")]
    [InlineData("MemoryRequest", "5 pb", "write \"5P\" (10^15 bytes) or \"5Pi\" (2^50 bytes)", "5P,5Pi")]
    [InlineData("MemoryLimit", "512 bytes", "write \"512\"", "512")]
    [InlineData("MemoryLimit", "0,5 Gi", "write \"0.5Gi\" (2^30 bytes)", "0.5Gi")]
    // Nothing obvious: the general advice, no replacement.
    [InlineData("MemoryLimit", "10 xb", GenericMemoryAdvice, "")]
    [InlineData("MemoryLimit", "10 kxb", GenericMemoryAdvice, "")]
    [InlineData("MemoryLimit", "5 kixb", GenericMemoryAdvice, "")]
    [InlineData("MemoryLimit", "lots", GenericMemoryAdvice, "")]
    [InlineData("MemoryLimit", "1.2.3Mi", GenericMemoryAdvice, "")]
    [InlineData("MemoryLimit", "1,2,3Mi", GenericMemoryAdvice, "")]
    [InlineData("MemoryLimit", "12 Mi!", GenericMemoryAdvice, "")]
    [InlineData("MemoryLimit", "", GenericMemoryAdvice, "")]
    // A fraction of a byte is no suggestion ("0.5 bytes" is not whole).
    [InlineData("MemoryLimit", "0.5 bytes", GenericMemoryAdvice, "")]
    // CPU: a core word gives cores or millicores, a milli word millicores.
    [InlineData("CpuRequest", "0.5 cores", "write \"500m\"", "500m")]
    [InlineData("CpuRequest", "1.5 vcpu", "write \"1500m\"", "1500m")]
    [InlineData("CpuRequest", "2.0 CPUs", "write \"2\"", "2")]
    [InlineData("CpuRequest", "2 cpus", "write \"2\"", "2")]
    [InlineData("CpuRequest", "0.0001 cores", "write \"0.0001\"", "0.0001")]
    [InlineData("CpuRequest", "250 millicores", "write \"250m\"", "250m")]
    [InlineData("CpuRequest", "250 mcpu", "write \"250m\"", "250m")]
    [InlineData("CpuRequest", "250 M", "write \"250m\"", "250m")]
    [InlineData("CpuRequest", "250 mc", "write \"250m\"", "250m")]
    [InlineData("CpuRequest", "250 millicpu", "write \"250m\"", "250m")]
    [InlineData("CpuRequest", "250 millicpus", "write \"250m\"", "250m")]
    [InlineData("CpuRequest", "250 millicore", "write \"250m\"", "250m")]
    [InlineData("CpuRequest", "250 millis", "write \"250m\"", "250m")]
    [InlineData("CpuRequest", "1 core", "write \"1\"", "1")]
    [InlineData("CpuRequest", "1 cpu", "write \"1\"", "1")]
    [InlineData("CpuRequest", "2 vcpus", "write \"2\"", "2")]
    [InlineData("CpuRequest", ".5 cores", "write \"500m\"", "500m")]
    [InlineData("CpuRequest", "1.000000000000000000 cores", "write \"1\"", "1")]
    [InlineData("CpuLimit", "0,5", "write \"0.5\"", "0.5")]
    [InlineData("CpuLimit", "1 c", "write \"1\"", "1")]
    [InlineData("CpuLimit", "1 gpu", GenericCpuAdvice, "")]
    [InlineData("CpuLimit", "one", GenericCpuAdvice, "")]
    // Negative: said first, then the nearest valid form of the amount without its sign.
    [InlineData("MemoryLimit", "-512 Mi", "a request or limit cannot be negative; write \"512Mi\" (2^20 bytes)", "512Mi")]
    [InlineData("CpuLimit", "-2", "a request or limit cannot be negative; write \"2\"", "2")]
    [InlineData("CpuLimit", "-x", "a request or limit cannot be negative; " + GenericCpuAdvice, "")]
    public void An_invalid_quantity_names_the_nearest_valid_forms(string property, string value, string advice, string replacements) =>
        AssertQuantityFinding(property, value, RuleCatalog.InvalidQuantity, $"is not a Kubernetes quantity: {advice}", replacements);

    [Theory]
    [InlineData("MemoryLimit", "512m", "0.512 bytes ('m' is milli, not mega)", "\"512Mi\" (2^20 bytes) or \"512M\" (10^6 bytes)", "512Mi,512M")]
    [InlineData("MemoryRequest", "0.5", "0.5 bytes", "whole bytes with a suffix such as \"512Mi\"", "")]
    [InlineData("MemoryRequest", "1500u", "0.002 bytes", "whole bytes with a suffix such as \"512Mi\"", "")]
    [InlineData("MemoryRequest", "1.5e-3", "0.002 bytes", "whole bytes with a suffix such as \"512Mi\"", "")]
    [InlineData("CpuRequest", "500Mi", "524288000 cores (a byte suffix on CPU)", "\"500m\"", "500m")]
    [InlineData("CpuRequest", "500M", "500000000 cores", "\"500m\"", "500m")]
    [InlineData("CpuRequest", "2k", "2000 cores", "\"2\"", "2")]
    [InlineData("CpuLimit", "0.001k", "1 core", "\"0.001\"", "0.001")]
    [InlineData("CpuLimit", "1G", "1000000000 cores", "\"1\"", "1")]
    [InlineData("CpuLimit", "1Ti", "1099511627776 cores (a byte suffix on CPU)", "\"1\"", "1")]
    [InlineData("CpuLimit", "3P", "3000000000000000 cores", "\"3\"", "3")]
    [InlineData("CpuLimit", "1E", "1000000000000000000 cores", "\"1\"", "1")]
    [InlineData("CpuLimit", "2Ki", "2048 cores (a byte suffix on CPU)", "\"2\"", "2")]
    [InlineData("CpuLimit", "2Gi", "2147483648 cores (a byte suffix on CPU)", "\"2\"", "2")]
    [InlineData("CpuLimit", "0.5Ki", "512 cores (a byte suffix on CPU)", "\"0.5\"", "0.5")]
    public void A_valid_quantity_in_a_unit_that_cannot_be_meant_says_what_it_means(string property, string value, string means, string write, string replacements) =>
        AssertQuantityFinding(property, value, RuleCatalog.QuantityUnitMismatch, $"means {means}: write {write}", replacements);

    [Theory]
    [InlineData("MemoryLimit", "512", "512 bytes", "\"512Mi\" (2^20 bytes) or \"512M\" (10^6 bytes)", "512Mi,512M")]
    [InlineData("MemoryRequest", "1", "1 byte", "\"1Mi\" (2^20 bytes) or \"1M\" (10^6 bytes)", "1Mi,1M")]
    [InlineData("MemoryRequest", "1048575", "1048575 bytes", "\"1048575Mi\" (2^20 bytes) or \"1048575M\" (10^6 bytes)", "1048575Mi,1048575M")]
    [InlineData("CpuRequest", "250", "250 cores", "\"250m\"", "250m")]
    [InlineData("CpuLimit", "100", "100 cores", "\"100m\"", "100m")]
    [InlineData("CpuLimit", "100.5", "100.5 cores", "\"100.5m\"", "100.5m")]
    public void A_unitless_amount_that_is_implausible_is_probably_missing_its_unit(string property, string value, string means, string write, string replacements) =>
        AssertQuantityFinding(property, value, RuleCatalog.QuantityMissingUnit, $"means {means}, which looks like a forgotten unit: write {write}", replacements);

    [Theory]
    // Plausible amounts and the edges just inside them.
    [InlineData("CpuRequest", "99")]
    [InlineData("CpuRequest", "0.25")]
    [InlineData("CpuRequest", "1")]
    [InlineData("CpuRequest", "500m")]
    [InlineData("CpuRequest", "1e-1")]
    [InlineData("CpuRequest", "-0")]
    [InlineData("MemoryRequest", "0")]
    [InlineData("MemoryRequest", "1048576")]
    [InlineData("MemoryRequest", "1Mi")]
    [InlineData("MemoryRequest", "128974848")]
    [InlineData("MemoryRequest", "1.5Ki")]
    [InlineData("MemoryRequest", "2000m")]
    [InlineData("MemoryRequest", "-0.0Mi")]
    public void A_plausible_quantity_is_no_finding(string property, string value) =>
        Assert.Equal([RuleCatalog.MissingMemoryLimit.Id], Ids(Findings(("Resources", [(property, value)]))));

    [Theory]
    [InlineData(false, "8Mi", "8 MiB", "12", "worker", "44", "15", "128Mi")]
    [InlineData(false, "11.5Mi", "11.5 MiB", "12", "worker", "44", "15", "128Mi")]
    [InlineData(false, "1048576", "1 MiB", "12", "worker", "44", "15", "128Mi")]
    [InlineData(false, "1k", "0 MiB", "12", "worker", "44", "15", "128Mi")]
    [InlineData(true, "16Mi", "16 MiB", "20", "web app", "63", "29", "256Mi")]
    [InlineData(true, "19.5Mi", "19.5 MiB", "20", "web app", "63", "29", "256Mi")]
    public void A_memory_limit_below_what_dotnet_needs_to_start_is_refused_with_the_numbers(
        bool web, string limit, string amount, string floor, string kind, string ready, string nativeAot, string suggestion)
    {
        var findings = Findings(("Resources", [("MemoryLimit", limit)]), web);

        var finding = Assert.Single(findings);
        Assert.Equal(RuleCatalog.MemoryLimitBelowRuntimeFloor.Id, finding.Rule.Id);
        Assert.Equal(
            $"Resources.MemoryLimit = \"{limit}\" is {amount}, below the {floor} MiB any .NET {kind} needs just to start (one uses about {ready} MiB " +
            $"when ready, {nativeAot} MiB published Native AOT), so the container thrashes or is OOM-killed before it serves anything: set it above the app's peak, such as \"{suggestion}\"",
            finding.Message);
        Assert.Equal(new Site(1, "MemoryLimit", -1), finding.Site);
    }

    [Theory]
    [InlineData(false, "12Mi")]
    [InlineData(false, "12582912")]
    [InlineData(true, "20Mi")]
    [InlineData(true, "1Gi")]
    // Reported as what they are, not as below the floor: unitless below 1 MiB (CR1006), in milli-bytes (CR1005),
    // negative or malformed (CR1001), zero (no limit).
    [InlineData(false, "512")]
    [InlineData(false, "512m")]
    [InlineData(false, "-8Mi")]
    [InlineData(false, "8 Mi")]
    [InlineData(false, "0")]
    [InlineData(false, "0Mi")]
    [InlineData(false, "0e999999")]
    public void A_memory_limit_at_the_floor_or_reported_otherwise_is_not_below_the_floor(bool web, string limit) =>
        Assert.DoesNotContain(RuleCatalog.MemoryLimitBelowRuntimeFloor.Id, Ids(Findings(("Resources", [("MemoryLimit", limit)]), web)));

    [Fact]
    public void An_overlay_limit_below_the_floor_is_refused_on_the_overlay_and_the_base_is_not()
    {
        var findings = Findings(
            ("Resources", [("MemoryLimit", "256Mi")]),
            ("EnvironmentOverlay", [("Name", "dev"), ("MemoryLimit", "8Mi")]),
            ("EnvironmentOverlay", [("Name", "prod"), ("CpuLimit", "1")]));

        var finding = Assert.Single(findings);
        Assert.Equal(RuleCatalog.MemoryLimitBelowRuntimeFloor.Id, finding.Rule.Id);
        Assert.Equal(new Site(2, "MemoryLimit", -1), finding.Site);
        Assert.StartsWith("EnvironmentOverlay.MemoryLimit = \"8Mi\" is 8 MiB, below the 12 MiB", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cpu", "2", "1")]
    [InlineData("Cpu", "1001m", "1")]
    [InlineData("Cpu", "1.0001", "1000m")]
    [InlineData("Memory", "1Gi", "1G")]
    [InlineData("Memory", "1025Mi", "1Gi")]
    // Beyond decimal's range, compared as doubles.
    [InlineData("Cpu", "1e30", "1e29")]
    public void A_request_above_its_limit_is_refused_on_the_request_with_a_swap_for_the_code_fix(string resource, string request, string limit)
    {
        var findings = Findings(("Resources", [(resource + "Request", request), (resource + "Limit", limit), .. MemoryLimitUnless(resource)]));

        var finding = Assert.Single(findings);
        Assert.Equal(RuleCatalog.RequestAboveLimit.Id, finding.Rule.Id);
        Assert.Equal(
            $"Resources.{resource}Request = \"{request}\" is greater than Resources.{resource}Limit = \"{limit}\" and Kubernetes rejects a request above its limit: lower the request or raise the limit",
            finding.Message);
        Assert.Equal(new Site(1, resource + "Request", -1), finding.Site);
        Assert.Equal(resource + "Limit", finding.Properties[ResourceRules.SwapWithProperty]);
    }

    [Theory]
    [InlineData("Cpu", "1", "1")]
    [InlineData("Cpu", "1000m", "1")]
    [InlineData("Cpu", "1384m", "1.384")]
    [InlineData("Memory", "1Gi", "1024Mi")]
    [InlineData("Memory", "1G", "1Gi")]
    // A malformed side is CR1001's alone.
    [InlineData("Memory", "2 Gi", "1Gi")]
    // Fractions of a byte are CR1005's (read as CPU, 1.5 would be above 1).
    [InlineData("Memory", "1500m", "1")]
    public void A_request_at_or_below_its_limit_or_malformed_is_not_above_it(string resource, string request, string limit) =>
        Assert.DoesNotContain(
            RuleCatalog.RequestAboveLimit.Id,
            Ids(Findings(("Resources", [(resource + "Request", request), (resource + "Limit", limit), .. MemoryLimitUnless(resource)]))));

    [Fact]
    public void An_overlay_that_writes_only_the_request_is_refused_on_its_request_against_the_base_limit_without_a_swap()
    {
        var findings = Findings(
            ("Resources", [("CpuRequest", "500m"), ("CpuLimit", "1"), ("MemoryLimit", "256Mi")]),
            ("EnvironmentOverlay", [("Name", "production"), ("CpuRequest", "2")]));

        var finding = Assert.Single(findings);
        Assert.Equal(
            "EnvironmentOverlay.CpuRequest = \"2\" is greater than Resources.CpuLimit = \"1\" and Kubernetes rejects a request above its limit: lower the request or raise the limit",
            finding.Message);
        Assert.Equal(new Site(2, "CpuRequest", -1), finding.Site);
        Assert.False(finding.Properties.ContainsKey(ResourceRules.SwapWithProperty));
    }

    [Fact]
    public void An_overlay_that_writes_only_the_limit_is_refused_on_its_limit_against_the_base_request()
    {
        var findings = Findings(
            ("Resources", [("MemoryRequest", "512Mi"), ("MemoryLimit", "1Gi")]),
            ("EnvironmentOverlay", [("Name", "dev"), ("MemoryLimit", "256Mi")]));

        var finding = Assert.Single(findings);
        Assert.Equal(
            "Resources.MemoryRequest = \"512Mi\" is greater than EnvironmentOverlay.MemoryLimit = \"256Mi\" and Kubernetes rejects a request above its limit: lower the request or raise the limit",
            finding.Message);
        Assert.Equal(new Site(2, "MemoryLimit", -1), finding.Site);
    }

    [Fact]
    public void An_overlay_that_writes_neither_side_adds_nothing_to_the_base_finding()
    {
        var findings = Findings(
            ("Resources", [("CpuRequest", "2"), ("CpuLimit", "1"), ("MemoryLimit", "256Mi")]),
            ("EnvironmentOverlay", [("Name", "dev"), ("MemoryRequest", "128Mi")]));

        var finding = Assert.Single(findings);
        Assert.Equal(new Site(1, "CpuRequest", -1), finding.Site);
    }

    [Fact]
    public void Without_any_resources_the_service_is_told_to_set_a_memory_limit()
    {
        var finding = Assert.Single(Findings());

        Assert.Equal(RuleCatalog.MissingMemoryLimit.Id, finding.Rule.Id);
        Assert.Equal(
            "The service (it has no [Resources]) sets no MemoryLimit, so one leak can exhaust the node's memory and get other pods evicted: " +
            "set [Resources(MemoryLimit = \"512Mi\")] to a value above the app's peak",
            finding.Message);
        Assert.Equal(new Site(0, null, -1), finding.Site);
    }

    [Fact]
    public void Resources_without_a_memory_limit_are_told_on_the_attribute()
    {
        var finding = Assert.Single(Findings(("Resources", [("CpuRequest", "250m")])));

        Assert.StartsWith("[Resources] sets no MemoryLimit", finding.Message, StringComparison.Ordinal);
        Assert.Equal(new Site(1, null, -1), finding.Site);
    }

    [Fact]
    public void A_memory_limit_in_every_overlay_is_enough_and_one_overlay_without_it_is_not()
    {
        (string, (string, object)[]) Overlay(string name, string? limit) =>
            ("EnvironmentOverlay", limit is null ? [("Name", name), ("Replicas", 2)] : [("Name", name), ("MemoryLimit", limit)]);

        Assert.Empty(Findings(("Resources", [("CpuRequest", "250m")]), Overlay("dev", "256Mi"), Overlay("prod", "1Gi")));
        Assert.Empty(Findings(("Resources", [("CpuRequest", "250m")]), Overlay("dev", "256Mi"), Overlay("qa", "512Mi"), Overlay("prod", "1Gi")));
        Assert.Equal(
            [RuleCatalog.MissingMemoryLimit.Id],
            Ids(Findings(("Resources", [("CpuRequest", "250m")]), Overlay("dev", "256Mi"), Overlay("prod", null))));
    }

    [Theory]
    [InlineData(null, null, "[Autoscaling] (CPU is its default metric) scales on CPU utilization, a percentage of the CPU request, but Resources.CpuRequest is not set and the autoscaler cannot compute utilization: set Resources.CpuRequest, such as \"250m\"")]
    [InlineData(70, null, "Autoscaling.CpuUtilization = 70 scales on CPU utilization, a percentage of the CPU request, but Resources.CpuRequest is not set and the autoscaler cannot compute utilization: set Resources.CpuRequest, such as \"250m\"")]
    [InlineData(null, 80, "Autoscaling.MemoryUtilization = 80 scales on memory utilization, a percentage of the memory request, but Resources.MemoryRequest is not set and the autoscaler cannot compute utilization: set Resources.MemoryRequest, such as \"256Mi\"")]
    public void Autoscaling_on_utilization_without_the_request_it_is_a_percentage_of_is_refused(int? cpu, int? memory, string message)
    {
        var findings = Findings(("Resources", [("MemoryLimit", "512Mi")]), ("Autoscaling", Utilization(cpu, memory)));

        var finding = Assert.Single(findings, f => f.Rule.Id == RuleCatalog.UtilizationWithoutRequest.Id);
        Assert.Equal(message, finding.Message);
        Assert.Equal(new Site(2, cpu is null && memory is null ? null : memory is null ? "CpuUtilization" : "MemoryUtilization", -1), finding.Site);
    }

    [Fact]
    public void Autoscaling_on_both_without_either_request_is_refused_twice()
    {
        var findings = Findings(("Resources", [("MemoryLimit", "512Mi")]), ("Autoscaling", Utilization(60, 70)));

        Assert.Equal(
            [new Site(2, "CpuUtilization", -1), new Site(2, "MemoryUtilization", -1)],
            findings.Where(f => f.Rule.Id == RuleCatalog.UtilizationWithoutRequest.Id).Select(f => f.Site));
    }

    [Theory]
    [InlineData(null, null, "CpuRequest")]
    [InlineData(70, null, "CpuRequest")]
    [InlineData(null, 80, "MemoryRequest")]
    [InlineData(60, 70, "CpuRequest,MemoryRequest")]
    public void Autoscaling_with_the_requests_it_needs_is_accepted(int? cpu, int? memory, string requests)
    {
        var resources = requests.Split(',').Select(r => (r, (object)(r == "CpuRequest" ? "250m" : "256Mi"))).Append(("MemoryLimit", "512Mi")).ToArray();

        Assert.DoesNotContain(RuleCatalog.UtilizationWithoutRequest.Id, Ids(Findings(("Resources", resources), ("Autoscaling", Utilization(cpu, memory)))));
    }

    [Theory]
    // Under [LatencyProfile] a limit is the request too: the limits are enough.
    [InlineData(true, "CpuLimit", false)]
    [InlineData(false, "CpuLimit", true)]
    [InlineData(true, "MemoryLimit", false)]
    [InlineData(false, "MemoryLimit", true)]
    public void Under_a_latency_profile_a_limit_stands_for_the_request(bool profile, string limit, bool refused)
    {
        var cpu = limit == "CpuLimit";
        (string, (string, object)[])[] attributes =
        [
            ("Resources", cpu ? [("CpuLimit", "1"), ("MemoryLimit", "512Mi"), ("MemoryRequest", "512Mi")] : [("MemoryLimit", "512Mi"), ("CpuRequest", "1")]),
            ("Autoscaling", Utilization(cpu ? 70 : null, cpu ? null : 80)),
            .. profile ? new[] { ("LatencyProfile", Array.Empty<(string, object)>()) } : [],
        ];

        Assert.Equal(refused, Ids(Findings(attributes)).Contains(RuleCatalog.UtilizationWithoutRequest.Id));
    }

    [Fact]
    public void Text_longer_than_64_characters_gets_no_suggestion()
    {
        var digits = "1" + new string('0', 60);
        AssertQuantityFinding("MemoryLimit", digits + " Mi", RuleCatalog.InvalidQuantity, $"is not a Kubernetes quantity: write \"{digits}Mi\" (2^20 bytes)", digits + "Mi");
        AssertQuantityFinding("MemoryLimit", digits + "  Mi", RuleCatalog.InvalidQuantity, "is not a Kubernetes quantity: " + GenericMemoryAdvice, "");
    }

    [Fact]
    public void A_valid_amount_no_unit_of_ours_can_repair_gets_the_general_advice()
    {
        // Beyond the 64 characters the suggestions read: CPU with a decimal suffix, and a unitless CPU amount.
        var big = "1" + new string('0', 64);
        var unitMismatch = Assert.Single(Findings(("Resources", [("CpuLimit", big + "k"), ("MemoryLimit", "512Mi")])));
        var missingUnit = Assert.Single(Findings(("Resources", [("CpuLimit", big), ("MemoryLimit", "512Mi")])));

        Assert.Equal(RuleCatalog.QuantityUnitMismatch.Id, unitMismatch.Rule.Id);
        Assert.EndsWith(" cores: write cores such as \"0.5\" or millicores such as \"500m\"", unitMismatch.Message, StringComparison.Ordinal);
        Assert.Equal(RuleCatalog.QuantityMissingUnit.Id, missingUnit.Rule.Id);
        Assert.EndsWith(" cores, which looks like a forgotten unit: write a value with a unit", missingUnit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_memory_replacement_names_its_unit_for_the_code_fix()
    {
        var finding = Assert.Single(Findings(("Resources", [("MemoryLimit", "512m")])));

        Assert.Equal(("512Mi", "2^20 bytes", "512M", "10^6 bytes"), (
            finding.Properties[FindingProperties.ReplacementProperty + "0"], finding.Properties[FindingProperties.ReplacementNoteProperty + "0"],
            finding.Properties[FindingProperties.ReplacementProperty + "1"], finding.Properties[FindingProperties.ReplacementNoteProperty + "1"]));
    }

    [Fact]
    public void An_overlay_quantity_is_judged_on_the_overlay()
    {
        var finding = Assert.Single(Findings(("Resources", [("MemoryLimit", "512Mi")]), ("EnvironmentOverlay", [("Name", "dev"), ("CpuLimit", "2 cores")])));

        Assert.Equal(RuleCatalog.InvalidQuantity.Id, finding.Rule.Id);
        Assert.Equal(new Site(2, "CpuLimit", -1), finding.Site);
        Assert.Equal("EnvironmentOverlay.CpuLimit = \"2 cores\" is not a Kubernetes quantity: write \"2\"", finding.Message);
    }

    /// <summary>The one finding of <paramref name="property"/> = <paramref name="value"/> (besides CR1003): its rule, whole message, place and replacements.</summary>
    private static void AssertQuantityFinding(string property, string value, Rule rule, string says, string replacements)
    {
        var finding = Assert.Single(Findings(("Resources", [(property, value)])), f => f.Rule.Id != RuleCatalog.MissingMemoryLimit.Id);

        Assert.Equal(rule.Id, finding.Rule.Id);
        Assert.Equal($"Resources.{property} = \"{value}\" {says}", finding.Message);
        Assert.Equal(new Site(1, property, -1), finding.Site);
        Assert.Equal(replacements, Declarations.Replacements(finding));
    }

    private static (string, object)[] Utilization(int? cpu, int? memory) =>
        [("MaxReplicas", 5), .. cpu is { } c ? new[] { ("CpuUtilization", (object)c) } : [], .. memory is { } m ? new[] { ("MemoryUtilization", (object)m) } : []];

    private static (string, object)[] MemoryLimitUnless(string resource) => resource == "Memory" ? [] : [("MemoryLimit", "512Mi")];

    private static IReadOnlyList<Finding> Findings(params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) =>
        Findings(attributes, web: false);

    private static IReadOnlyList<Finding> Findings((string Attribute, (string Name, object Value)[] Arguments) attribute, bool web) =>
        Findings([attribute], web);

    private static IReadOnlyList<Finding> Findings((string Attribute, (string Name, object Value)[] Arguments)[] attributes, bool web)
    {
        var service = Declarations.Service(attributes);
        return Declarations.Findings(web ? Declarations.WebApp(service) : service, ResourceRules.Rules);
    }

    private static List<string> Ids(IEnumerable<Finding> findings) => findings.Select(f => f.Rule.Id).ToList();
}
