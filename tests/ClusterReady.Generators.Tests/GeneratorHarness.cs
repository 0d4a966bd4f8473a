using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ClusterReady.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ClusterReady.Generators.Tests;

/// <summary>Compiles C# source against the real ClusterReady attributes and runs the real generator over it.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return paths
            .Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(KubernetesServiceAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "Orders.Api",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
        References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        [new DeploymentModelGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the generated source (or null) and the compilation with it.</summary>
    public static (string? Source, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(params string[] sources)
    {
        var compilation = Compile(sources);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult();
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        var source = result.GeneratedTrees.SingleOrDefault()?.GetText().ToString();
        return (source, output, diagnostics);
    }

    /// <summary>The declaration JSON (the contract) embedded by the generated source, read back from the compiled assembly's attribute.</summary>
    public static string? DeclarationJson(Compilation output)
    {
        foreach (var attribute in output.Assembly.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "AssemblyMetadataAttribute"
                && attribute.ConstructorArguments is [{ Value: "ClusterReady.Declaration" }, { Value: string json }])
            {
                return json;
            }
        }

        return null;
    }

    public static string SnapshotPath(string name, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Snapshots", name);
}
