using ClusterReady.Model.Contract;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Tests;

/// <summary>[LatencyProfile] resolved: Guaranteed resources, the runtime settings derived from them, the warm-up budget.</summary>
public sealed class LatencyProfileTests
{
    [Fact]
    public void The_resolver_makes_each_request_equal_to_its_limit_in_the_base_and_in_overlays()
    {
        var model = ModelResolver.Resolve(Declarations.Service(
            ("Resources", [("CpuLimit", "2"), ("MemoryRequest", "256Mi")]),
            ("EnvironmentOverlay", [("Name", "production"), ("MemoryLimit", "1Gi")]),
            ("LatencyProfile", [])));

        Assert.Equal(new ResourcesModel { CpuRequest = "2", CpuLimit = "2", MemoryRequest = "256Mi", MemoryLimit = "256Mi" }, model.Resources);
        var production = Assert.Single(ModelResolver.Environments(model));
        Assert.Equal(new ResourcesModel { CpuRequest = "2", CpuLimit = "2", MemoryRequest = "1Gi", MemoryLimit = "1Gi" }, production.Resources);
    }

    [Fact]
    public void A_limit_wins_over_a_different_request_written_beside_it()
    {
        // CR1009 reports the differing request; the resources are Guaranteed at the limit all the same.
        var guaranteed = LatencyProfile.Guaranteed(new ResourcesModel { CpuRequest = "500m", CpuLimit = "1", MemoryRequest = "256Mi", MemoryLimit = "512Mi" });

        Assert.Equal(new ResourcesModel { CpuRequest = "1", CpuLimit = "1", MemoryRequest = "512Mi", MemoryLimit = "512Mi" }, guaranteed);
        Assert.Null(LatencyProfile.Guaranteed(null));
    }

    [Fact]
    public void A_runtime_setting_the_service_declares_itself_is_left_to_it()
    {
        var model = ModelResolver.Resolve(Declarations.Service(
            ("Resources", [("CpuLimit", "2"), ("MemoryLimit", "1Gi")]),
            ("EnvironmentVariable", [("Name", "DOTNET_gcServer"), ("Value", "0")]),
            ("SecretEnvironmentVariable", [("Name", "DOTNET_GCHeapHardLimit"), ("SecretName", "tuning"), ("Key", "heap")]),
            ("LatencyProfile", [])));

        Assert.Equal(
            "DOTNET_PROCESSOR_COUNT=2 DOTNET_GCDynamicAdaptationMode=0",
            string.Join(" ", LatencyProfile.RuntimeSettings(model, model.Resources).Select(s => s.Name + "=" + s.Value)));
    }

    [Fact]
    public void Without_the_profile_the_resources_stay_as_declared()
    {
        var model = ModelResolver.Resolve(Declarations.Service(("Resources", [("CpuLimit", "2"), ("MemoryRequest", "256Mi")])));

        Assert.Equal(new ResourcesModel { CpuLimit = "2", MemoryRequest = "256Mi" }, model.Resources);
        Assert.Null(model.LatencyProfile);
        Assert.Empty(LatencyProfile.RuntimeSettings(model, model.Resources));
    }

    [Theory]
    [InlineData("1", "512Mi", "DOTNET_PROCESSOR_COUNT=1 DOTNET_gcServer=0 DOTNET_GCHeapHardLimit=18000000")]
    [InlineData("2000m", "1Gi", "DOTNET_PROCESSOR_COUNT=2 DOTNET_gcServer=1 DOTNET_GCDynamicAdaptationMode=0 DOTNET_GCHeapHardLimit=30000000")]
    [InlineData("4", "1000M", "DOTNET_PROCESSOR_COUNT=4 DOTNET_gcServer=1 DOTNET_GCDynamicAdaptationMode=0 DOTNET_GCHeapHardLimit=2cb41780")]
    [InlineData("1.5", "100Mi", "DOTNET_GCHeapHardLimit=4b00000")]
    [InlineData(null, null, "")]
    public void Runtime_settings_follow_the_limits(string? cpu, string? memory, string expected)
    {
        var settings = LatencyProfile.RuntimeSettings(new ResourcesModel { CpuLimit = cpu, MemoryLimit = memory });

        Assert.Equal(expected, string.Join(" ", settings.Select(s => s.Name + "=" + s.Value)));
    }

    [Fact]
    public void The_warmup_timeout_defaults_to_the_startup_budget_less_one_period_and_reaches_the_runtime()
    {
        var byDefault = ModelResolver.Resolve(Declarations.Service(
            ("StartupProbe", [("InitialDelaySeconds", 5), ("PeriodSeconds", 10), ("FailureThreshold", 3)]),
            ("LatencyProfile", [])));
        var declared = ModelResolver.Resolve(Declarations.Service(("LatencyProfile", [("WarmupTimeoutSeconds", 20)])));
        var withoutProfile = ModelResolver.Resolve(Declarations.Service());

        Assert.Equal(25, byDefault.LatencyProfile!.WarmupTimeoutSeconds);
        Assert.Equal(20, declared.LatencyProfile!.WarmupTimeoutSeconds);
        Assert.Equal("25", Value(byDefault, RuntimeContract.WarmupTimeoutSeconds));
        Assert.Equal("35", Value(byDefault, RuntimeContract.StartupBudgetSeconds));
        Assert.Equal("20", Value(declared, RuntimeContract.WarmupTimeoutSeconds));
        // Without the profile an app's warm-up is still bounded by the startup probe: 3 s x 20 less one period.
        Assert.Equal("57", Value(withoutProfile, RuntimeContract.WarmupTimeoutSeconds));
    }

    private static string Value(DeploymentModel model, string key) => RuntimeContract.Write(model).Single(pair => pair.Key == key).Value;

    [Theory]
    [InlineData("1", 1)]
    [InlineData("2000m", 2)]
    [InlineData("1024", 1024)]
    [InlineData("1025", null)]
    [InlineData("1.5", null)]
    [InlineData("500m", null)]
    [InlineData("0", null)]
    [InlineData("two", null)]
    [InlineData(null, null)]
    public void Whole_cpus_are_a_limit_of_1_to_1024_whole_cpus(string? limit, int? expected) =>
        Assert.Equal(expected, LatencyProfile.WholeCpus(limit));

    [Fact]
    public void Without_a_startup_probe_the_budget_is_the_default_probe_s_3_s_times_20()
    {
        Assert.Equal(60, LatencyProfile.StartupBudgetSeconds(null));
        Assert.Equal(5 + (4 * 10), LatencyProfile.StartupBudgetSeconds(new ProbeModel { InitialDelaySeconds = 5, PeriodSeconds = 4, FailureThreshold = 10 }));
    }
}
