using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.CodeAnalysis;

namespace ClusterReady.Benchmarks.Generator;

/// <summary>
/// ClusterReady's generator against the BCL's LoggerMessage generator on the same 500-file compilation. Cold: a new
/// driver over a new compilation (the first build). Warm: the driver state of the previous run over a compilation
/// in which one unrelated method body changed (what the IDE and the compiler server do on every keystroke and build).
/// </summary>
/// <remarks>
/// Every invocation creates its compilation anew (cold: from the parsed trees; warm: the previous compilation with the
/// edited tree swapped in), so nothing bound in source by an earlier invocation is reused and each run pays what it
/// would pay in a build or in the IDE. Creating the compilation is the same for both generators; for the warm runs it
/// is measured on its own by <see cref="EditOnly"/>.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GeneratorBenchmarks
{
    private Subject _clusterReady = null!;
    private Subject _loggerMessage = null!;

    [GlobalSetup]
    public void Setup()
    {
        _clusterReady = new Subject(GeneratorSubject.ClusterReady);
        _loggerMessage = new Subject(GeneratorSubject.LoggerMessage);
    }

    [Benchmark(Description = "ClusterReady, cold")]
    [BenchmarkCategory("Cold")]
    public GeneratorDriver ClusterReadyCold() => _clusterReady.Cold();

    [Benchmark(Baseline = true, Description = "LoggerMessage, cold")]
    [BenchmarkCategory("Cold")]
    public GeneratorDriver LoggerMessageCold() => _loggerMessage.Cold();

    [Benchmark(Description = "ClusterReady, warm after unrelated edit")]
    [BenchmarkCategory("Warm")]
    public GeneratorDriver ClusterReadyWarm() => _clusterReady.Warm();

    [Benchmark(Baseline = true, Description = "LoggerMessage, warm after unrelated edit")]
    [BenchmarkCategory("Warm")]
    public GeneratorDriver LoggerMessageWarm() => _loggerMessage.Warm();

    /// <summary>The edit alone (a new compilation with one tree replaced), the floor under both warm runs.</summary>
    [Benchmark(Description = "(edit only, no generator)")]
    [BenchmarkCategory("Warm")]
    public Compilation EditOnly() => _clusterReady.EditOnly();

    private sealed class Subject
    {
        private readonly SyntheticProject _project;
        private readonly GeneratorDriver _warmDriver;
        private readonly Compilation _compilation;
        private readonly SyntaxTree _editedTree;

        public Subject(GeneratorSubject subject)
        {
            _project = SyntheticProject.Create(subject);
            _compilation = _project.Compile();
            _editedTree = _project.UnrelatedEdit();
            _warmDriver = Generators.CreateDriver(subject).RunGenerators(_compilation);

            // A benchmark of a generator that produced nothing would measure nothing: check both runs did their job.
            EnsureGenerated(_warmDriver, subject);
            EnsureGenerated(Cold(), subject);
            EnsureGenerated(Warm(), subject);
        }

        public GeneratorDriver Cold() => Generators.CreateDriver(_project.Subject).RunGenerators(_project.Compile());

        public GeneratorDriver Warm() => _warmDriver.RunGenerators(EditOnly());

        /// <summary>Derived from the previous compilation, as the IDE and the compiler server derive it (sharing the referenced assemblies' symbols).</summary>
        public Compilation EditOnly() => _project.WithUnrelatedEdit(_compilation, _editedTree);

        private static void EnsureGenerated(GeneratorDriver driver, GeneratorSubject subject)
        {
            var result = driver.GetRunResult();
            if (result.Results.Single() is { Exception: { } exception })
            {
                throw new InvalidOperationException($"The {subject} generator failed.", exception);
            }

            if (result.GeneratedTrees.Length != 1 || result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                throw new InvalidOperationException(
                    $"The {subject} generator produced {result.GeneratedTrees.Length} files and {string.Join("; ", result.Diagnostics)}; expected one file and no errors.");
            }
        }
    }
}
