using System.Text.RegularExpressions;
using ClusterReady.Model.Rules;
using Xunit.Abstractions;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The one name grammar (<see cref="NameRules"/>) against Kubernetes' validation, on the generated corpus. The oracles
/// restate k8s.io/apimachinery/pkg/util/validation and pkg/api/validate/content (and, for Ingress hosts,
/// k8s.io/kubernetes/pkg/apis/networking/validation), written from that source and not from the product's code. Go's
/// regexp '$' is the end of the text: \z here (.NET's '$' also matches before a final "\n"); [a-z] and [0-9] are ASCII.
/// Go's len counts UTF-8 bytes where .NET counts UTF-16 units: they differ only on non-ASCII strings, which every
/// expression rejects anyway.
/// </summary>
public sealed partial class NameGrammarTests(ITestOutputHelper output)
{
    private const int CorpusSize = 12_000;

    /// <summary>Enough of each verdict that a generator gone wrong fails the test.</summary>
    private const int MinimumPerVerdict = 3_000;

    [Fact]
    public void Dns1123_labels_are_judged_as_Kubernetes_judges_them() =>
        Prove(NameGrammar.Dns1123Label, NameRules.IsDns1123Label, Kubernetes.IsDns1123Label);

    [Fact]
    public void Dns1035_labels_are_judged_as_Kubernetes_judges_them() =>
        Prove(NameGrammar.Dns1035Label, NameRules.IsDns1035Label, Kubernetes.IsDns1035Label);

    [Fact]
    public void Dns1123_subdomains_are_judged_as_Kubernetes_judges_them() =>
        Prove(NameGrammar.Dns1123Subdomain, NameRules.IsDns1123Subdomain, Kubernetes.IsDns1123Subdomain);

    [Fact]
    public void Port_names_are_judged_as_Kubernetes_judges_them() =>
        Prove(NameGrammar.PortName, NameRules.IsPortName, Kubernetes.IsValidPortName);

    [Fact]
    public void Config_keys_are_judged_as_Kubernetes_judges_them() =>
        Prove(NameGrammar.ConfigKey, NameRules.IsConfigKey, Kubernetes.IsConfigMapKey);

    [Fact]
    public void Label_values_are_judged_as_Kubernetes_judges_them() =>
        Prove(NameGrammar.LabelValue, NameRules.IsLabelValue, Kubernetes.IsLabelValue);

    [Fact]
    public void Label_keys_are_judged_as_Kubernetes_judges_them() =>
        Prove(NameGrammar.LabelKey, NameRules.IsLabelKey, Kubernetes.IsLabelKey);

    /// <summary>
    /// An empty host is a rule for every host in Kubernetes; the product's [Ingress(host)] requires one, so the
    /// verdict is "non-empty and valid for Kubernetes".
    /// </summary>
    [Fact]
    public void Ingress_hosts_are_judged_as_Kubernetes_judges_them() =>
        Prove(NameGrammar.IngressHost, NameRules.IsIngressHost, value => value.Length > 0 && Kubernetes.IsIngressHost(value));

