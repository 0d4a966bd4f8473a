using System.Diagnostics;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;

namespace ClusterReady.Generators.Tests;

/// <summary>
/// The attributes are compile-time only ([Conditional] in ClusterReady.Abstractions): the generator reads them from
/// source and embeds the model; the compiled app keeps neither them nor a reference to their assembly, which the package
/// therefore ships in ref/ only.
/// </summary>
public sealed class CompileTimeAttributesTests
{
    // CompileTimeOnly.Symbol, as a project would define it.
    private const string KeepSymbol = "CLUSTERREADY_KEEP_ATTRIBUTES";

    private const string Service = """
        [ClusterReady.KubernetesService("orders-api", Replicas = 3)]
        [ClusterReady.ContainerPort(8080, Name = "http")]
        [ClusterReady.Resources(CpuLimit = "1", MemoryLimit = "512Mi")]
        [ClusterReady.EnvironmentOverlay("production", Replicas = 5)]
        public partial class Program;
        """;

    [Fact]
    public void The_generator_reads_them_and_the_compiled_app_keeps_none_of_them_nor_a_reference_to_their_assembly()
    {
        var (_, output, _) = GeneratorHarness.Run(Service);

        Assert.Contains("\"orders-api\"", GeneratorHarness.DeclarationJson(output), StringComparison.Ordinal);
        var (references, programAttributes) = Read(output);
        Assert.DoesNotContain("ClusterReady.Abstractions", references);
        Assert.Empty(programAttributes);
    }

    [Fact]
    public void A_project_that_defines_the_keep_symbol_keeps_them_and_the_reference()
    {
        var (_, output, _) = GeneratorHarness.Run(Service);
        var keep = GeneratorHarness.ParseOptions.WithPreprocessorSymbols(KeepSymbol);
        var kept = output.RemoveAllSyntaxTrees().AddSyntaxTrees(
            output.SyntaxTrees.Select(tree => tree.WithRootAndOptions(tree.GetRoot(), keep)));

        var (references, programAttributes) = Read(kept);

        Assert.Contains("ClusterReady.Abstractions", references);
        Assert.Equal(["ContainerPortAttribute", "EnvironmentOverlayAttribute", "KubernetesServiceAttribute", "ResourcesAttribute"], programAttributes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_attribute_a_user_can_apply_is_compile_time_only()
    {
        var attributes = typeof(KubernetesServiceAttribute).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(Attribute)) && !t.IsAbstract)
            .ToArray();

        Assert.True(attributes.Length >= 20, $"found only {attributes.Length} attributes");
        Assert.All(attributes, t => Assert.Contains(
            t.GetCustomAttributes<ConditionalAttribute>(inherit: false), c => c.ConditionString == KeepSymbol));
    }

    /// <summary>The emitted assembly's references by name, and the type names of the attributes on its Program class.</summary>
    private static (string[] References, string[] ProgramAttributes) Read(Compilation compilation)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        image.Position = 0;
        using var pe = new PEReader(image);
        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToArray();
        var program = reader.TypeDefinitions.Select(reader.GetTypeDefinition).Single(t => reader.GetString(t.Name) == "Program");
        var attributes = program.GetCustomAttributes().Select(h => AttributeTypeName(reader, reader.GetCustomAttribute(h))).ToArray();
        return (references, attributes);
    }

    private static string AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
    {
        var constructor = attribute.Constructor;
        var type = constructor.Kind == HandleKind.MemberReference
            ? reader.GetMemberReference((MemberReferenceHandle)constructor).Parent
            : reader.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType();
        return type.Kind == HandleKind.TypeReference
            ? reader.GetString(reader.GetTypeReference((TypeReferenceHandle)type).Name)
            : reader.GetString(reader.GetTypeDefinition((TypeDefinitionHandle)type).Name);
    }
}
