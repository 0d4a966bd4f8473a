using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ClusterReady.Hosting.Settings;

/// <summary>
/// The first of the three steps that make <see cref="ClusterReadyOptions"/>: the values of the resolved model the
/// generator embedded. The <c>ClusterReady</c> configuration section (<see cref="ConfigurationOptionsSetup"/>) and the
/// delegate passed to <c>AddClusterReady</c> are applied after it, in that order.
/// </summary>
internal sealed class ModelOptionsSetup(RuntimeModel? model) : IConfigureOptions<ClusterReadyOptions>
{
    public void Configure(ClusterReadyOptions options)
    {
        if (model is null)
        {
            return;
        }

        options.LivenessPath = model.LivenessPath ?? options.LivenessPath;
        options.ReadinessPath = model.ReadinessPath ?? options.ReadinessPath;
        options.StartupPath = model.StartupPath ?? options.StartupPath;
        options.ManagementPort = model.ManagementPort;
        if (model.DrainDelaySeconds is { } drainDelay)
        {
            options.DrainDelay = TimeSpan.FromSeconds(drainDelay);
        }

        if (model.ShutdownTimeoutSeconds is { } shutdownTimeout)
        {
            options.ShutdownTimeout = TimeSpan.FromSeconds(shutdownTimeout);
        }

        if (model.WarmupTimeoutSeconds is { } warmupTimeout)
        {
            options.WarmupTimeout = TimeSpan.FromSeconds(warmupTimeout);
        }

        foreach (var directory in model.SecretDirectories)
        {
            options.SecretDirectories.Add(directory);
        }
    }
}

/// <summary>The <c>ClusterReady</c> configuration section, bound over the model's values (by the binder's source generator).</summary>
internal sealed class ConfigurationOptionsSetup(IConfiguration section) : IConfigureOptions<ClusterReadyOptions>
{
    public void Configure(ClusterReadyOptions options) => section.Bind(options);
}
