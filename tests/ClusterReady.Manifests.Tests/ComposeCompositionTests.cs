using ClusterReady.Manifests;
using ClusterReady.Model;
using YamlDotNet.RepresentationModel;

namespace ClusterReady.Manifests.Tests;

/// <summary>
/// The Compose files of a composition (<see cref="ComposeComposition"/>): every service in one file, each built from its
/// publish folder and started after its dependencies are healthy; valid against the Compose specification's schema.
/// </summary>
public sealed class ComposeCompositionTests
{
    private static string Script => Path.Combine(Repository.Root, "tests", "schema", "validate-compose.js");

    /// <summary>orders-api needs catalog-api (it has a readiness probe) and inventory-worker (it has none).</summary>
    private static IReadOnlyList<ComposedService> Shop =>
    [
        new(Depending(TestCases.WebApi, "catalog-api", "inventory-worker"), "OrdersApi"),
        new(TestCases.WebDefaults, "CatalogApi"),
        new(TestCases.MinimalWorker, "InventoryWorker"),
    ];

    [Fact]
    public void Each_service_starts_after_its_dependencies_are_healthy_or_started_when_they_have_no_healthcheck()
    {
        var compose = File(Create(Shop), "compose.yaml");

        Assert.Contains("""
                services:
                  orders-api:
                    image: registry.example.com/shop/orders-api:1.4.2
                    build:
                      context: ./OrdersApi
                      dockerfile: deploy/Dockerfile
                    restart: unless-stopped
                    depends_on:
                      catalog-api:
                        condition: service_healthy
                      inventory-worker:
                        condition: service_started
                    ports:
                """, compose, StringComparison.Ordinal);
        Assert.Contains("""
                  catalog-api:
                    image: catalog-api:0.3.0
                    build:
                      context: ./CatalogApi
                      dockerfile: deploy/Dockerfile
                    restart: unless-stopped
                    ports:
                """, compose, StringComparison.Ordinal);
        Assert.Contains("  inventory-worker:\n    image: inventory-worker:2.0.0\n    build:\n      context: ./InventoryWorker\n", compose, StringComparison.Ordinal);
        Assert.Equal(1, compose.Split("depends_on:").Length - 1);
    }

