using System.Text;
using ClusterReady.Generators.Analyzers;
using ClusterReady.Model.Rules;
using ClusterReady.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ClusterReady.Analyzers.Tests;

/// <summary>
/// The analyzers read a service class once per compilation and resolve its environments once per declaration
/// (issue 19: thirteen analyzers each read and resolved it again), and a new compilation reads it anew.
/// </summary>
public sealed class SharedDeclarationTests
{
    private const string Source = """
        [ClusterReady.KubernetesService("orders-api")]
        [ClusterReady.Resources(CpuLimit = "1", MemoryLimit = "512Mi")]
        [ClusterReady.EnvironmentOverlay("staging")]
        [ClusterReady.EnvironmentOverlay("production", MemoryLimit = "1Gi")]
        public sealed class Deployment;

        public sealed class NotAService;
        """;

    [Fact]
    public void Analyzers_of_one_compilation_share_the_service_and_another_compilation_reads_it_again()
    {
        var first = Compile(Source);
        var service = Type(first, "Deployment");
        var app = ServiceAnalysis.AppFactsOf(first);

        var read = ServiceSyntax.Shared(first, service, app, default);
        Assert.NotNull(read);
        Assert.Same(read, ServiceSyntax.Shared(first, service, app, default));
        Assert.Null(ServiceSyntax.Shared(first, Type(first, "NotAService"), app, default));

        // An edit makes a new compilation: its service is read from its own attributes, not taken from the old one.
        var edited = Compile(Source.Replace("MemoryLimit = \"1Gi\"", "MemoryLimit = \"2Gi\""));
        var again = ServiceSyntax.Shared(edited, Type(edited, "Deployment"), app, default);
        Assert.NotNull(again);
        Assert.NotSame(read, again);
        Assert.NotEqual(read.Declaration, again.Declaration);
    }

    [Fact]
    public void Environments_are_resolved_once_per_declaration_and_each_rule_context_sees_the_same()
    {
        var compilation = Compile(Source);
        var declaration = ServiceSyntax.Shared(compilation, Type(compilation, "Deployment"), ServiceAnalysis.AppFactsOf(compilation), default)!.Declaration;

        var environments = new RuleContext(declaration).Environments;
        Assert.Equal(["staging", "production"], environments.Select(e => e.Model.Name));
        Assert.Equal("1Gi", environments[1].Model.Resources?.MemoryLimit);
        Assert.Same(environments, new RuleContext(declaration).Environments);
    }

    [Fact]
    public void Only_a_class_carrying_KubernetesService_is_read_as_a_service_also_under_an_alias()
    {
        // Each analyzer asks for every type of the app; most carry no ClusterReady attribute and are answered from
        // their attributes alone. An alias is the same attribute, and another attribute beside it changes nothing.
        var compilation = Compile("""
            using Service = ClusterReady.KubernetesServiceAttribute;
            using Port = ClusterReady.ContainerPortAttribute;

            [System.Serializable, Service("orders-api")]
            public sealed class Aliased;

            [Port(8080), System.Obsolete]
            public sealed class PortOnly;

            [System.Serializable]
            public sealed class Plain;
            """);
        var app = ServiceAnalysis.AppFactsOf(compilation);

        var aliased = Type(compilation, "Aliased");
        Assert.True(ServiceSyntax.Carries(aliased, serviceOnly: true));
        Assert.Equal("orders-api", ServiceSyntax.Shared(compilation, aliased, app, default)?.Spec.Name);

        var portOnly = Type(compilation, "PortOnly");
        Assert.False(ServiceSyntax.Carries(portOnly, serviceOnly: true));
        Assert.True(ServiceSyntax.Carries(portOnly, serviceOnly: false));
        Assert.Null(ServiceSyntax.Shared(compilation, portOnly, app, default));

        var plain = Type(compilation, "Plain");
        Assert.False(ServiceSyntax.Carries(plain, serviceOnly: false));
        Assert.Null(ServiceSyntax.Shared(compilation, plain, app, default));
    }

    private static CSharpCompilation Compile(string source) => CSharpCompilation.Create(
        "Orders.Api",
        [CSharpSyntaxTree.ParseText(source, AnalyzerRunner.ParseOptions, path: "Deployment.cs", encoding: Encoding.UTF8)],
        TestReferences.Console,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static INamedTypeSymbol Type(Compilation compilation, string name) => compilation.GetTypeByMetadataName(name)!;
}
