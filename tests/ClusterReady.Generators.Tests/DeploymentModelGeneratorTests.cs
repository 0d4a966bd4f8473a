using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterReady.Generators.Parsing;
using ClusterReady.Model.Declaration;
using ClusterReady.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ClusterReady.Generators.Tests;

public sealed class DeploymentModelGeneratorTests
{
    internal const string FullServiceSource = FullService;

    private const string FullService = """
        using ClusterReady;

        namespace Orders.Api;

        [KubernetesService("orders-api", Replicas = 3, HighlyAvailable = true, Namespace = "shop")]
        [ContainerImage("registry.example.com/shop/orders-api", Tag = "1.4.2")]
        [ContainerPort(8080)]
        [ContainerPort(8081, Management = true)]
        [LivenessProbe(PeriodSeconds = 15)]
        [ReadinessProbe("/ready", Port = "http", TimeoutSeconds = 3)]
        [StartupProbe(FailureThreshold = 60)]
        [Resources(CpuRequest = "250m", CpuLimit = "1", MemoryRequest = "256Mi", MemoryLimit = "512Mi")]
        [EnvironmentVariable("Logging__LogLevel__Default", "Information \"quoted\"")]
        [SecretEnvironmentVariable("ConnectionStrings__Orders", "orders-db", "connection-string", Optional = true)]
        [SecretVolume("orders-signing-key", "/var/run/secrets/orders")]
        [ConfigMap("orders-features", MountPath = "/etc/orders/features")]
        [ConfigMap("orders-env")]
        [GracefulShutdown(DrainDelaySeconds = 10, ShutdownTimeoutSeconds = 30)]
        [Autoscaling(3, 10, CpuUtilization = 70, MemoryUtilization = 80)]
        [DisruptionBudget(MinAvailable = 2)]
        [Ingress("orders.example.com", TlsSecretName = "orders-tls", ClassName = "nginx")]
        [NetworkPolicy(AllowFromNamespaces = ["ingress-nginx"], AllowFromPodLabels = ["app=gateway"])]
        [PodSecurity(ReadOnlyRootFilesystem = false)]
        [EnvironmentOverlay("staging", Replicas = 2, ImageTag = "staging")]
        [EnvironmentOverlay("production", MinReplicas = 5, MaxReplicas = 20, MemoryLimit = "1Gi")]
        [DependsOn("inventory-worker")]
        [DependsOn("payments")]
        public sealed class Deployment;
        """;