    [Fact]
    public void Secrets_and_configmaps_come_from_the_composition_folder_and_appsettings_from_each_service_deploy_folder()
    {
        var files = Create(Shop);

        var compose = File(files, "compose.yaml");
        Assert.Contains("      source: ./configmaps/orders-rules\n", compose, StringComparison.Ordinal);
        Assert.EndsWith("secrets:\n  orders-signing-key:\n    file: ./secrets/orders-signing-key\n", compose, StringComparison.Ordinal);
        Assert.Contains(files, f => f.RelativePath == "secrets/.gitignore");

        var staging = File(files, "compose.staging.yaml");
        Assert.Contains("      source: ./OrdersApi/deploy/compose/appsettings.Staging.json\n", staging, StringComparison.Ordinal);
        Assert.Contains("      source: ./CatalogApi/deploy/compose/appsettings.Staging.json\n", staging, StringComparison.Ordinal);
        Assert.Contains("  inventory-worker:\n    environment:\n      DOTNET_ENVIRONMENT: Staging\n", staging, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_alone_runs_without_its_dependencies()
    {
        // Its own deploy/compose.yaml runs it alone: a depends_on there would name a service the file does not have.
        var result = DeployArtifacts.Create(Depending(TestCases.WebApi, "inventory-worker"));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.DoesNotContain("depends_on", result.Files.Single(f => f.RelativePath == "compose.yaml").Content, StringComparison.Ordinal);
    }

    [Fact]
    public void The_files_are_the_same_for_the_same_services()
    {
        Assert.Equal(Create(Shop), Create(Shop));
    }

    [Fact]
    public void The_files_are_the_compose_file_one_override_per_environment_and_the_secrets_ignore_file_in_ordinal_order()
    {
        var files = Create(Shop);

        Assert.Equal(["compose.production.yaml", "compose.staging.yaml", "compose.yaml", "secrets/.gitignore"], files.Select(f => f.RelativePath));
        Assert.Equal(File(TestCases.CreateFiles("web-api"), "secrets/.gitignore"), File(files, "secrets/.gitignore"));
    }

    [Fact]
    public void Without_a_secret_volume_in_any_service_there_is_no_secrets_ignore_file()
    {
        var files = Create([new(TestCases.WebDefaults, "CatalogApi"), new(TestCases.MinimalWorker, "InventoryWorker")]);

        Assert.Equal(["compose.production.yaml", "compose.staging.yaml", "compose.yaml"], files.Select(f => f.RelativePath));
    }

    [Fact]
    public void Each_environment_s_override_file_holds_the_services_that_declare_it_in_the_composition_s_order()
    {
        var qaWorker = TestCases.MinimalWorker with { Model = TestCases.MinimalWorker.Model with { Overlays = [new EnvironmentOverlayModel("qa")] } };
        var billing = TestCases.MinimalWorker with { AssemblyName = "Billing.Worker" };

        var files = Create([new(billing, "BillingWorker"), new(qaWorker, "InventoryWorker"), new(TestCases.WebDefaults, "CatalogApi")]);

        Assert.Equal(["compose.production.yaml", "compose.qa.yaml", "compose.staging.yaml", "compose.yaml"], files.Select(f => f.RelativePath));
        Assert.Equal("services:\n  inventory-worker:\n    environment:\n      DOTNET_ENVIRONMENT: Qa\n", File(files, "compose.qa.yaml"));
        Assert.Equal(["billing-worker", "catalog-api"], Services(File(files, "compose.staging.yaml")));
        Assert.Equal(["billing-worker", "catalog-api"], Services(File(files, "compose.production.yaml")));
        Assert.Equal(["billing-worker", "inventory-worker", "catalog-api"], Services(File(files, "compose.yaml")));
    }

    [Fact]
    public void The_errors_of_invalid_services_name_each_service_s_publish_folder_and_no_file_is_written()
    {
        var oldFramework = TestCases.WebDefaults with { TargetFramework = "net7.0" };
        var noAssemblyName = TestCases.MinimalWorker with { AssemblyName = "" };

        var result = ComposeComposition.Create([new(TestCases.WebApi, "OrdersApi"), new(oldFramework, "CatalogApi"), new(noAssemblyName, "Workers/Inventory")]);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Files);
        Assert.Equal(
            [
                new ArtifactError("CatalogApi: TargetFramework", Assert.Single(DeployArtifacts.Create(oldFramework).Errors).Message),
                new ArtifactError("Workers/Inventory: AssemblyName", Assert.Single(DeployArtifacts.Create(noAssemblyName).Errors).Message),
            ],
            result.Errors);
    }

    [Fact]
    public void No_list_of_services_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>("services", () => ComposeComposition.Create(null!));
    }

    [Trait("Category", "Slow")]
    [SkippableFact]
    public void The_composition_files_match_the_Compose_specification()
    {
        var node = ExternalTools.RequireSchemaValidator();
        var files = Create(Shop);
        using var folder = new TemporaryDeployFolder(files);
        var composeFiles = files.Where(f => f.RelativePath.EndsWith(".yaml", StringComparison.Ordinal)).Select(f => folder.PathOf(f.RelativePath)).ToArray();
        Assert.Equal(["compose.production.yaml", "compose.staging.yaml", "compose.yaml"], composeFiles.Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var result = ExternalProcess.Run(node, [Script, .. composeFiles], workingDirectory: Path.GetDirectoryName(Script));

        Assert.True(result.ExitCode == 0, $"Compose schema validation of the composition failed: {result}");
        Assert.Equal(composeFiles.Length, result.StandardOutput.Split('\n').Count(l => l.StartsWith("OK ", StringComparison.Ordinal)));
    }

    private static ArtifactRequest Depending(ArtifactRequest request, params string[] services) =>
        request with { Model = request.Model with { DependsOn = services } };

    private static IReadOnlyList<ArtifactFile> Create(IReadOnlyList<ComposedService> services)
    {
        var result = ComposeComposition.Create(services);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Files;
    }

    /// <summary>The names of the services of a Compose file, in the file's order: the keys under <c>services:</c>.</summary>
    private static string[] Services(string compose)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(compose));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("services")];
        return services.Children.Keys.Select(key => ((YamlScalarNode)key).Value!).ToArray();
    }

    private static string File(IReadOnlyList<ArtifactFile> files, string path) => files.Single(f => f.RelativePath == path).Content;
}
