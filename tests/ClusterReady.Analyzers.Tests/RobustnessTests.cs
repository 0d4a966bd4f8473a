using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClusterReady.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace ClusterReady.Analyzers.Tests;

/// <summary>
/// Drives thousands of random and malformed attribute values through the generator and every analyzer. Nothing may
/// throw, and every value that an independent oracle (the regular expressions of the Kubernetes API's validation,
/// written here, not the analyzers' code) calls invalid must get a diagnostic on its own argument.
/// </summary>
public sealed partial class RobustnessTests(ITestOutputHelper output)
{
    private const int Seed = 20_251_104;
    private const int Batches = 30;
    private const int ClassesPerBatch = 100;

    private static readonly string[] Quantities = ["CpuRequest", "CpuLimit", "MemoryRequest", "MemoryLimit"];

    [Fact]
    public async Task Random_values_never_throw_and_every_invalid_value_is_reported()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        int invalid = 0, valid = 0;
        for (var batch = 0; batch < Batches; batch++)
        {
            var web = batch % 5 == 4;
            var cases = new List<Case>();
            var trees = new List<SyntaxTree>();
            for (var i = 0; i < ClassesPerBatch; i++)
            {
                var @case = Generate(random, $"C{batch}_{i}");
                cases.Add(@case);
                trees.Add(CSharpSyntaxTree.ParseText(@case.Source, AnalyzerRunner.ParseOptions, path: @case.Path, encoding: Encoding.UTF8));
            }

            if (web)
            {
                trees.Add(CSharpSyntaxTree.ParseText(
                    $"var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();\napp.MapGet({Literal(RandomString(random))}, () => \"x\");\napp.Run();\n",
                    AnalyzerRunner.ParseOptions, path: "Program.cs"));
            }

            var diagnostics = await RunAsync(trees, web, failures);
            var byFile = diagnostics.Where(d => d.Location.IsInSource).ToLookup(d => d.Location.SourceTree!.FilePath);
            foreach (var @case in cases)
            {
                foreach (var value in @case.Values)
                {
                    var reported = byFile[@case.Path].Where(d => value.Span.Contains(d.Location.SourceSpan)).Select(d => d.Id).ToHashSet();
                    if (value.ExpectedIds is { } expected)
                    {
                        invalid++;
                        if (!expected.Any(reported.Contains))
                        {
                            failures.Add($"{value.Description}: expected {string.Join(" or ", expected)}, got [{string.Join(", ", reported)}]\n{@case.Source}");
                        }
                    }
                    else if (value.ExactRule is { } rule)
                    {
                        valid++;
                        if (reported.Contains(rule))
                        {
                            failures.Add($"{value.Description}: valid by the oracle, yet {rule} was reported");
                        }
                    }

                    if (value.MustNotAppearInMessages is { Length: >= 6 } secret
                        && byFile[@case.Path].Any(d => d.GetMessage(CultureInfo.InvariantCulture).Contains(secret, StringComparison.Ordinal)))
                    {
                        failures.Add($"{value.Description}: an environment variable's value appears in a diagnostic message");
                    }
                }
            }
        }

