using System.Reflection;
using System.Runtime.Loader;
using ClusterReady.Hosting;
using ClusterReady.Model;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.Configuration;

namespace ClusterReady.Generators.Tests;

/// <summary>
/// The runtime reads the generated <c>ClusterReady.Runtime.*</c> metadata instead of parsing the model JSON at
/// start-up; both come from one resolved model and must give the runtime the same settings.
/// </summary>
public sealed class RuntimeMetadataTests
{
    private const string WebApplication = "namespace Microsoft.AspNetCore.Builder { public sealed class WebApplication; }";

    public static TheoryData<string, bool> Services => new()
    {
        { DeploymentModelGeneratorTests.FullServiceSource, true },
        { "[ClusterReady.KubernetesService] public partial class Program;", false },
        { "[ClusterReady.KubernetesService] public partial class Program;", true },
        {
            """
            using ClusterReady;
            [KubernetesService("jobs")]
            [ContainerPort(9000)]
            [ContainerPort(9001, Name = "metrics")]
            [ContainerPort(9100, Name = "admin", Management = true)]
            [LivenessProbe("/alive", Port = "metrics")]
            [ReadinessProbe(Port = "admin", TimeoutSeconds = 5)]
            [StartupProbe(Port = "nowhere")]
            [SecretVolume("first", "/etc/first", AsConfiguration = true)]
            [SecretVolume("skipped", "/etc/skipped", AsConfiguration = false)]
            [SecretVolume("second", "/etc/second", AsConfiguration = true)]
            [GracefulShutdown(DrainDelaySeconds = 0)]
            public sealed class Deployment;
            """,
            false
        },
        {
            """
            using ClusterReady;
            [KubernetesService("api")]
            [ContainerPort(5000, Name = "web")]
            [LivenessProbe("/live", Port = "web")]
            [ReadinessProbe("/ready")]
            public sealed class Deployment;
            """,
            true
        },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public void The_runtime_metadata_gives_the_settings_the_model_json_gives(string source, bool webApp)
    {
        var (_, output, _) = webApp ? GeneratorHarness.Run(source, WebApplication) : GeneratorHarness.Run(source);
        var assembly = Load(output);
        Assert.Contains(assembly.GetCustomAttributes<AssemblyMetadataAttribute>(), m => m.Key == RuntimeModel.MetadataPrefix + "LivenessPath");

        var fromMetadata = RuntimeModel.FromAssembly(assembly)!;
        var fromJson = RuntimeModel.FromDeclarationJson(GeneratorHarness.DeclarationJson(output)!);

        Assert.Equal(Describe(fromJson), Describe(fromMetadata));
        foreach (var servesHttp in new[] { true, false })
        {
            Assert.Equal(Describe(Resolve(fromJson, servesHttp)), Describe(Resolve(fromMetadata, servesHttp)));
        }
    }

    [Fact]
    public void The_full_service_gets_its_declared_values()
    {
        var (_, output, _) = GeneratorHarness.Run(DeploymentModelGeneratorTests.FullServiceSource, WebApplication);

        var model = RuntimeModel.FromAssembly(Load(output))!;

        Assert.Equal(("/healthz/live", "/ready", "/healthz/startup"), (model.LivenessPath, model.ReadinessPath, model.StartupPath));
        // Readiness targets the app port "http"; the other probes default to the management port.
        Assert.Equal((8081, null, 8080, null), (model.ManagementPort, model.LivenessAppPort, model.ReadinessAppPort, model.StartupAppPort));
        Assert.Equal((10, 30, 3), (model.DrainDelaySeconds, model.ShutdownTimeoutSeconds, model.ReadinessTimeoutSeconds));
        // The grace period the manifest writes, for the runtime to hold its options to.
        Assert.Equal((5, 45), (model.MarginSeconds, model.TerminationGracePeriodSeconds));
        // [StartupProbe(FailureThreshold = 60)] at the default 3 s period: 180 s, less one period for the warm-up.
        Assert.Equal((177, 180, 177), (model.WarmupTimeoutSeconds, model.StartupBudgetSeconds, model.MaximumWarmupSeconds));
        Assert.Equal(["/var/run/secrets/orders"], model.SecretDirectories);
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_an_error_naming_the_key()
    {
        // A bare worker has no app port, so the generator writes no StartupAppPort: this one is the only one.
        var (_, output, _) = GeneratorHarness.Run(
            "[ClusterReady.KubernetesService] public partial class Program;",
            """[assembly: System.Reflection.AssemblyMetadata("ClusterReady.Runtime.StartupAppPort", "soon")]""");

        var exception = Assert.Throws<InvalidOperationException>(() => RuntimeModel.FromAssembly(Load(output)));

        Assert.Contains("'ClusterReady.Runtime.StartupAppPort' is 'soon'", exception.Message);
    }

    [Fact]
    public void A_key_declared_twice_is_an_error_naming_it()
    {
        var (_, output, _) = GeneratorHarness.Run(
            "[ClusterReady.KubernetesService] public partial class Program;",
            """[assembly: System.Reflection.AssemblyMetadata("ClusterReady.Runtime.DrainDelaySeconds", "0")]""");

        var exception = Assert.Throws<InvalidOperationException>(() => RuntimeModel.FromAssembly(Load(output)));

        Assert.Contains("'ClusterReady.Runtime.DrainDelaySeconds' is declared more than once", exception.Message);
    }

    private static Assembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true).LoadFromStream(image);
    }

    private static ClusterReadySettings Resolve(RuntimeModel model, bool servesHttp)
    {
        var options = new ClusterReadyOptions();
        new ClusterReady.Hosting.Settings.ModelOptionsSetup(model).Configure(options);
        return ClusterReadySettings.From(options, model, servesHttp);
    }

    private static string Describe(RuntimeModel model) => string.Join(
        "; ",
        model.ServiceName,
        model.LivenessPath,
        model.ReadinessPath,
        model.StartupPath,
        model.ManagementPort,
        model.LivenessAppPort,
        model.ReadinessAppPort,
        model.StartupAppPort,
        model.DrainDelaySeconds,
        model.ShutdownTimeoutSeconds,
        model.MarginSeconds,
        model.TerminationGracePeriodSeconds,
        model.ReadinessTimeoutSeconds,
        model.WarmupTimeoutSeconds,
        model.StartupBudgetSeconds,
        model.MaximumWarmupSeconds,
        string.Join(",", model.SecretDirectories));

    private static string Describe(ClusterReadySettings settings) => string.Join(
        "; ",
        string.Join(",", settings.Endpoints.Select(e => $"{e.Kind} {e.Path} {e.Port}")),
        settings.ManagementPort,
        string.Join(",", settings.ListenerPorts),
        settings.DrainDelay,
        settings.ShutdownTimeout,
        settings.HealthCheckTimeout,
        settings.WarmupTimeout,
        string.Join(",", settings.SecretDirectories));
}
