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

namespace ClusterReady.Analyzers.Tests;

/// <summary>
/// The build step judges what the IDE judges: for each service, the errors the analyzers report equal (id and message)
/// the errors the rulebook reports on the declaration after it went through the embedded JSON, as the build tool reads it.
/// </summary>
public sealed class BuildStepVerdictTests
{
    private const int Seed = 20_261_205;

    [Fact]
    public async Task The_build_step_reports_the_errors_the_analyzers_report_on_random_services()
    {
        var random = new Random(Seed);
        var compared = 0;
        var withErrors = 0;
        for (var batch = 0; batch < 10; batch++)
        {
            var cases = Enumerable.Range(0, 100).Select(i => RobustnessTests.Generate(random, $"V{batch}_{i}")).ToList();
            var (ide, build) = await VerdictsAsync(cases.Select(c => (c.Path, c.Source)).ToList());
            foreach (var @case in cases)
            {
                Assert.Equal(ide[@case.Path], build[@case.Path]);
                compared++;
                withErrors += ide[@case.Path].Count > 0 ? 1 : 0;
            }
        }

        Assert.Equal(1000, compared);
        Assert.True(withErrors > 300, $"only {withErrors} of the services had an error: the corpus does not exercise the rules");
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
