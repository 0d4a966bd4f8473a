using System.Collections.Immutable;
using System.Text;
using ClusterReady.Generators.Analyzers;
using ClusterReady.Generators.Parsing;
using ClusterReady.Model.Contract;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace ClusterReady.Analyzers.Tests;

/// <summary>
/// The build step judges what the IDE judges: for each service, the errors the analyzers report equal (id and message)
/// the errors the rulebook reports on the declaration after it went through the embedded JSON, as the build tool reads it.
/// </summary>
public sealed class BuildStepVerdictTests(ITestOutputHelper output)
{
    private const int Seed = 20_261_205;

    [Fact]
    public async Task The_build_step_reports_the_errors_the_analyzers_report_on_random_services()
    {
        var random = new Random(Seed);
        var withErrors = 0;
        for (var batch = 0; batch < 10; batch++)
        {
            var cases = Enumerable.Range(0, 100).Select(i => RobustnessTests.Generate(random, $"V{batch}_{i}")).ToList();
            var (ide, build) = await VerdictsAsync(cases.Select(c => (c.Path, c.Source)).ToList());
            foreach (var @case in cases)
            {
                Assert.Equal(ide[@case.Path], build[@case.Path]);
                withErrors += ide[@case.Path].Count > 0 ? 1 : 0;
            }
        }

        Assert.True(withErrors > 300, $"only {withErrors} of the services had an error: the corpus does not exercise the rules");
        // Not a count of the loop's own turns (it could not fail): both verdicts must be exercised, errors and none.
        Assert.True(withErrors < 900, $"{withErrors} of the 1,000 services had an error: the corpus hardly exercises a clean verdict");
    }