    [Fact]
    public void Full_service_generates_the_expected_source_and_model()
    {
        var (source, output, _) = GeneratorHarness.Run(FullService);

        Assert.NotNull(source);
        Snapshot.Match(source!, "FullService.g.cs.txt");
        Snapshot.Match(ResolvedModel(output), "FullService.model.json");
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Bare_worker_gets_defaults_for_name_port_probes_and_shutdown()
    {
        var (_, output, _) = GeneratorHarness.Run("[ClusterReady.KubernetesService] public partial class Program;");

        var model = DeploymentModelJson.Parse(GeneratorHarness.DeclarationJson(output)!);
        Assert.Equal("orders-api", model.Name);
        Assert.Equal(1, model.Replicas);
        var port = Assert.Single(model.Ports);
        Assert.Equal(("management", 8081, true), (port.Name, port.Port, port.Management));
        Assert.Equal(("/healthz/live", "management"), (model.Liveness!.Path, model.Liveness.Port));
        Assert.Equal("/healthz/ready", model.Readiness!.Path);
        Assert.Equal("/healthz/startup", model.Startup!.Path);
        Assert.Equal(30, model.Shutdown.TerminationGracePeriodSeconds);
        Assert.True(model.Security.RunAsNonRoot);
        Snapshot.Match(ResolvedModel(output), "BareWorker.model.json");
    }

    [Fact]
    public void Web_app_defaults_to_an_http_port_8080()
    {
        var web = "namespace Microsoft.AspNetCore.Builder { public sealed class WebApplication; }";
        var (_, output, _) = GeneratorHarness.Run("[ClusterReady.KubernetesService] public partial class Program;", web);

        var model = DeploymentModelJson.Parse(GeneratorHarness.DeclarationJson(output)!);
        var port = Assert.Single(model.Ports);
        Assert.Equal(("http", 8080, false), (port.Name, port.Port, port.Management));
        Assert.Equal("http", model.Readiness!.Port);
    }

    [Fact]
    public void The_declaration_resolves_through_the_strict_contract()
    {
        var (_, output, _) = GeneratorHarness.Run(FullService);
        var json = GeneratorHarness.DeclarationJson(output)!;

        // Parse rejects unknown members: a field the generator writes but the contract lacks fails here.
        var model = DeploymentModelJson.Parse(json);

        Assert.Equal("orders-api", model.Name);
        Assert.Equal("shop", model.Namespace);
        Assert.Equal(["http", "management"], model.Ports.Select(p => p.Name));
        Assert.Equal("Information \"quoted\"", model.Environment.Single().Value);
        Assert.Equal(45, model.Shutdown.TerminationGracePeriodSeconds);
        Assert.Equal("2", model.DisruptionBudget!.MinAvailable);
        Assert.Equal(["ingress-nginx"], model.NetworkPolicy!.AllowFromNamespaces);
        Assert.False(model.Security.ReadOnlyRootFilesystem);
        Assert.Equal(["staging", "production"], model.Overlays.Select(o => o.Name));
        Assert.Equal("1Gi", model.Overlays[1].Resources!.MemoryLimit);
        Assert.Equal(["inventory-worker", "payments"], model.DependsOn);
    }

    [Fact]
    public void No_service_attribute_generates_nothing()
    {
        var (source, _, _) = GeneratorHarness.Run("[ClusterReady.ContainerPort(8080)] public class NotAService;");
        Assert.Null(source);
    }

    [Fact]
    public void Two_service_classes_pick_the_first_by_name_whatever_the_order()
    {
        var a = "[ClusterReady.KubernetesService(\"alpha\")] public class A;";
        var b = "[ClusterReady.KubernetesService(\"beta\")] public class B;";

        var (_, first, _) = GeneratorHarness.Run(b, a);
        var (_, second, _) = GeneratorHarness.Run(a, b);

        Assert.Equal("alpha", DeploymentModelJson.Parse(GeneratorHarness.DeclarationJson(first)!).Name);
        Assert.Equal(GeneratorHarness.DeclarationJson(first), GeneratorHarness.DeclarationJson(second));
    }

    [Theory]
    [InlineData("[ClusterReady.KubernetesService(42)] public class S;")]
    [InlineData("[ClusterReady.KubernetesService(Replicas = \"three\")] public class S;")]
    [InlineData("[ClusterReady.KubernetesService, ClusterReady.ContainerPort] public class S;")]
    [InlineData("[ClusterReady.KubernetesService, ClusterReady.ContainerPort(Undefined.Value)] public class S;")]
    [InlineData("[ClusterReady.KubernetesService, ClusterReady.Resources(CpuRequest = null)] public class S;")]
    [InlineData("[ClusterReady.KubernetesService, ClusterReady.EnvironmentVariable(null, null)] public class S;")]
    [InlineData("[ClusterReady.KubernetesService, ClusterReady.NetworkPolicy(AllowFromPodLabels = null)] public class S;")]
    [InlineData("[ClusterReady.KubernetesService, ClusterReady.Autoscaling(1)] public class S;")]
    [InlineData("[ClusterReady.KubernetesService] public class")]
    public void Malformed_attributes_never_throw_and_still_produce_a_readable_model(string source)
    {
        var (_, output, diagnostics) = GeneratorHarness.Run(source);

        Assert.DoesNotContain(diagnostics, d => d.Id is "CS8785" or "AD0001");
        if (GeneratorHarness.DeclarationJson(output) is { } json)
        {
            Assert.NotNull(DeploymentModelJson.Parse(json));
        }
    }

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.Compile(FullService, "public static class Helpers { public static int One() => 1; }");
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("public static class Helpers { public static int Two() => 2; }", GeneratorHarness.ParseOptions));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var tracked = result.TrackedSteps.Where(s => typeof(TrackingNames).GetField(s.Key) is not null).ToList();
        Assert.Equal(
            [TrackingNames.AppFacts, TrackingNames.DeclarationJson, TrackingNames.Declarations, TrackingNames.RuntimeMetadata, TrackingNames.Service],
            tracked.Select(s => s.Key).Order());
        foreach (var (name, steps) in tracked)
        {
            foreach (var output in steps.SelectMany(s => s.Outputs))
            {
                Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"step {name} was {output.Reason}");
            }
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void An_edit_to_an_attribute_changes_the_model()
    {
        var compilation = GeneratorHarness.Compile(FullService);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(FullService.Replace("Replicas = 3", "Replicas = 4"), GeneratorHarness.ParseOptions));

