using System.Collections.Immutable;
using System.Reflection;
using ClusterReady.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Analyzers.Tests;

/// <summary>Runs the generator and every ClusterReady analyzer over a compilation, the way the compiler does on build.</summary>
internal static class AnalyzerRunner
{
    /// <summary>All analyzers in the generator assembly, found the way the compiler finds them.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = typeof(DeploymentModelGenerator).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null && !t.IsAbstract)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(string source, bool web = false, OutputKind kind = OutputKind.DynamicallyLinkedLibrary, string assemblyName = "Orders.Api") =>
        CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Deployment.cs")],
            web ? TestReferences.Web : TestReferences.Console,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Runs the generator, then the analyzers on its output; returns every diagnostic (compiler, generator, analyzers).</summary>
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(string source, bool web = false, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
    {
        var compilation = Compile(source, web, kind);
        CSharpGeneratorDriver.Create([new DeploymentModelGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, _, _) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var analyzers = new CompilationWithAnalyzers(output, All, options);
        var diagnostics = await analyzers.GetAllDiagnosticsAsync();
        if (exceptions.Count > 0)
        {
            throw new AggregateException("An analyzer threw.", exceptions);
        }

        return generatorDiagnostics.AddRange(diagnostics);
    }
}