    /// <summary>
    /// Environment variable names are the one grammar where the product is deliberately stricter than Kubernetes:
    /// <c>[A-Za-z_][A-Za-z0-9_.-]*</c>, names that Kubernetes, shells and .NET configuration all take, where Kubernetes
    /// takes <c>[-._a-zA-Z][-._a-zA-Z0-9]*</c> (not ".", "..", "..x": IsEnvVarName, and the only rule before 1.32) or,
    /// with RelaxedEnvironmentVariableValidation (on by default since 1.32, GA in 1.34), any printable ASCII but '='.
    /// Proven: the product never accepts a name either rule rejects, and rejects exactly the strict names that start with '-' or '.'.
    /// </summary>
    [Fact]
    public void Environment_variable_names_are_the_portable_subset_of_what_Kubernetes_accepts()
    {
        var corpus = GrammarCorpus.Names(NameGrammar.EnvironmentVariableName, CorpusSize);
        Prove(NameGrammar.EnvironmentVariableName, NameRules.IsEnvironmentVariableName, value => Kubernetes.IsEnvVarName(value) && value[0] is not ('-' or '.'));

        var strictOnly = corpus.Count(v => Kubernetes.IsEnvVarName(v) && !NameRules.IsEnvironmentVariableName(v));
        var relaxedOnly = corpus.Count(v => Kubernetes.IsRelaxedEnvVarName(v) && !NameRules.IsEnvironmentVariableName(v));
        Assert.DoesNotContain(corpus, v => NameRules.IsEnvironmentVariableName(v) && !(Kubernetes.IsEnvVarName(v) && Kubernetes.IsRelaxedEnvVarName(v)));
        output.WriteLine($"Kubernetes accepts {strictOnly} names the product rejects by IsEnvVarName, {relaxedOnly} by IsRelaxedEnvVarName");
        Assert.True(strictOnly > 0, "the corpus has no name starting with '-' or '.': the difference is not exercised");
    }

    private void Prove(NameGrammar grammar, Func<string?, bool> product, Func<string, bool> kubernetes)
    {
        var corpus = GrammarCorpus.Names(grammar, CorpusSize);
        var disagreements = new List<string>();
        int valid = 0, invalid = 0;
        foreach (var value in corpus)
        {
            var expected = kubernetes(value);
            valid += expected ? 1 : 0;
            invalid += expected ? 0 : 1;
            if (product(value) != expected)
            {
                disagreements.Add($"{GrammarCorpus.Show(value)} ({value.Length} characters): Kubernetes {(expected ? "accepts" : "rejects")} it, the product {(expected ? "rejects" : "accepts")} it");
            }
        }

        output.WriteLine($"{grammar}: {corpus.Count} strings, {valid} valid, {invalid} invalid, {corpus.Distinct(StringComparer.Ordinal).Count()} distinct");
        Assert.True(disagreements.Count == 0, $"{grammar}: {disagreements.Count} disagreements with Kubernetes, the first 20:\n" + string.Join("\n", disagreements.Take(20)));
        Assert.True(valid >= MinimumPerVerdict, $"{grammar}: only {valid} valid names were generated");
        Assert.True(invalid >= MinimumPerVerdict, $"{grammar}: only {invalid} invalid names were generated");
        Assert.False(product(null));
    }

    /// <summary>The validation functions of Kubernetes, restated (each returns "no errors").</summary>
    private static partial class Kubernetes
    {
        private const int DNS1123LabelMaxLength = 63;
        private const int DNS1123SubdomainMaxLength = 253;
        private const int LabelValueMaxLength = 63;

        public static bool IsDns1123Label(string value) => value.Length <= DNS1123LabelMaxLength && Dns1123Label().IsMatch(value);

        public static bool IsDns1035Label(string value) => value.Length <= DNS1123LabelMaxLength && Dns1035Label().IsMatch(value);

        /// <summary>At most 253 in all; no limit per label (DNS has one, Kubernetes does not check it).</summary>
        public static bool IsDns1123Subdomain(string value) => value.Length <= DNS1123SubdomainMaxLength && Dns1123Subdomain().IsMatch(value);

        /// <summary>IsValidPortName: at most 15 of [-a-z0-9], a letter, no "--", no '-' at either end.</summary>
        public static bool IsValidPortName(string value) =>
            value.Length <= 15 && PortNameCharset().IsMatch(value) && PortNameOneLetter().IsMatch(value)
            && !value.Contains("--", StringComparison.Ordinal) && !(value.Length > 0 && (value[0] == '-' || value[^1] == '-'));

        /// <summary>IsEnvVarName: the expression and hasChDirPrefix.</summary>
        public static bool IsEnvVarName(string value) => EnvVarName().IsMatch(value) && !HasChDirPrefix(value);

        /// <summary>IsRelaxedEnvVarName: non-empty, printable ASCII (unicode.IsPrint: ' ' to '~') other than '='.</summary>
        public static bool IsRelaxedEnvVarName(string value) => value.Length > 0 && value.All(c => c is >= ' ' and <= '~' and not '=');