        driver = driver.RunGeneratorsAndUpdateCompilation(edited, out var output, out _);
        var result = driver.GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.DeclarationJson].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(4, DeploymentModelJson.Parse(GeneratorHarness.DeclarationJson(output)!).Replicas);
    }

    [Fact]
    public void The_model_graph_holds_no_roslyn_symbol_syntax_or_location()
    {
        var compilation = GeneratorHarness.Compile(FullService);
        var type = compilation.GetTypeByMetadataName("Orders.Api.Deployment")!;

        var declaration = DeclarationReader.Read(type, new AppFacts(IsWebApp: false, "Orders.Api"), CancellationToken.None);
        var spec = declaration.Spec;

        var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(AttributeData) };
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var count = Walk(declaration, visited, forbidden) + Walk(spec, visited, forbidden);
        Assert.True(count > 20, $"walked only {count} objects: the walker is not reaching the model");

        // The step outputs that flow between pipeline stages too.
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var ours = driver.GetRunResult().Results.Single().TrackedSteps.Where(s => typeof(TrackingNames).GetField(s.Key) is not null);
        foreach (var step in ours.SelectMany(s => s.Value))
        {
            foreach (var (value, _) in step.Outputs)
            {
                Walk(value, visited, forbidden);
            }
        }
    }

    private static int Walk(object? value, HashSet<object> visited, Type[] forbidden)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return 1;
        }

        var type = value.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>)
            && (bool)type.GetProperty("IsDefault")!.GetValue(value)!)
        {
            return 1;
        }

        Assert.False(forbidden.Any(f => f.IsAssignableFrom(type)), $"the model holds a {type.FullName}");
        if (!type.IsValueType && !visited.Add(value))
        {
            return 0;
        }

        var count = 1;
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                count += Walk(item, visited, forbidden);
            }
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            count += Walk(field.GetValue(value), visited, forbidden);
        }

        return count;
    }

    /// <summary>The model the build step resolves from the embedded declaration, as indented JSON for a snapshot.</summary>
    private static string ResolvedModel(Compilation output) =>
        JsonSerializer.Serialize(DeploymentModelJson.Parse(GeneratorHarness.DeclarationJson(output)!), SnapshotJson).Replace("\r\n", "\n") + "\n";

    private static readonly JsonSerializerOptions SnapshotJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };
}

public sealed class DeploymentModelContractTests
{
    [Fact]
    public void A_declaration_with_only_the_service_attribute_resolves_to_the_documented_defaults()
    {
        var json = """{"schemaVersion":1,"typeName":"Program","webApp":false,"assemblyName":"Inventory.Worker","attributes":[{"name":"ClusterReady.KubernetesServiceAttribute","arguments":[]}]}""";

        var model = DeploymentModelJson.Parse(json);

        Assert.Equal("inventory-worker", model.Name);
        Assert.Equal(1, model.Replicas);
        Assert.Equal(("management", 8081, true), (model.Ports.Single().Name, model.Ports.Single().Port, model.Ports.Single().Management));
        Assert.Equal((5, 20, 5), (model.Shutdown.DrainDelaySeconds, model.Shutdown.ShutdownTimeoutSeconds, model.Shutdown.MarginSeconds));
        Assert.Equal((5, 2, 3), (model.Readiness!.PeriodSeconds, model.Readiness.TimeoutSeconds, model.Readiness.FailureThreshold));
        Assert.True(model.Security.RunAsNonRoot);
        Assert.Equal(1654, model.Security.RunAsUser);
    }

