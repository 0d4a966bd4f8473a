using ClusterReady.Model.Contract;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The runtime's values of a resolved model, as the generator embeds them and AddClusterReady reads them at start: every
/// key in its place with its value, a probe's port only when it is one of the app's own, the secret directories read as
/// configuration numbered in order, and the defaults when the model leaves things out. The keys are written out here
/// because the runtime's reader has them compiled in: renaming one is a contract change.
/// </summary>
public sealed class RuntimeContractTests
{
    [Fact]
    public void Every_value_the_runtime_acts_on_is_written_in_a_stable_order()
    {
        var model = new DeploymentModel
        {
            Name = "orders-api",
            Ports =
            [
                new PortModel { Name = "http", Port = 8080 },
                new PortModel { Name = "grpc", Port = 9000 },
                new PortModel { Name = "management", Port = 8081, Management = true },
                new PortModel { Name = "management-2", Port = 8082, Management = true },
            ],
            Liveness = new ProbeModel { Path = "/live", Port = "management" },
            Readiness = new ProbeModel { Path = "/ready", Port = "grpc", TimeoutSeconds = 3 },
            Startup = new ProbeModel { Path = "/start", Port = "http", InitialDelaySeconds = 2, PeriodSeconds = 5, FailureThreshold = 4 },
            Shutdown = new ShutdownModel { DrainDelaySeconds = 7, ShutdownTimeoutSeconds = 11, MarginSeconds = 3 },
            SecretVolumes =
            [
                new SecretVolumeModel("a", "/secrets/a"),
                new SecretVolumeModel("b", "/files/b") { AsConfiguration = false },
                new SecretVolumeModel("c", "/secrets/c"),
            ],
        };

        Assert.Equal(
            [
                new("ServiceName", "orders-api"),
                new("LivenessPath", "/live"),
                new("ReadinessPath", "/ready"),
                new("StartupPath", "/start"),
                // The first management port; liveness on it has no app port.
                new("ManagementPort", "8081"),
                new("ReadinessAppPort", "9000"),
                new("StartupAppPort", "8080"),
                new("DrainDelaySeconds", "7"),
                new("ShutdownTimeoutSeconds", "11"),
                new("MarginSeconds", "3"),
                new("TerminationGracePeriodSeconds", "21"),
                new("ReadinessTimeoutSeconds", "3"),
                // 2 s + 4 x 5 s = 22 s of startup probe, less one period.
                new("WarmupTimeoutSeconds", "17"),
                new("StartupBudgetSeconds", "22"),
                new("MaximumWarmupSeconds", "17"),
                new("SecretDirectory.0", "/secrets/a"),
                new("SecretDirectory.1", "/secrets/c"),
            ],
            RuntimeContract.Write(model));
    }

    [Fact]
    public void A_model_that_leaves_everything_out_gives_the_defaults_and_no_ports()
    {
        var model = new DeploymentModel { Ports = null!, Shutdown = null!, SecretVolumes = null! };

        Assert.Equal(
            [
                new("ServiceName", ""),
                new("LivenessPath", "/healthz/live"),
                new("ReadinessPath", "/healthz/ready"),
                new("StartupPath", "/healthz/startup"),
                new("DrainDelaySeconds", "5"),
                new("ShutdownTimeoutSeconds", "20"),
                new("MarginSeconds", "5"),
                new("TerminationGracePeriodSeconds", "30"),
                new("ReadinessTimeoutSeconds", "2"),
                new("WarmupTimeoutSeconds", "57"),
                new("StartupBudgetSeconds", "60"),
                new("MaximumWarmupSeconds", "57"),
            ],
            RuntimeContract.Write(model));
    }

    [Fact]
    public void Each_probe_on_an_app_port_names_that_port()
    {
        var model = new DeploymentModel
        {
            Ports = [new PortModel { Name = "http", Port = 8080 }, new PortModel { Name = "admin", Port = 8090 }],
            Liveness = new ProbeModel { Port = "admin" },
            Readiness = new ProbeModel { Port = "http" },
            Startup = new ProbeModel { Port = "admin" },
        };

        var values = RuntimeContract.Write(model);

        Assert.Equal(
            [new("LivenessAppPort", "8090"), new("ReadinessAppPort", "8080"), new("StartupAppPort", "8090")],
            values.Where(v => v.Key.EndsWith("AppPort", StringComparison.Ordinal)));
        // A probe model without a path requests "/".
        Assert.Equal("/", values.Single(v => v.Key == "LivenessPath").Value);
    }

    [Fact]
    public void A_probe_on_a_port_that_is_not_declared_has_no_app_port_and_the_profile_s_warm_up_wins()
    {
        var model = new DeploymentModel
        {
            Name = "worker",
            Ports = [new PortModel { Name = "http", Port = 8080 }],
            Readiness = new ProbeModel { Path = "/ready", Port = "metrics" },
            LatencyProfile = new LatencyProfileModel { WarmupTimeoutSeconds = 12 },
        };

        var values = RuntimeContract.Write(model);

        Assert.DoesNotContain(values, v => v.Key.EndsWith("AppPort", StringComparison.Ordinal) || v.Key == "ManagementPort");
        Assert.Equal("12", values.Single(v => v.Key == "WarmupTimeoutSeconds").Value);
        Assert.Equal("57", values.Single(v => v.Key == "MaximumWarmupSeconds").Value);
    }
}
