using System.Reflection;
using ClusterReady.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Benchmarks.Generator;

/// <summary>The generators under comparison, and drivers set up the way the compiler runs them.</summary>
internal static class Generators
{
    /// <summary>Where the build found the LoggerMessage generator (see the project file).</summary>
    private const string LoggerMessagePathKey = "LoggerMessageGeneratorPath";

    private static readonly Lazy<IIncrementalGenerator> LoggerMessage = new(LoadLoggerMessageGenerator);

    public static IIncrementalGenerator For(GeneratorSubject subject) =>
        subject == GeneratorSubject.ClusterReady ? new DeploymentModelGenerator() : LoggerMessage.Value;

    /// <summary>A driver with nothing cached yet. Step tracking costs time, so it is on only when asked for.</summary>
    public static GeneratorDriver CreateDriver(GeneratorSubject subject, bool trackSteps = false) => CSharpGeneratorDriver.Create(
        [For(subject).AsSourceGenerator()],
        parseOptions: SyntheticProject.ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>
    /// The BCL's LoggerMessage generator: the file the SDK gives the compiler for this project, from the ASP.NET Core
    /// targeting pack's analyzers folder (built against Roslyn 4.4, so it loads next to any newer Roslyn).
    /// </summary>
    public static string LoggerMessageGeneratorPath() =>
        typeof(Generators).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key == LoggerMessagePathKey && File.Exists(a.Value))
            .Select(a => a.Value!)
            .FirstOrDefault()
        ?? throw new InvalidOperationException($"The assembly names no existing LoggerMessage generator ('{LoggerMessagePathKey}' metadata); build it with its project file.");

    private static IIncrementalGenerator LoadLoggerMessageGenerator()
    {
        var reference = new AnalyzerFileReference(LoggerMessageGeneratorPath(), new AssemblyLoader());
        var type = reference.GetGenerators(LanguageNames.CSharp).Select(g => g.GetGeneratorType())
            .SingleOrDefault(t => t.Name == "LoggerMessageGenerator" && typeof(IIncrementalGenerator).IsAssignableFrom(t))
            ?? throw new InvalidOperationException($"No incremental LoggerMessageGenerator in {reference.FullPath}.");
        return (IIncrementalGenerator)Activator.CreateInstance(type)!;
    }

    /// <summary>Loads analyzer assemblies into the default context, next to the Roslyn this process already uses.</summary>
    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
