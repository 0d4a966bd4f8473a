using System;
using System.Collections.Generic;
using System.Globalization;
using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Resolution;

/// <summary>
/// What <c>[LatencyProfile]</c> derives from the model, in one place: the resolver's Guaranteed resources, the .NET
/// runtime settings every renderer writes (Deployment, its overlays, the image, Compose), and the warm-up budget the
/// runtime enforces and the rules check. docs/latency.md gives the reasons and the measurements.
/// </summary>
internal static class LatencyProfile
{
    /// <summary>The names of the runtime settings the profile writes, in the order they are written.</summary>
    public const string ProcessorCount = "DOTNET_PROCESSOR_COUNT";
    public const string ServerGc = "DOTNET_gcServer";
    public const string DynamicAdaptation = "DOTNET_GCDynamicAdaptationMode";
    public const string HeapHardLimit = "DOTNET_GCHeapHardLimit";

    /// <summary>
    /// Guaranteed QoS: each request equal to its limit. A limit alone gives the request; a request alone gives the
    /// limit. A request the user wrote that differs from the limit is a finding (CR1009), never repaired here.
    /// </summary>
    public static ResourcesModel? Guaranteed(ResourcesModel? resources) => resources is null ? null : new ResourcesModel
    {
        CpuRequest = resources.CpuLimit ?? resources.CpuRequest,
        CpuLimit = resources.CpuLimit ?? resources.CpuRequest,
        MemoryRequest = resources.MemoryLimit ?? resources.MemoryRequest,
        MemoryLimit = resources.MemoryLimit ?? resources.MemoryRequest,
    };

    /// <summary>The most CPUs the profile sets a processor count for; above it the runtime counts them itself.</summary>
    public const int MaximumProcessorCount = 1024;

    /// <summary>
    /// The whole CPUs of a CPU limit ("2", "2000m"); null when it is absent, not a quantity, not whole CPUs
    /// (<see cref="IsWholeCpus"/>: CR1008 reports that) or above <see cref="MaximumProcessorCount"/>.
    /// </summary>
    public static int? WholeCpus(string? cpuLimit) =>
        WholeAmount(cpuLimit) is { } cores && cores <= MaximumProcessorCount ? (int)cores : null;

    /// <summary>Whether a CPU amount is a whole number of CPUs, at least one: what the profile runs a service on.</summary>
    public static bool IsWholeCpus(string? cpu) => WholeAmount(cpu) is not null;

    private static decimal? WholeAmount(string? cpu) =>
        Quantity.ExactAmount(cpu) is { } cores && cores >= 1 && cores == decimal.Truncate(cores) ? cores : null;

    /// <summary>
    /// The .NET runtime settings for an environment's resources (names and values as environment variables):
    /// the processor count from the whole-CPU limit, workstation GC on one CPU and Server GC without DATAS on more,
    /// and a GC heap hard limit of <see cref="ModelDefaults.GcHeapHardLimitPercent"/>% of the memory limit. Empty when
    /// the resources give nothing to derive from.
    /// </summary>
    public static IReadOnlyList<EnvironmentVariableModel> RuntimeSettings(ResourcesModel? resources)
    {
        var settings = new List<EnvironmentVariableModel>();
        if (WholeCpus(resources?.CpuLimit) is { } cpus)
        {
            settings.Add(new(ProcessorCount, cpus.ToString(CultureInfo.InvariantCulture)));
            settings.Add(new(ServerGc, cpus >= 2 ? "1" : "0"));
            if (cpus >= 2)
            {
                // DATAS (on with Server GC since .NET 9) grows and shrinks the heap count at run time: steadier pauses without it.
                settings.Add(new(DynamicAdaptation, "0"));
            }
        }

        if (Quantity.ExactAmount(resources?.MemoryLimit) is { } bytes && bytes > 0 && bytes < long.MaxValue)
        {
            // GC settings in the environment are hexadecimal. Without the "0x" prefix: a YAML tool that rewrites the
            // manifest without quotes turns "0xc000000" into the integer 201326592, which .NET then reads as hex (8 GB);
            // bare hex digits stay a string, or stay the same digits.
            var limit = (long)decimal.Truncate(bytes * ModelDefaults.GcHeapHardLimitPercent / 100m);
            settings.Add(new(HeapHardLimit, limit.ToString("x", CultureInfo.InvariantCulture)));
        }

        return settings;
    }

    /// <summary>
    /// The runtime settings a service runs with in an environment with <paramref name="resources"/>: none without the
    /// profile; with it <see cref="RuntimeSettings(ResourcesModel?)"/> less any variable the service declares itself
    /// (its own value wins, and the variable is written once).
    /// </summary>
    public static IReadOnlyList<EnvironmentVariableModel> RuntimeSettings(DeploymentModel model, ResourcesModel? resources)
    {
        if (model.LatencyProfile is null)
        {
            return Array.Empty<EnvironmentVariableModel>();
        }

        var settings = new List<EnvironmentVariableModel>();
        foreach (var setting in RuntimeSettings(resources))
        {
            if (!Declares(model, setting.Name))
            {
                settings.Add(setting);
            }
        }

        return settings;
    }

    private static bool Declares(DeploymentModel model, string name)
    {
        foreach (var variable in model.Environment)
        {
            if (variable.Name == name)
            {
                return true;
            }
        }

        foreach (var variable in model.SecretEnvironment)
        {
            if (variable.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The seconds the startup probe allows an app before the kubelet restarts it: initialDelaySeconds + periodSeconds x failureThreshold.</summary>
    public static long StartupBudgetSeconds(ProbeModel? startup) => startup is null
        ? (long)ModelDefaults.Startup.PeriodSeconds * ModelDefaults.Startup.FailureThreshold
        : startup.InitialDelaySeconds + ((long)startup.PeriodSeconds * startup.FailureThreshold);

    /// <summary>
    /// The longest warm-up the startup probe leaves room for: its budget less one period, so the probe sees the 200
    /// before its last failure. At least 1.
    /// </summary>
    public static long MaximumWarmupSeconds(ProbeModel? startup) =>
        Math.Max(1, StartupBudgetSeconds(startup) - (startup?.PeriodSeconds ?? ModelDefaults.Startup.PeriodSeconds));

    /// <summary>The warm-up timeout the runtime enforces: the profile's, else <see cref="MaximumWarmupSeconds"/>.</summary>
    public static long WarmupTimeoutSeconds(DeploymentModel model) =>
        model.LatencyProfile is { WarmupTimeoutSeconds: > 0 } profile ? profile.WarmupTimeoutSeconds : MaximumWarmupSeconds(model.Startup);
}
