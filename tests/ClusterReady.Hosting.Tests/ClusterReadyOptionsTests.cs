using ClusterReady.Hosting.Settings;
using ClusterReady.Hosting.Tests.Infrastructure;
using ClusterReady.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace ClusterReady.Hosting.Tests;

/// <summary>
/// ClusterReadyOptions through the host's options pattern: the model (IConfigureOptions), then configuration, then
/// the AddClusterReady delegate, validated on start against the manifest the app was built with.
/// </summary>
public sealed class ClusterReadyOptionsTests
{
    // terminationGracePeriodSeconds = 7 + 11 + 5 = 23.
    private static readonly DeploymentModel Model = new()
    {
        Name = "orders-api",
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
        using var web = new OptionsHost(null, servesHttp: true);
        var settings = web.Settings;

        Assert.Equal(["/healthz/live", "/healthz/ready", "/healthz/startup"], settings.Endpoints.Select(e => e.Path));
        Assert.All(settings.Endpoints, e => Assert.Null(e.Port));
        Assert.Null(settings.ManagementPort);
        Assert.Empty(settings.ListenerPorts);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.DrainDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(0.8), settings.HealthCheckTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.HealthCheckCacheDuration);
        Assert.False(settings.IncludeDetails);
        Assert.Equal(TimeSpan.FromSeconds(20), web.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);