        output.WriteLine($"{Batches * ClassesPerBatch} classes: {invalid} invalid values reported, {valid} valid values checked against their exact rule");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
        Assert.True(invalid > 1000, $"only {invalid} invalid values were generated");
        Assert.True(valid > 200, $"only {valid} valid values were generated");
    }

    private static async Task<IReadOnlyList<Diagnostic>> RunAsync(List<SyntaxTree> trees, bool web, List<string> failures)
    {
        var compilation = CSharpCompilation.Create(
            "Robustness.App",
            trees,
            web ? TestReferences.Web : TestReferences.Console,
            new CSharpCompilationOptions(web ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create([new DeploymentModelGenerator().AsSourceGenerator()], parseOptions: AnalyzerRunner.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        foreach (var result in driver.GetRunResult().Results.Where(r => r.Exception is not null))
        {
            failures.Add("generator threw: " + result.Exception);
        }

        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await new CompilationWithAnalyzers(output, AnalyzerRunner.All, options).GetAllDiagnosticsAsync();
        failures.AddRange(exceptions.Select(e => "analyzer threw: " + e));
        failures.AddRange(generatorDiagnostics.Concat(diagnostics)
            .Where(d => d.Id is "CS8785" or "AD0001" or "CS8784")
            .Select(d => "exception diagnostic: " + d));
        return diagnostics;
    }

    /// <summary>One class with one or two random values, each recorded with the span of its argument.</summary>
    internal static Case Generate(Random random, string name)
    {
        var source = new StringBuilder();
        var values = new List<Value>();
        source.Append("namespace Robustness;\n\n");
        // Distinct attributes: most are single-use, and a repeated one is a compile error that hides the second value.
        var properties = Catalog.OrderBy(_ => random.Next()).DistinctBy(p => p.Attribute).Take(random.Next(1, 3)).ToList();
        if (!properties.Any(p => p.Attribute == "KubernetesService"))
        {
            source.Append("[ClusterReady.KubernetesService(\"").Append(name.ToLowerInvariant().Replace('_', '-')).Append("\")]\n");
        }

        foreach (var property in properties)
        {
            property.Write(random, source, values);
        }

        source.Append("public sealed class ").Append(name).Append(";\n");
        return new Case($"{name}.cs", source.ToString(), values);
    }

    internal sealed record Case(string Path, string Source, List<Value> Values);

    /// <param name="ExpectedIds">Null when the oracle calls the value valid (or cannot judge it, such as a compile error).</param>
    /// <param name="ExactRule">For a valid value: a rule that must then not be reported (the oracle and the rule agree exactly).</param>
    internal sealed record Value(string Description, TextSpan Span, string[]? ExpectedIds, string? ExactRule, string? MustNotAppearInMessages = null);

    /// <summary>An attribute argument with a random value and the oracle that judges it.</summary>
    /// <param name="WholeAttribute">The rule relates this value to another argument and may report on either.</param>
    private sealed record Property(string Attribute, string Prefix, string Suffix, Func<Random, (string Code, object? Value)> Make, Func<object?, bool> IsValid, string[] Ids, bool Exact = false, bool Secret = false, bool WholeAttribute = false)
    {
        public void Write(Random random, StringBuilder source, List<Value> values)
        {
            var (code, value) = Make(random);
            var attributeStart = source.Length;
            source.Append("[ClusterReady.").Append(Attribute).Append('(').Append(Prefix);
            var start = source.Length;
            source.Append(code);
            var span = new TextSpan(start, code.Length);
            source.Append(Suffix).Append(")]\n");
            if (WholeAttribute)
            {
                span = TextSpan.FromBounds(attributeStart, source.Length);
            }

            // A named argument is reported on "Name = value": widen the span to its start.
            var named = Prefix.LastIndexOf(", ", StringComparison.Ordinal) is var comma and >= 0 ? Prefix[(comma + 2)..] : Prefix;
            if (named.EndsWith(" = ", StringComparison.Ordinal) && !WholeAttribute)
            {
                span = TextSpan.FromBounds(start - named.Length, span.End);
            }

            var description = $"[{Attribute}({Prefix}{code}{Suffix})]";
            if (value is Malformed)
            {
                values.Add(new Value(description, span, null, null));
                return;
            }

            var isValid = IsValid(value);
            values.Add(new Value(description, span, isValid ? null : Ids, isValid && Exact ? Ids[0] : null, Secret ? value as string : null));
        }
    }

    /// <summary>A value the compiler rejects (wrong type, missing argument): only "nothing throws" applies.</summary>
    private sealed record Malformed;

    private static readonly Property[] Catalog = BuildCatalog();

    private static Property[] BuildCatalog()
    {
        var list = new List<Property>();
        foreach (var quantity in Quantities)
        {
            list.Add(new("Resources", quantity + " = ", "", QuantityValue, v => v is null || IsQuantity((string)v), ["CR1001"], Exact: true));
            list.Add(new("EnvironmentOverlay", "\"staging\", " + quantity + " = ", "", QuantityValue, v => v is null || IsQuantity((string)v), ["CR1001"], Exact: true));
        }

        // null: the name is derived from the assembly name ("Robustness.App", valid).
        list.Add(new("KubernetesService", "", "", r => StringValue(r, "orders-api"), v => v is null || Dns1035().IsMatch((string)v), ["CR2001"], Exact: true));
        list.Add(new("KubernetesService", "\"svc\", Namespace = ", "", r => StringValue(r, "shop"), v => v is null || Dns1123Label().IsMatch((string)v), ["CR2001"], Exact: true));
        list.Add(new("EnvironmentOverlay", "", "", r => StringValue(r, "staging"), v => v is string && OverlayName().IsMatch((string)v), ["CR2001"]));
        list.Add(new("SecretEnvironmentVariable", "\"Db__Password\", ", ", \"password\"", r => StringValue(r, "orders-db"), v => v is string s && IsSubdomain(s), ["CR2002"], Exact: true));
        list.Add(new("SecretEnvironmentVariable", "\"Db__Password\", \"orders-db\", ", "", r => StringValue(r, "password"), v => v is string s && SecretKey().IsMatch(s) && s.Length <= 253 && s != "." && !s.StartsWith("..", StringComparison.Ordinal), ["CR2005"], Exact: true));
        list.Add(new("SecretVolume", "", ", \"/etc/keys\"", r => StringValue(r, "orders-keys"), v => v is string s && IsSubdomain(s), ["CR2002"], Exact: true));
        list.Add(new("SecretVolume", "\"orders-keys\", ", "", r => StringValue(r, "/etc/keys"), v => v is string s && MountPath().IsMatch(s), ["CR2009"]));
        list.Add(new("ConfigMap", "", "", r => StringValue(r, "orders-features"), v => v is string s && IsSubdomain(s), ["CR2002"], Exact: true));
        list.Add(new("ContainerPort", "8080, Name = ", "", r => StringValue(r, "http"), v => v is null || PortName().IsMatch((string)v) && ((string)v).Length <= 15 && ((string)v).Any(char.IsAsciiLetterLower) && !((string)v).Contains("--"), ["CR2003"], Exact: true));
        list.Add(new("ContainerPort", "8080, Protocol = ", "", r => StringValue(r, "TCP"), v => v is null or "TCP" or "UDP" or "SCTP", ["CR3004"]));
        list.Add(new("EnvironmentVariable", "", ", \"x\"", r => StringValue(r, "Orders__BatchSize"), v => v is not null && EnvironmentName().IsMatch((string)v), ["CR2004"], Exact: true));
        list.Add(new("EnvironmentVariable", "\"Orders__Upstream\", ", "", r => StringValue(r, "value"), _ => true, ["none"], Secret: true));
        foreach (var probe in new[] { "LivenessProbe", "ReadinessProbe", "StartupProbe" })
        {
            list.Add(new(probe, "", "", r => StringValue(r, "/healthz"), v => v is null || RequestPath().IsMatch((string)v), ["CR3012"]));
            list.Add(new(probe, "Port = ", "", r => StringValue(r, "management"), v => v is null or "management", ["CR3011"]));
            foreach (var timing in new[] { "PeriodSeconds", "TimeoutSeconds", "FailureThreshold" })
            {
                list.Add(new(probe, timing + " = ", "", IntValue, v => (int)v! >= 1, ["CR3013"]));
            }

            list.Add(new(probe, "InitialDelaySeconds = ", "", IntValue, v => (int)v! >= 0, ["CR3013"]));
        }

        list.Add(new("ContainerImage", "", "", r => StringValue(r, "registry.example.com/shop/orders-api"), v => v is null || ImageRepository().IsMatch((string)v) && ((string)v).Length <= 255, ["CR7001", "CR7002"]));
        list.Add(new("ContainerImage", "\"acme/orders\", Tag = ", "", r => StringValue(r, "1.4.2"), v => v is null || ImageTag().IsMatch((string)v), ["CR7002"], Exact: true));
        list.Add(new("EnvironmentOverlay", "\"staging\", ImageTag = ", "", r => StringValue(r, "1.4.2"), v => v is null || ImageTag().IsMatch((string)v), ["CR7002"], Exact: true));
        list.Add(new("Ingress", "", "", r => StringValue(r, "orders.example.com"), v => v is string s && s.Length <= 253 && !IsIPv4Address(s) && IsSubdomain(s.StartsWith("*.", StringComparison.Ordinal) ? s[2..] : s), ["CR2002"], Exact: true));
        list.Add(new("Ingress", "\"orders.example.com\", Path = ", "", r => StringValue(r, "/orders"), v => v is null || RequestPath().IsMatch((string)v), ["CR8002"]));
        list.Add(new("Ingress", "\"orders.example.com\", TlsSecretName = ", "", r => StringValue(r, "orders-tls"), v => v is null || IsSubdomain((string)v), ["CR2002"], Exact: true));
        list.Add(new("HttpRoute", "", ", Gateway = \"public\"", r => StringValue(r, "orders.example.com"), v => v is string s && s.Length <= 253 && !IsIPv4Address(s) && IsSubdomain(s.StartsWith("*.", StringComparison.Ordinal) ? s[2..] : s), ["CR2002"], Exact: true));
        list.Add(new("HttpRoute", "\"orders.example.com\", Gateway = \"public\", Path = ", "", r => StringValue(r, "/orders"), v => v is null || RequestPath().IsMatch((string)v), ["CR8002"]));
        list.Add(new("ContainerPort", "", "", IntValue, v => (int)v! is >= 1024 and <= 65535, ["CR3001", "CR3002"]));
        list.Add(new("KubernetesService", "\"svc\", Replicas = ", "", IntValue, v => (int)v! >= 1, ["CR5008", "CR5010"]));
        list.Add(new("GracefulShutdown", "DrainDelaySeconds = ", "", IntValue, v => (int)v! >= 0, ["CR4001"]));
        list.Add(new("GracefulShutdown", "ShutdownTimeoutSeconds = ", "", IntValue, v => (int)v! >= 1, ["CR4001"]));
        list.Add(new("GracefulShutdown", "MarginSeconds = ", "", IntValue, v => (int)v! >= 0, ["CR4001"]));
        list.Add(new("Autoscaling", "", ", 10", IntValue, v => (int)v! is >= 1 and <= 10, ["CR5003"], WholeAttribute: true));
        list.Add(new("Autoscaling", "2, ", "", IntValue, v => (int)v! >= 2, ["CR5003"]));
        list.Add(new("Autoscaling", "2, 5, CpuUtilization = ", "", IntValue, v => (int)v! >= 1, ["CR5006"]));
        list.Add(new("Autoscaling", "2, 5, MemoryUtilization = ", "", IntValue, v => (int)v! >= 1, ["CR5006"]));
        list.Add(new("Autoscaling", "2, 5, ScaleDownStabilizationSeconds = ", "", IntValue, v => (int)v! is >= 0 and <= 3600, ["CR5006"]));
        list.Add(new("DisruptionBudget", "MaxUnavailable = ", "", IntValue, v => (int)v! >= 0, ["CR5008"]));
        list.Add(new("PodSecurity", "RunAsUser = ", "", LongValue, v => (long)v! is >= 0 and <= int.MaxValue, ["CR6005"]));

        // Wrong types and missing pieces: the compiler reports them, the generator and analyzers must shrug.
        foreach (var (attribute, prefix, code) in new[]
        {
            ("KubernetesService", "", "42"), ("KubernetesService", "Replicas = ", "\"three\""), ("ContainerPort", "", "\"8080\""),
            ("ContainerPort", "", "null"), ("Resources", "MemoryLimit = ", "512"), ("Resources", "CpuRequest = ", "null"),
            ("Autoscaling", "", "1"), ("Autoscaling", "", "Undefined.Value, 3"), ("EnvironmentVariable", "", "null, null"),
            ("NetworkPolicy", "AllowFromPodLabels = ", "null"), ("NetworkPolicy", "AllowFromPodLabels = ", "[null, \"=\", \"a=b,a=c\"]"),
            ("LivenessProbe", "", "null"), ("PodSecurity", "RunAsUser = ", "\"root\""), ("ContainerImage", "", ""),
            ("Ingress", "", "null"), ("SecretVolume", "", "\"x\""), ("GracefulShutdown", "DrainDelaySeconds = ", "1.5"),
        })
        {
            list.Add(new(attribute, prefix, "", _ => (code, new Malformed()), _ => true, ["none"]));
        }

        return [.. list];
    }

    private static (string, object?) QuantityValue(Random random)
    {
        string[] nearValid = ["500mb", "0.5 cores", "1.5GB", "2 Gi", "512MiB", "1e", "-1", "+1", ".5", "5.", "1e3", "1E-2", "1Ei", "1K", "250m", "1.5Gi", "0", "1e99999999999", "9999999999999999999999999999999999", "1..5", "Mi", "1ki", "1 "];
        return random.Next(4) == 0 ? Pick(random, nearValid) : StringValue(random, "512Mi");
    }

    private static (string, object?) Pick(Random random, string[] values)
    {
        var value = values[random.Next(values.Length)];
        return (Literal(value), value);
    }

    /// <summary>A random string (sometimes a valid value slightly mutated, sometimes null, sometimes long, unicode or control characters).</summary>
    private static (string Code, object? Value) StringValue(Random random, string validExample)
    {
        switch (random.Next(10))
        {
            case 0:
                return ("null", null);
            case 1:
                return (Literal(validExample), validExample);
            case 2 or 3:
                var mutated = new StringBuilder(validExample);
                var position = random.Next(mutated.Length + 1);
                if (random.Next(2) == 0 && mutated.Length > 0)
                {
                    mutated[Math.Min(position, mutated.Length - 1)] = RandomChar(random);
                }
                else
                {
                    mutated.Insert(position, RandomChar(random));
                }

                return (Literal(mutated.ToString()), mutated.ToString());
            default:
                var value = RandomString(random);
                return (Literal(value), value);
        }
    }

    private static string RandomString(Random random)
    {
        var length = random.Next(20) == 0 ? random.Next(200, 600) : random.Next(0, 24);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(RandomChar(random));
        }

        return builder.ToString();
    }

    private static char RandomChar(Random random)
    {
        const string Unicode = "éİıK\u212Aß\u00A0\u2028\u200B\uFEFF€ñ中";
        const string Pool = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/:=@* \t\n\r\"\\'%$#!?,;(){}[]";
        return random.Next(12) switch
        {
            0 => (char)random.Next(0, 32),                              // control characters
            1 => Unicode[random.Next(Unicode.Length)], // look-alikes and invisible spaces
            2 => (char)random.Next(0xD800, 0xE000),                     // a lone surrogate
            _ => Pool[random.Next(Pool.Length)],
        };
    }

    private static (string, object?) IntValue(Random random)
    {
        int[] edges = [int.MinValue, int.MaxValue, -1, 0, 1, 2, 100, 101, 1023, 1024, 3600, 3601, 65535, 65536];
        var value = random.Next(3) == 0 ? random.Next(int.MinValue, int.MaxValue) : edges[random.Next(edges.Length)];
        return (value == int.MinValue ? "int.MinValue" : value.ToString(CultureInfo.InvariantCulture), value);
    }

    private static (string, object?) LongValue(Random random)
    {
        long[] edges = [long.MinValue, long.MaxValue, -1, 0, 1654, int.MaxValue, int.MaxValue + 1L];
        var value = edges[random.Next(edges.Length)];
        return (value == long.MinValue ? "long.MinValue" : value.ToString(CultureInfo.InvariantCulture) + "L", value);
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static bool IsQuantity(string value)
    {
        var match = QuantityGrammar().Match(value);
        return match.Success
            // strconv.ParseInt(exponent, 10, 64)
            && (!match.Groups["exponent"].Success || long.TryParse(match.Groups["exponent"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            // Requests and limits must not be negative; "-0" is zero.
            && (match.Groups["sign"].Value != "-" || match.Groups["number"].Value.All(c => c is '0' or '.'));
    }

    /// <summary>What the Ingress validation's ParseIPSloppy takes for an IPv4 address: four decimals up to 255, leading zeros allowed.</summary>
    private static bool IsIPv4Address(string value) =>
        IPv4().Match(value) is { Success: true } match && match.Groups["octet"].Captures.All(c => c.Value.TrimStart('0') is var d && d.Length <= 3 && (d.Length == 0 || int.Parse(d, CultureInfo.InvariantCulture) <= 255));

    private static bool IsSubdomain(string value) => value.Length <= 253 && Dns1123Subdomain().IsMatch(value);

    // The oracle: the API server's validation expressions (k8s.io/apimachinery), anchored with \z (not $, which
    // also matches before a final newline).
    [GeneratedRegex(@"^(?<sign>[+-]?)(?<number>[0-9]+(\.[0-9]*)?|\.[0-9]+)([numkMGTPE]|Ki|Mi|Gi|Ti|Pi|Ei|[eE](?<exponent>[+-]?[0-9]+))?\z")]
    private static partial Regex QuantityGrammar();

    [GeneratedRegex(@"^[a-z]([-a-z0-9]{0,61}[a-z0-9])?\z")]
    private static partial Regex Dns1035();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\z")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?\z")]
    private static partial Regex OverlayName();

    // No limit per label: Kubernetes checks the 253 characters of the whole name only.
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex(@"^(?<octet>[0-9]+)\.(?<octet>[0-9]+)\.(?<octet>[0-9]+)\.(?<octet>[0-9]+)\z")]
    private static partial Regex IPv4();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z")]
    private static partial Regex PortName();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]*\z")]
    private static partial Regex EnvironmentName();

    [GeneratedRegex(@"^[-._a-zA-Z0-9]+\z")]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"^/[^\s:]*\z")]
    private static partial Regex MountPath();

    [GeneratedRegex(@"^/\S*\z")]
    private static partial Regex RequestPath();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*\z", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex ImageRepository();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z")]
    private static partial Regex ImageTag();
}
