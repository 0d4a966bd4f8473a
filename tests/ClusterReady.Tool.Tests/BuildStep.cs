using System.Text;
using ClusterReady.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ClusterReady.Tool.Tests;

/// <summary>
/// Runs the build step as ClusterReady's MSBuild targets do, in process: the app compiled with the real generator (which
/// embeds the declaration), written to disk, then <see cref="DeployCommand"/> on the assembly file.
/// </summary>
internal sealed class BuildStep : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "clusterready-tool-tests", Guid.NewGuid().ToString("N"));

    public BuildStep() => Directory.CreateDirectory(_folder);

    /// <summary>Where the build step writes the deploy artifacts.</summary>
    public string DeployFolder => Path.Combine(_folder, "deploy");

    /// <summary>Compiles <paramref name="source"/> as the assembly Orders.Api and runs the build step on it.</summary>
    /// <param name="source">The app's source.</param>
    /// <param name="options">More options of the build step, e.g. <c>--compose false</c>.</param>
    public (int ExitCode, string Output, string Errors) Run(string source, params string[] options)
    {
        var assembly = Compile("Orders.Api", source);
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = DeployCommand.Run(
            ["--assembly", assembly, "--output", DeployFolder, "--assembly-name", "Orders.Api", "--version", "1.0.0",
             "--target-framework", "net10.0", "--web", "false", .. options],
            output,
            errors);
        return (exitCode, output.ToString(), errors.ToString());
    }

    /// <summary>The folder the step's files go in (for several services: one subfolder each).</summary>
    public string Folder => _folder;

    /// <summary>Compiles <paramref name="source"/> with the generator as <paramref name="assemblyName"/>; returns the file.</summary>
    public string Compile(string assemblyName, string source)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "Deployment.cs", encoding: Encoding.UTF8)],
            TestReferences.Console,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create([new DeploymentModelGenerator().AsSourceGenerator()], parseOptions: new CSharpParseOptions(LanguageVersion.Latest))
            .RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out _);

        var assembly = Path.Combine(_folder, assemblyName + ".dll");
        using (var file = File.Create(assembly))
        {
            var emitted = withGenerated.Emit(file);
            Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        }

        return assembly;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow file system: the temporary folder is left behind.
        }
    }
}