        using var worker = new OptionsHost(null, servesHttp: false);
        Assert.Equal(8081, worker.Settings.ManagementPort);
        Assert.Equal([8081], worker.Settings.ListenerPorts);
        Assert.All(worker.Settings.Endpoints, e => Assert.Equal(8081, e.Port));
    }

    [Fact]
    public void Takes_paths_ports_timings_and_secrets_from_the_model_through_IConfigureOptions()
    {
        using var host = new OptionsHost(Model, servesHttp: true);

        var options = host.Services.GetRequiredService<IOptions<ClusterReadyOptions>>().Value;
        Assert.Equal(("/alive", "/ready", "/started", 9090), (options.LivenessPath, options.ReadinessPath, options.StartupPath, options.ManagementPort));
        var settings = host.Settings;
        Assert.All(settings.Endpoints, e => Assert.Equal(9090, e.Port));
        Assert.Equal(TimeSpan.FromSeconds(7), settings.DrainDelay);
        Assert.Equal(TimeSpan.FromSeconds(11), settings.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(11), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2.4), settings.HealthCheckTimeout);
        Assert.Equal(["/var/run/secrets/db"], settings.SecretDirectories);
    }

    [Fact]
    public void A_probe_aimed_at_an_app_port_answers_there()
    {
        var model = Model with { Readiness = new ProbeModel { Path = "/ready", Port = "http" } };

        using var web = new OptionsHost(model, servesHttp: true);
        Assert.Null(web.Settings.Readiness.Port);
        Assert.Equal(9090, web.Settings.Liveness.Port);

        using var worker = new OptionsHost(model, servesHttp: false);
        Assert.Equal(8080, worker.Settings.Readiness.Port);
        Assert.Equal([9090, 8080], worker.Settings.ListenerPorts);
    }

    [Fact]
    public void Configuration_overrides_the_model_and_code_overrides_configuration_while_they_fit_the_manifest()
    {
        var configuration = new Dictionary<string, string?>
        {
            ["ClusterReady:ManagementPort"] = "9999",
            ["ClusterReady:DrainDelay"] = "00:00:03",
            ["ClusterReady:ShutdownTimeout"] = "00:00:14",
            ["ClusterReady:IncludeDetails"] = "true",
            ["ClusterReady:SecretDirectories:0"] = "/extra",
        };

        using var host = new OptionsHost(Model, servesHttp: true, configuration, o => o.DrainDelay = TimeSpan.FromSeconds(4));
        var settings = host.Settings;

        // Outside a pod the management port may move (a developer runs several services on one machine).
        Assert.Equal(9999, settings.ManagementPort);
        Assert.Equal(9999, settings.Readiness.Port);
        // 4 + 14 + 5 = 23: exactly the grace period.
        Assert.Equal(TimeSpan.FromSeconds(4), settings.DrainDelay);
        Assert.Equal(TimeSpan.FromSeconds(14), settings.ShutdownTimeout);
        Assert.True(settings.IncludeDetails);
        Assert.Equal(["/var/run/secrets/db", "/extra"], settings.SecretDirectories);
    }

    [Fact]
    public void A_drain_delay_from_configuration_past_the_grace_period_is_refused_with_the_numbers()
    {
        var exception = Refused(() => new OptionsHost(Model, servesHttp: true, new() { ["ClusterReady:DrainDelay"] = "00:01:00" }));

        var failure = Assert.Single(exception.Failures);
        Assert.Equal(
            "ClusterReady:DrainDelay = 00:01:00 plus ClusterReady:ShutdownTimeout = 00:00:11 and the manifest's 5 s margin end 76 s after SIGTERM, "
            + "past terminationGracePeriodSeconds: 23 in the manifest of orders-api, so the kubelet would SIGKILL the app while it drains or "
            + "finishes its work. Keep DrainDelay + ShutdownTimeout at 18 s or less, or change [GracefulShutdown] and publish again.",
            failure);
    }

    [Fact]
    public void A_shutdown_timeout_from_the_delegate_past_the_grace_period_is_refused()
    {
        var exception = Refused(() => new OptionsHost(Model, servesHttp: false, configure: o => o.ShutdownTimeout = TimeSpan.FromSeconds(11.5)));

        Assert.Contains("ClusterReady:ShutdownTimeout = 00:00:11.5000000", Assert.Single(exception.Failures));
        Assert.Contains("end 23.5 s after SIGTERM, past terminationGracePeriodSeconds: 23", exception.Failures.Single());
    }

    [Fact]
    public async Task The_hosts_shutdown_timeout_set_in_code_after_AddClusterReady_is_held_to_the_grace_period()
    {
        using var fits = new OptionsHost(Model, servesHttp: true, afterAddClusterReady: s => s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10)));
        await fits.StartAndStopAsync();

        var exception = Refused(() => new OptionsHost(Model, servesHttp: true, afterAddClusterReady: s => s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60))));

        Assert.Equal(typeof(HostOptions), exception.OptionsType);
        Assert.Equal(
            "HostOptions.ShutdownTimeout = 00:01:00, set after AddClusterReady() in code, with ClusterReady:DrainDelay = 00:00:07 and the "
            + "manifest's 5 s margin ends 72 s after SIGTERM, past terminationGracePeriodSeconds: 23 in the manifest of orders-api. Let "
            + "AddClusterReady() set it (remove the code that does), or change [GracefulShutdown(ShutdownTimeoutSeconds)] and publish again.",
            Assert.Single(exception.Failures));
    }

    [Theory]
    [InlineData("LivenessPath", "/other", "liveness probe's path /alive")]
    [InlineData("ReadinessPath", "/READY", "readiness probe's path /ready")]
    [InlineData("StartupPath", "/healthz/startup", "startup probe's path /started")]
    public void A_probe_path_other_than_the_manifests_is_refused(string key, string value, string expected)
    {
        var exception = Refused(() => new OptionsHost(Model, servesHttp: true, new() { ["ClusterReady:" + key] = value }));

        Assert.Equal(
            $"ClusterReady:{key} = {value} differs from the {expected} in the manifest of orders-api, so the kubelet would probe a path the app "
            + "does not serve. Remove the override, or change the probe's path in its attribute and publish again.",
            Assert.Single(exception.Failures));
    }

    [Fact]
    public void Inside_a_pod_the_management_port_must_be_the_manifests()
    {
        var exception = Refused(() => new OptionsHost(Model, servesHttp: true, new() { ["ClusterReady:ManagementPort"] = "9999" }, inKubernetes: true));
        Assert.Equal(
            "ClusterReady:ManagementPort = 9999 differs from the management port 9090 in the manifest of orders-api, whose probes would connect "
            + "to a port nobody serves. Remove the override, or change [ContainerPort(Management = true)] and publish again.",
            exception.Failures.Single());

        using var kept = new OptionsHost(Model, servesHttp: true, inKubernetes: true);
        Assert.Equal(9090, kept.Settings.ManagementPort);
    }

    [Fact]
    public void A_health_check_timeout_as_long_as_the_probes_is_refused()
    {
        var exception = Refused(() => new OptionsHost(Model, servesHttp: true, configure: o => o.HealthCheckTimeout = TimeSpan.FromSeconds(3)));

        Assert.Equal(
            "ClusterReady:HealthCheckTimeout = 00:00:03 is not shorter than the readiness probe's timeoutSeconds: 3 in the manifest of orders-api, "
            + "so the kubelet gives up before a slow check is cut off and counts a failure. Keep it below 3 s, or raise "
            + "[ReadinessProbe(TimeoutSeconds)] and publish again.",
            exception.Failures.Single());

        using var shorter = new OptionsHost(Model, servesHttp: true, configure: o => o.HealthCheckTimeout = TimeSpan.FromSeconds(2.999));
        Assert.Equal(TimeSpan.FromSeconds(2.999), shorter.Settings.HealthCheckTimeout);
    }

    [Fact]
    public void Without_a_probe_timeout_in_the_manifest_the_health_check_timeout_is_not_held_to_one()
    {
        // What an app built before the contract carried the readiness timeout reads: 0, "not said".
        var validator = new Settings.ClusterReadyOptionsValidator(new RuntimeModel { ServiceName = "orders-api", ReadinessTimeoutSeconds = 0 }, inKubernetes: false);

        Assert.True(validator.Validate(null, new ClusterReadyOptions { HealthCheckTimeout = TimeSpan.FromSeconds(1) }).Succeeded);
    }

    [Fact]
    public void A_zero_drain_delay_still_counts_toward_the_grace_period()
    {
        var exception = Refused(() => new OptionsHost(Model, servesHttp: true, configure: o => (o.DrainDelay, o.ShutdownTimeout) = (TimeSpan.Zero, TimeSpan.FromSeconds(19))));

        Assert.StartsWith(
            "ClusterReady:DrainDelay = 00:00:00 plus ClusterReady:ShutdownTimeout = 00:00:19 and the manifest's 5 s margin end 24 s after SIGTERM",
            Assert.Single(exception.Failures));
    }

    [Fact]
    public void A_shutdown_timeout_that_is_not_positive_is_refused_once_not_also_held_to_the_grace_period()
    {
        var exception = Refused(() => new OptionsHost(Model, servesHttp: true, configure: o => (o.DrainDelay, o.ShutdownTimeout) = (TimeSpan.FromSeconds(60), TimeSpan.Zero)));

        Assert.Equal("ShutdownTimeout must be positive.", Assert.Single(exception.Failures));
    }

    [Fact]
    public void Inside_a_pod_a_management_port_where_the_manifest_has_none_is_refused()
    {
        var appPortOnly = new DeploymentModel { Name = "orders-api", Ports = [new PortModel { Name = "http", Port = 8080 }] };

        var exception = Refused(() => new OptionsHost(appPortOnly, servesHttp: true, new() { ["ClusterReady:ManagementPort"] = "9999" }, inKubernetes: true));

        Assert.StartsWith("ClusterReady:ManagementPort = 9999 differs from the management port (none) in the manifest of orders-api,", exception.Failures.Single());
    }

    [Fact]
    public void Inside_a_pod_no_management_port_where_the_manifest_has_one_is_refused()
    {
        var exception = Refused(() => new OptionsHost(Model, servesHttp: true, configure: options => options.ManagementPort = null, inKubernetes: true));

        Assert.StartsWith("ClusterReady:ManagementPort = (none) differs from the management port 9090 in the manifest of orders-api,", exception.Failures.Single());
    }

    [Fact]
    public void A_manifest_without_a_service_name_is_called_the_service()
    {
        var unnamed = new DeploymentModel { Shutdown = Model.Shutdown };

        var options = Refused(() => new OptionsHost(unnamed, servesHttp: true, new() { ["ClusterReady:DrainDelay"] = "00:01:00" }));
        var host = Refused(() => new OptionsHost(unnamed, servesHttp: true, afterAddClusterReady: s => s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60))));

        Assert.Contains("past terminationGracePeriodSeconds: 23 in the manifest of the service, so", Assert.Single(options.Failures));
        Assert.Contains("past terminationGracePeriodSeconds: 23 in the manifest of the service. Let", Assert.Single(host.Failures));
    }

    [Theory]
    [InlineData("LivenessPath", "healthz", "Health endpoint path 'healthz' must start with '/' and contain only visible ASCII characters, without '?' or '#'.")]
    [InlineData("ReadinessPath", "/a b", "Health endpoint path '/a b' must start with '/' and contain only visible ASCII characters, without '?' or '#'.")]
    [InlineData("LivenessPath", "/live\u007f", "Health endpoint path '/live\u007f' must start with '/' and contain only visible ASCII characters, without '?' or '#'.")]
    [InlineData("ReadinessPath", "/caf\u00e9", "Health endpoint path '/caf\u00e9' must start with '/' and contain only visible ASCII characters, without '?' or '#'.")]
    [InlineData("StartupPath", "/healthz/live", "LivenessPath, ReadinessPath and StartupPath must differ.")]
    [InlineData("ManagementPort", "70000", "ManagementPort 70000 is not a TCP port (1-65535).")]
    [InlineData("ManagementPort", "65536", "ManagementPort 65536 is not a TCP port (1-65535).")]
    [InlineData("ManagementPort", "0", "ManagementPort 0 is not a TCP port (1-65535).")]
    [InlineData("ShutdownTimeout", "00:00:00", "ShutdownTimeout must be positive.")]
    [InlineData("DrainDelay", "-00:00:01", "DrainDelay must not be negative.")]
    [InlineData("HealthCheckTimeout", "00:00:00", "HealthCheckTimeout must be positive.")]
    [InlineData("HealthCheckCacheDuration", "-00:00:01", "HealthCheckCacheDuration must not be negative.")]
    public void Refuses_invalid_options_saying_which_and_why(string key, string value, string message)
    {
        var exception = Refused(() => new OptionsHost(null, servesHttp: true, new() { ["ClusterReady:" + key] = value }));

        Assert.Equal(message, Assert.Single(exception.Failures));
    }

    [Theory]
    [InlineData("ManagementPort", "1")]
    [InlineData("ManagementPort", "65535")]
    [InlineData("DrainDelay", "00:00:00")]
    [InlineData("HealthCheckCacheDuration", "00:00:00")]
    [InlineData("ReadinessPath", "/~ready")]
    public void Accepts_the_edges_of_the_valid_ranges(string key, string value)
    {
        using var host = new OptionsHost(null, servesHttp: true, new() { ["ClusterReady:" + key] = value });

        var settings = host.Settings;
        object? taken = key switch
        {
            "ManagementPort" => settings.ManagementPort?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "DrainDelay" => settings.DrainDelay.ToString(),
            "HealthCheckCacheDuration" => settings.HealthCheckCacheDuration.ToString(),
            _ => settings.Readiness.Path,
        };
        Assert.Equal(value, taken);
    }

    /// <summary>
    /// The refusal: the host's build resolves HostOptions, which AddClusterReady sets from these options, so invalid
    /// options stop the app there; anything that got past it would be stopped by ValidateOnStart when the host starts.
    /// </summary>
    private static OptionsValidationException Refused(Func<OptionsHost> create) =>
        Assert.Throws<OptionsValidationException>(() =>
        {
            using var host = create();
            _ = host.Settings;
            host.StartAndStopAsync().GetAwaiter().GetResult();
        });
}

/// <summary>
/// Whether the app runs in a pod, where ports are held to the manifest: read from the process's
/// <c>KUBERNETES_SERVICE_HOST</c>, which the kubelet sets in every container. The test sets that variable for the whole
/// process, so it runs alone, after the parallel tests (which call AddClusterReady, and so read it).
/// </summary>
[Collection(ProcessEnvironmentTests.Name)]
public sealed class InKubernetesTests
{
    private const string Variable = "KUBERNETES_SERVICE_HOST";

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("10.96.0.1", true)]
    public void A_pod_is_known_by_the_service_host_variable_the_kubelet_sets(string? value, bool expected)
    {
        var before = Environment.GetEnvironmentVariable(Variable);
        try
        {
            Environment.SetEnvironmentVariable(Variable, value);

            Assert.Equal(expected, ClusterReadyOptionsValidator.InKubernetes());
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, before);
        }
    }
}

/// <summary>Tests that change the process's environment variables: not run beside any other test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentTests
{
    public const string Name = "Process environment";
}