        /// <summary>IsConfigMapKey: at most 253, the expression, and hasChDirPrefix.</summary>
        public static bool IsConfigMapKey(string value) =>
            value.Length <= DNS1123SubdomainMaxLength && ConfigMapKey().IsMatch(value) && !HasChDirPrefix(value);

        public static bool IsLabelValue(string value) => value.Length <= LabelValueMaxLength && LabelValue().IsMatch(value);

        /// <summary>IsLabelKey (IsQualifiedName): strings.Split on '/'; one part is a name, two a non-empty subdomain prefix and a name.</summary>
        public static bool IsLabelKey(string value)
        {
            var parts = value.Split('/');
            string name;
            switch (parts.Length)
            {
                case 1:
                    name = parts[0];
                    break;
                case 2:
                    if (parts[0].Length == 0 || !IsDns1123Subdomain(parts[0]))
                    {
                        return false;
                    }

                    name = parts[1];
                    break;
                default:
                    return false;
            }

            return name.Length > 0 && name.Length <= 63 && LabelKeyName().IsMatch(name);
        }

        /// <summary>
        /// validateIngressRules: not an IP address (netutils.ParseIPSloppy), then IsWildcardDNS1123Subdomain when the
        /// host contains '*', else IsDNS1123Subdomain. An empty host passes (it matches every host).
        /// </summary>
        public static bool IsIngressHost(string value)
        {
            if (value.Length == 0)
            {
                return true;
            }

            if (ParseIPSloppy(value))
            {
                return false;
            }

            return value.Contains('*', StringComparison.Ordinal)
                ? value.Length <= DNS1123SubdomainMaxLength && WildcardDns1123Subdomain().IsMatch(value)
                : IsDns1123Subdomain(value);
        }

        private static bool HasChDirPrefix(string value) => value is "." or ".." || value.StartsWith("..", StringComparison.Ordinal);

        /// <summary>
        /// ParseIPSloppy: net.ParseIP, else the same after stripping leading zeros from dotted decimals (matchZeros).
        /// For IPv4 that is four dot-separated decimal numbers, each at most 255 once its leading zeros are gone. IPv6
        /// addresses have ':', which only strings that no DNS expression accepts have: they are left to those.
        /// </summary>
        private static bool ParseIPSloppy(string value)
        {
            var match = SloppyIPv4().Match(value);
            return match.Success && match.Groups["octet"].Captures.All(c => c.Value.TrimStart('0') is var d && d.Length <= 3 && (d.Length == 0 || int.Parse(d, System.Globalization.CultureInfo.InvariantCulture) <= 255));
        }

        [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z")]
        private static partial Regex Dns1123Label();

        [GeneratedRegex(@"^[a-z]([-a-z0-9]*[a-z0-9])?\z")]
        private static partial Regex Dns1035Label();

        [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
        private static partial Regex Dns1123Subdomain();

        [GeneratedRegex(@"^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
        private static partial Regex WildcardDns1123Subdomain();

        [GeneratedRegex(@"^[-a-z0-9]+\z")]
        private static partial Regex PortNameCharset();

        [GeneratedRegex(@"[a-z]")]
        private static partial Regex PortNameOneLetter();

        [GeneratedRegex(@"^[-._a-zA-Z][-._a-zA-Z0-9]*\z")]
        private static partial Regex EnvVarName();

        [GeneratedRegex(@"^[-._a-zA-Z0-9]+\z")]
        private static partial Regex ConfigMapKey();

        [GeneratedRegex(@"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\z")]
        private static partial Regex LabelValue();

        [GeneratedRegex(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\z")]
        private static partial Regex LabelKeyName();

        [GeneratedRegex(@"^(?<octet>[0-9]+)\.(?<octet>[0-9]+)\.(?<octet>[0-9]+)\.(?<octet>[0-9]+)\z")]
        private static partial Regex SloppyIPv4();
    }
}