    [Theory]
    [InlineData("""{"schemaVersion":1,"replicaz":3}""", "'replicaz'")]
    [InlineData("""{"schemaVersion":2,"attributes":[]}""", "schema version 2")]
    [InlineData("""{"attributes":[]}""", "schema version (none)")]
    [InlineData("""{"schemaVersion":1,"attributes":{}}""", "'attributes' is not an array")]
    [InlineData("""[]""", "not an object")]
    public void Unknown_members_wrong_kinds_and_other_versions_are_rejected_with_what_is_wrong(string json, string expected)
    {
        var error = Assert.Throws<JsonException>(() => DeploymentModelJson.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_declaration_reads_back_exactly_as_the_generator_wrote_it()
    {
        var compilation = GeneratorHarness.Compile(DeploymentModelGeneratorTests.FullServiceSource);
        var type = compilation.GetTypeByMetadataName("Orders.Api.Deployment")!;
        var declaration = DeclarationReader.Read(type, new AppFacts(IsWebApp: true, "Orders.Api"), CancellationToken.None);

        var again = ClusterReady.Model.Contract.DeclarationJson.Read(ClusterReady.Model.Contract.DeclarationJson.Write(declaration));

        Assert.Equal(declaration, again);
        Assert.Equal(ClusterReady.Model.Contract.DeclarationJson.Write(declaration), ClusterReady.Model.Contract.DeclarationJson.Write(again));
    }
}

/// <summary>The contract's own JSON parser (the build tool and the runtime read it without System.Text.Json) against the standard.</summary>
public sealed class DeploymentModelJsonTextTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" backslash \\ slash / tab \t newline \n return \r")]
    [InlineData("bell \u0007 nul \u0000 delete \u007f")]
    [InlineData("non-ASCII: é ß 漢字 and a pair: 😀")]
    [InlineData("<script>&'")]
    public void Strings_read_back_as_System_Text_Json_writes_them(string value)
    {
        // The standard serializer escapes control characters, non-ASCII and HTML-sensitive characters as \uXXXX.
        var json = $$"""{"name":{{System.Text.Json.JsonSerializer.Serialize(value)}},"namespace":{{System.Text.Json.JsonSerializer.Serialize(value, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })}}}""";

        var members = ClusterReady.Model.ModelJsonNode.Parse(json).Members;

        Assert.Equal(value, members[0].Value.String);
        Assert.Equal(value, members[1].Value.String);
    }

    [Theory]
    [InlineData(" {\n\t\"replicas\" : 3 ,\r\n \"ports\" : [ ] } \n", 3)]
    [InlineData("""{"replicas":-0}""", 0)]
    [InlineData("""{"replicas":2147483647}""", int.MaxValue)]
    public void White_space_and_numbers_follow_the_grammar(string json, int replicas)
    {
        Assert.True(ClusterReady.Model.ModelJsonNode.Parse(json).Members[0].Value.TryGetInt32(out var value));
        Assert.Equal(replicas, value);
    }

    [Theory]
    [InlineData("", "offset 0")]
    [InlineData("{", "offset 1")]
    [InlineData("""{"name":}""", "offset 8")]
    [InlineData("""{"name":"x",}""", "offset 12")]
    [InlineData("""{"ports":[{},]}""", "offset 13")]
    [InlineData("""{"name":"x"} {}""", "text after the JSON value")]
    [InlineData("""{"replicas":01}""", "offset 13")]
    [InlineData("""{"replicas":+1}""", "offset 12")]
    [InlineData("""{"replicas":1.}""", "decimal point")]
    [InlineData("""{"replicas":1e}""", "exponent")]
    [InlineData("""{"name":"\x"}""", "unknown escape")]
    [InlineData("""{"name":"\u12"}""", "four hex digits")]
    [InlineData("{\"name\":\"tab\tinside\"}", "control character")]
    [InlineData("""{"name":"open""", "closing quote")]
    [InlineData("""{"highlyAvailable":tru}""", "offset 19")]
    [InlineData("""{name:"x"}""", "member name")]
    public void Text_that_is_not_JSON_is_a_JsonException_with_its_offset(string json, string expected)
    {
        var error = Assert.Throws<System.Text.Json.JsonException>(() => ClusterReady.Model.DeploymentModelJson.Parse(json));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        // The standard parser rejects the same texts.
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(json));
    }

    [Fact]
    public void Nesting_is_bounded()
    {
        var json = """{"overlays":""" + new string('[', 200) + new string(']', 200) + "}";

        var error = Assert.Throws<System.Text.Json.JsonException>(() => ClusterReady.Model.DeploymentModelJson.Parse(json));

        Assert.Contains("nesting deeper than", error.Message, StringComparison.Ordinal);
    }
}