    /// <summary>
    /// The grammar corpus that ClusterReady.Model.Tests proves against Kubernetes (tests/Shared/GrammarCorpus.cs), through
    /// both paths: 4,000 quantities and 13,000 names as the arguments of 1,000 services, 100 to a compilation.
    /// </summary>
    [Fact]
    public async Task The_build_step_reports_the_errors_the_analyzers_report_on_the_grammar_corpus()
    {
        const int Services = 1_000, PerCompilation = 100;
        var quantities = GrammarCorpus.Quantities(4 * Services);
        var names = Enum.GetValues<NameGrammar>().ToDictionary(g => g, g => GrammarCorpus.Names(g, 2 * Services));
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        var compared = 0;
        for (var batch = 0; batch < Services / PerCompilation; batch++)
        {
            var files = new List<(string Path, string Source)>();
            for (var j = 0; j < PerCompilation; j++)
            {
                var i = (batch * PerCompilation) + j;
                string Name(NameGrammar grammar, int k = 0) => Literal(names[grammar][(2 * i) + k]);
                var source = new StringBuilder()
                    .Append("namespace Corpus;\n\n")
                    .Append($"[ClusterReady.KubernetesService({Name(NameGrammar.Dns1035Label)}, Namespace = {Name(NameGrammar.Dns1123Label)})]\n")
                    .Append($"[ClusterReady.Resources(CpuRequest = {Literal(quantities[4 * i])}, CpuLimit = {Literal(quantities[(4 * i) + 1])}, ")
                    .Append($"MemoryRequest = {Literal(quantities[(4 * i) + 2])}, MemoryLimit = {Literal(quantities[(4 * i) + 3])})]\n")
                    .Append($"[ClusterReady.ContainerPort(8080, Name = {Name(NameGrammar.PortName)})]\n")
                    .Append($"[ClusterReady.ContainerPort(8081, Name = {Name(NameGrammar.PortName, 1)})]\n")
                    .Append($"[ClusterReady.EnvironmentVariable({Name(NameGrammar.EnvironmentVariableName)}, \"v\")]\n")
                    .Append($"[ClusterReady.EnvironmentVariable({Name(NameGrammar.EnvironmentVariableName, 1)}, \"v\")]\n")
                    .Append($"[ClusterReady.SecretEnvironmentVariable(\"Db__Password\", {Name(NameGrammar.Dns1123Subdomain)}, {Name(NameGrammar.ConfigKey)})]\n")
                    .Append($"[ClusterReady.ConfigMap({Name(NameGrammar.Dns1123Subdomain, 1)})]\n")
                    .Append($"[ClusterReady.Ingress({Name(NameGrammar.IngressHost)})]\n")
                    .Append($"[ClusterReady.DependsOn({Name(NameGrammar.Dns1035Label, 1)})]\n")
                    .Append($"[ClusterReady.NetworkPolicy(AllowFromPodLabels = new[] {{ {Literal(names[NameGrammar.LabelKey][2 * i] + "=" + names[NameGrammar.LabelValue][2 * i])} }}, ")
                    .Append($"AllowFromNamespaces = new[] {{ {Name(NameGrammar.Dns1123Label, 1)} }})]\n")
                    .Append($"public sealed class S{i};\n");
                files.Add(($"S{i}.cs", source.ToString()));
            }

            var (ide, build) = await VerdictsAsync(files);
            foreach (var (path, _) in files)
            {
                Assert.Equal(ide[path], build[path]);
                compared++;
                foreach (var error in ide[path])
                {
                    var id = error[..error.IndexOf(':', StringComparison.Ordinal)];
                    errors[id] = errors.GetValueOrDefault(id) + 1;
                }
            }
        }

        Assert.Equal(Services, compared);
        output.WriteLine($"{compared} services, the same errors from both paths: "
            + string.Join(", ", errors.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} x{p.Value}")));

        // Each grammar's rule fired often (about half the corpus is invalid), so the comparison covered its rejections.
        foreach (var rule in new[]
        {
            RuleIdentifiers.InvalidQuantity, RuleIdentifiers.InvalidDnsLabel, RuleIdentifiers.InvalidDnsSubdomain, RuleIdentifiers.InvalidPortName,
            RuleIdentifiers.InvalidEnvironmentVariableName, RuleIdentifiers.InvalidSecretKey, RuleIdentifiers.InvalidLabelSelector,
        })
        {
            Assert.True(errors.GetValueOrDefault(rule) >= 200, $"{rule} was reported {errors.GetValueOrDefault(rule)} times on the corpus");
        }
    }

    /// <summary>
    /// Services whose environments meet the base: random requests and limits, replicas, autoscaling ranges and budgets in
    /// the base and in one to three overlays, so that many problems exist only once an overlay is applied to the base. No
    /// error is reported twice.
    /// </summary>
    [Fact]
    public async Task The_build_step_reports_the_errors_the_analyzers_report_on_random_environments()
    {
        string[] cpu = ["100m", "250m", "500m", "1", "2"], memory = ["64Mi", "128Mi", "256Mi", "512Mi", "1Gi"];
        string[] environments = ["staging", "production", "dev"];
        var random = new Random(Seed + 1);
        string Maybe(string name, string value) => random.Next(3) == 0 ? name + " = " + value : "";
        string Arguments(params string[] arguments) => string.Join(", ", arguments.Where(a => a.Length > 0));
        string Count() => random.Next(1, 6).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Quantities() => Arguments(
            Maybe("CpuRequest", Literal(cpu[random.Next(cpu.Length)])), Maybe("CpuLimit", Literal(cpu[random.Next(cpu.Length)])),
            Maybe("MemoryRequest", Literal(memory[random.Next(memory.Length)])), Maybe("MemoryLimit", Literal(memory[random.Next(memory.Length)])));

        var inEnvironments = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var batch = 0; batch < 5; batch++)
        {
            var files = new List<(string Path, string Source)>();
            for (var i = 0; i < 100; i++)
            {
                var source = new StringBuilder("namespace Environments;\n\n")
                    .Append($"[ClusterReady.KubernetesService(\"s{i}\"{Prefixed(Arguments(Maybe("Replicas", Count()), Maybe("HighlyAvailable", "true")))})]\n")
                    .Append($"[ClusterReady.Resources({Quantities()})]\n");
                if (random.Next(2) == 0)
                {
                    source.Append($"[ClusterReady.Autoscaling({Count()}, {Count()})]\n");
                }

                if (random.Next(2) == 0)
                {
                    source.Append($"[ClusterReady.DisruptionBudget(MinAvailable = {Count()})]\n");
                }

                foreach (var environment in environments.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
                {
                    var overlay = Arguments(Maybe("Replicas", Count()), Maybe("MinReplicas", Count()), Maybe("MaxReplicas", Count()), Quantities());
                    source.Append($"[ClusterReady.EnvironmentOverlay(\"{environment}\"{Prefixed(overlay)})]\n");
                }

                files.Add(($"E{batch}_{i}.cs", source.Append($"public sealed class E{i};\n").ToString()));
            }

            var (ide, build) = await VerdictsAsync(files);
            foreach (var (path, _) in files)
            {
                Assert.Equal(ide[path], build[path]);
                Assert.Equal(build[path].Distinct().Count(), build[path].Count);
                foreach (var error in ide[path].Where(e => e.Contains("EnvironmentOverlay", StringComparison.Ordinal) || e.Contains("\" environment", StringComparison.Ordinal)))
                {
                    var id = error[..error.IndexOf(':', StringComparison.Ordinal)];
                    inEnvironments[id] = inEnvironments.GetValueOrDefault(id) + 1;
                }
            }
        }

        output.WriteLine("errors in an environment, the same from both paths: "
            + string.Join(", ", inEnvironments.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} x{p.Value}")));
        foreach (var rule in new[] { RuleIdentifiers.RequestAboveLimit, RuleIdentifiers.BudgetBlocksEviction, RuleIdentifiers.InvalidAutoscalingRange })
        {
            Assert.True(inEnvironments.GetValueOrDefault(rule) >= 20, $"{rule} was reported in an environment {inEnvironments.GetValueOrDefault(rule)} times");
        }

        static string Prefixed(string arguments) => arguments.Length > 0 ? ", " + arguments : "";
    }

    [Fact]
    public async Task The_build_step_reports_the_errors_the_analyzers_report_on_the_misconfigured_sample()
    {
        var source = File.ReadAllText(Repository.Path("samples", "MisconfiguredApi", "Deployment.cs"));
        var (ide, build) = await VerdictsAsync([("Deployment.cs", source)]);

        Assert.NotEmpty(ide["Deployment.cs"]);
        Assert.Equal(ide["Deployment.cs"], build["Deployment.cs"]);
    }

    [Fact]
    public async Task The_build_step_reports_a_memory_limit_below_the_floor_as_the_analyzers_do()
    {
        const string source = """
            [ClusterReady.KubernetesService("inventory-worker")]
            [ClusterReady.Resources(MemoryLimit = "8Mi")]
            [ClusterReady.EnvironmentOverlay("staging", MemoryLimit = "10M")]
            [ClusterReady.EnvironmentOverlay("production", MemoryLimit = "256Mi")]
            public sealed class Deployment;
            """;
        var (ide, build) = await VerdictsAsync([("Deployment.cs", source)]);

        Assert.Equal(2, build["Deployment.cs"].Count(f => f.StartsWith("CR1007: ", StringComparison.Ordinal)));
        Assert.Equal(ide["Deployment.cs"], build["Deployment.cs"]);
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>Per file: the sorted "id: message" of every error, from the analyzers and from the build step's path.</summary>
    private static async Task<(Dictionary<string, List<string>> Ide, Dictionary<string, List<string>> Build)> VerdictsAsync(
        List<(string Path, string Source)> files)
    {
        var compilation = CSharpCompilation.Create(
            "Orders.Api",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Source, AnalyzerRunner.ParseOptions, path: f.Path, encoding: Encoding.UTF8)),
            TestReferences.Console,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var ruleGroups = AnalyzerRunner.All.Where(a => a is RuleGroupAnalyzer).ToImmutableArray();
        var diagnostics = await compilation.WithAnalyzers(ruleGroups).GetAnalyzerDiagnosticsAsync();

        var ide = files.ToDictionary(f => f.Path, _ => new List<string>());
        foreach (var diagnostic in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.IsInSource))
        {
            ide[diagnostic.Location.SourceTree!.FilePath].Add(diagnostic.Id + ": " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }

        var build = files.ToDictionary(f => f.Path, _ => new List<string>());
        var app = ServiceAnalysis.AppFactsOf(compilation);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(node) is not { } type || ServiceSyntax.TryCreate(type, app, default) is null)
                {
                    continue;
                }

                // The way the build tool gets it: written by the generator, read back from the assembly's metadata.
                var declaration = DeclarationJson.Read(DeclarationJson.Write(DeclarationReader.Read(type, app, default)));
                Assert.Equal(DeclarationReader.Read(type, app, default), declaration);
                foreach (var finding in Rulebook.Check(declaration).Where(f => f.Rule.Severity == RuleSeverity.Error))
                {
                    build[tree.FilePath].Add(finding.Rule.Id + ": " + finding.Message);
                }
            }
        }

        foreach (var list in ide.Values.Concat(build.Values))
        {
            list.Sort(StringComparer.Ordinal);
        }

        return (ide, build);
    }
}
