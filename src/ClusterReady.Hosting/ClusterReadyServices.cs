using System.Reflection;
using ClusterReady.Hosting.Health;
using ClusterReady.Hosting.Lifetime;
using ClusterReady.Hosting.Settings;
using ClusterReady.Hosting.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ClusterReady.Hosting;

/// <summary>What both <c>AddClusterReady</c> overloads register.</summary>
internal static class ClusterReadyServices
{
    /// <summary>
    /// Registers the options (from the model, then configuration, then <paramref name="configure"/>, validated on
    /// start), health, shutdown and secrets; the caller adds the HTTP side: ASP.NET Core (<paramref name="servesHttp"/>
    /// true) or the worker's listener. Returns the options as they stand now, for what must shape the builder itself
    /// (secret directories as configuration sources, the management port among Kestrel's endpoints).
    /// </summary>
    public static ClusterReadyOptions AddCore(IHostApplicationBuilder builder, Action<ClusterReadyOptions>? configure, bool servesHttp) =>
        // The generator embeds the model in the service's own assembly, which is the entry assembly.
        AddCore(builder, configure, servesHttp, RuntimeModel.FromAssembly(Assembly.GetEntryAssembly()), ClusterReadyOptionsValidator.InKubernetes());

    internal static ClusterReadyOptions AddCore(
        IHostApplicationBuilder builder, Action<ClusterReadyOptions>? configure, bool servesHttp, RuntimeModel? model, bool inKubernetes)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(ClusterReadySettings)))
        {
            throw new InvalidOperationException("AddClusterReady was already called on this builder.");
        }

        // The options pattern, in the documented order: the model, then the ClusterReady section, then the delegate.
        var section = builder.Configuration.GetSection(ClusterReadyOptions.SectionName);
        IConfigureOptions<ClusterReadyOptions>[] setups = configure is null
            ? [new ModelOptionsSetup(model), new ConfigurationOptionsSetup(section)]
            : [new ModelOptionsSetup(model), new ConfigurationOptionsSetup(section), new ConfigureOptions<ClusterReadyOptions>(configure)];
        foreach (var setup in setups)
        {
            services.AddSingleton(setup);
        }

        services.AddSingleton<IValidateOptions<ClusterReadyOptions>>(new ClusterReadyOptionsValidator(model, inKubernetes));
        services.AddSingleton<IValidateOptions<HostOptions>>(sp => new HostShutdownValidator(model, sp.GetRequiredService<ClusterReadySettings>()));
        services.AddOptions<ClusterReadyOptions>().ValidateOnStart();
        services.AddOptions<HostOptions>().ValidateOnStart();
        services.AddSingleton(sp => ClusterReadySettings.From(sp.GetRequiredService<IOptions<ClusterReadyOptions>>().Value, model, servesHttp));

        // What shapes the builder is read now, through the same steps: configuration added later cannot move it.
        var current = new ClusterReadyOptions();
        foreach (var setup in setups)
        {
            setup.Configure(current);
        }

        var secrets = SecretDirectories.AddTo(builder.Configuration, current.SecretDirectories.Distinct(StringComparer.Ordinal).ToArray());

        // A factory registration, so that the container disposes the watchers with the host.
        services.AddSingleton(_ => secrets);
        // TryAdd: nothing else registers these (a second AddClusterReady throws above), and it is the overload the
        // host has already used, one generic method fewer for the JIT at start-up.
        services.TryAddSingleton<HealthState>();
        services.TryAddSingleton<HealthProbes>();

        // No AddHealthChecks here: the probes run the registered checks themselves (HealthCheckRunner: why, measured,
        // beside its code), so an app without checks starts no HealthCheckService and no publisher; the app's own
        // AddHealthChecks registers them. A check without a limit could hang every probe; one that set its own limit
        // keeps it.
        services.AddSingleton<IPostConfigureOptions<HealthCheckServiceOptions>>(sp => new DefaultHealthCheckTimeout(sp.GetRequiredService<ClusterReadySettings>().HealthCheckTimeout));
        services.AddSingleton<IConfigureOptions<HostOptions>>(sp => new HostOptionsSetup(sp.GetRequiredService<ClusterReadySettings>()));

        // Removed, not only overridden by the registration below: the host's console lifetime would otherwise still be
        // created by anything that resolves every IHostLifetime. (A loop rather than RemoveAll<T>, whose generic code
        // is three more methods for the JIT at start-up.)
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostLifetime))
            {
                services.RemoveAt(i);
            }
        }

        services.AddSingleton<IHostLifetime, ClusterReadyLifetime>();
        return current;
    }

    /// <summary>The host stops within the options' shutdown timeout, and a failed background service stops it.</summary>
    private sealed class HostOptionsSetup(ClusterReadySettings settings) : IConfigureOptions<HostOptions>
    {
        public void Configure(HostOptions options)
        {
            options.ShutdownTimeout = settings.ShutdownTimeout;
            options.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        }
    }

    private sealed class DefaultHealthCheckTimeout(TimeSpan timeout) : IPostConfigureOptions<HealthCheckServiceOptions>
    {
        public void PostConfigure(string? name, HealthCheckServiceOptions options)
        {
            // The options that HealthCheckService and the probes read are the unnamed ones, as PostConfigure(action) targets.
            if (name != Options.DefaultName)
            {
                return;
            }

            foreach (var registration in options.Registrations)
            {
                if (registration.Timeout == Timeout.InfiniteTimeSpan)
                {
                    registration.Timeout = timeout;
                }
            }
        }
    }
}
