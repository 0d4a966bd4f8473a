using ClusterReady.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Xunit;

namespace ClusterReady.Hosting.Tests;

public sealed class ClusterReadySettingsTests
{
    private static readonly DeploymentModel Model = new()
    {
        Ports = [new PortModel { Name = "http", Port = 8080 }, new PortModel { Name = "management", Port = 9090, Management = true }],
        Liveness = new ProbeModel { Path = "/alive", Port = "management" },
        Readiness = new ProbeModel { Path = "/ready", Port = "management", TimeoutSeconds = 3 },
        Startup = new ProbeModel { Path = "/started" },
        Shutdown = new ShutdownModel { DrainDelaySeconds = 7, ShutdownTimeoutSeconds = 11 },
        SecretVolumes = [new SecretVolumeModel("db", "/var/run/secrets/db"), new SecretVolumeModel("tls", "/tls") { AsConfiguration = false }],
    };

    [Fact]
    public void Without_a_model_uses_the_documented_defaults()
    {
        var web = Resolve(null, servesHttp: true);

        Assert.Equal(["/healthz/live", "/healthz/ready", "/healthz/startup"], web.Endpoints.Select(e => e.Path));
        Assert.All(web.Endpoints, e => Assert.Null(e.Port));
        Assert.Null(web.ManagementPort);
        Assert.Empty(web.ListenerPorts);
        Assert.Equal(TimeSpan.FromSeconds(5), web.DrainDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), web.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(0.8), web.HealthCheckTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), web.HealthCheckCacheDuration);
        Assert.False(web.IncludeDetails);

        var worker = Resolve(null, servesHttp: false);
        Assert.Equal(8081, worker.ManagementPort);
        Assert.Equal([8081], worker.ListenerPorts);
        Assert.All(worker.Endpoints, e => Assert.Equal(8081, e.Port));
    }

    [Fact]
    public void Takes_paths_ports_timings_and_secrets_from_the_model()
    {
        var settings = Resolve(Model, servesHttp: true);

        Assert.Equal(["/alive", "/ready", "/started"], settings.Endpoints.Select(e => e.Path));
        Assert.Equal(9090, settings.ManagementPort);
        Assert.All(settings.Endpoints, e => Assert.Equal(9090, e.Port));
        Assert.Equal(TimeSpan.FromSeconds(7), settings.DrainDelay);
        Assert.Equal(TimeSpan.FromSeconds(11), settings.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2.4), settings.HealthCheckTimeout);
        Assert.Equal(["/var/run/secrets/db"], settings.SecretDirectories);
    }

    [Fact]
    public void A_probe_aimed_at_an_app_port_answers_there()
    {
        var model = Model with { Readiness = new ProbeModel { Path = "/ready", Port = "http" } };

        var web = Resolve(model, servesHttp: true);
        Assert.Null(web.Readiness.Port);
        Assert.Equal(9090, web.Liveness.Port);

        var worker = Resolve(model, servesHttp: false);
        Assert.Equal(8080, worker.Readiness.Port);
        Assert.Equal([9090, 8080], worker.ListenerPorts);
    }

    [Fact]
    public void Configuration_overrides_the_model_and_code_overrides_configuration()
    {
        var configuration = new Dictionary<string, string?>
        {
            ["ClusterReady:ReadinessPath"] = "/from-config",
            ["ClusterReady:LivenessPath"] = "/live-from-config",
            ["ClusterReady:ManagementPort"] = "9999",
            ["ClusterReady:DrainDelay"] = "00:00:03",
            ["ClusterReady:IncludeDetails"] = "true",
            ["ClusterReady:SecretDirectories:0"] = "/extra",
        };

        var settings = Resolve(Model, servesHttp: true, configuration, o => o.LivenessPath = "/live-from-code");

        Assert.Equal("/from-config", settings.Readiness.Path);
        Assert.Equal("/live-from-code", settings.Liveness.Path);
        Assert.Equal(9999, settings.ManagementPort);
        Assert.Equal(9999, settings.Readiness.Port);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.DrainDelay);
        Assert.Equal(TimeSpan.FromSeconds(11), settings.ShutdownTimeout);
        Assert.True(settings.IncludeDetails);
        Assert.Equal(["/var/run/secrets/db", "/extra"], settings.SecretDirectories);
    }

    [Theory]
    [InlineData("LivenessPath", "healthz")]
    [InlineData("ReadinessPath", "/a b")]
    [InlineData("StartupPath", "/healthz/live")]
    [InlineData("ManagementPort", "70000")]
    [InlineData("ShutdownTimeout", "00:00:00")]
    [InlineData("DrainDelay", "-00:00:01")]
    [InlineData("HealthCheckTimeout", "00:00:00")]
    public void Refuses_invalid_options(string key, string value)
    {
        var exception = Assert.Throws<OptionsValidationException>(() =>
            Resolve(null, servesHttp: true, new Dictionary<string, string?> { ["ClusterReady:" + key] = value }));
        Assert.Single(exception.Failures);
    }

    private static ClusterReadySettings Resolve(
        DeploymentModel? model,
        bool servesHttp,
        Dictionary<string, string?>? configuration = null,
        Action<ClusterReadyOptions>? configure = null) =>
        ClusterReadySettings.Resolve(
            model is null ? null : RuntimeModel.From(model),
            new ConfigurationBuilder().AddInMemoryCollection(configuration ?? []).Build(),
            configure,
            servesHttp);
}
