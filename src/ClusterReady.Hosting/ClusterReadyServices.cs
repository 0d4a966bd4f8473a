using System.Reflection;
using ClusterReady.Hosting.Health;
using ClusterReady.Hosting.Lifetime;
using ClusterReady.Hosting.Secrets;
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
    /// Resolves the settings and registers health, shutdown and secrets; the caller adds the HTTP side:
    /// ASP.NET Core (<paramref name="servesHttp"/> true) or the worker's listener.
    /// </summary>
    public static ClusterReadySettings AddCore(IHostApplicationBuilder builder, Action<ClusterReadyOptions>? configure, bool servesHttp)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(ClusterReadySettings)))
        {
            throw new InvalidOperationException("AddClusterReady was already called on this builder.");
        }

        // The generator embeds the model in the service's own assembly, which is the entry assembly.
        var model = RuntimeModel.FromAssembly(Assembly.GetEntryAssembly());
        var settings = ClusterReadySettings.Resolve(model, builder.Configuration, configure, servesHttp);
        var secrets = SecretDirectories.AddTo(builder.Configuration, settings.SecretDirectories);

        services.AddSingleton(settings);
        // A factory registration, so that the container disposes the watchers with the host.
        services.AddSingleton(_ => secrets);
        // TryAdd: nothing else registers these (a second AddClusterReady throws above), and it is the overload the
        // host has already used, one generic method fewer for the JIT at start-up.
        services.TryAddSingleton<HealthState>();
        services.TryAddSingleton<HealthProbes>();

        // No AddHealthChecks here: the probes run the registered checks themselves (HealthCheckRunner), so an app
        // without checks starts no HealthCheckService and no publisher; the app's own AddHealthChecks registers them.
        // A check without a limit could hang every probe; one that set its own limit keeps it. A class rather than
        // PostConfigure(lambda): its code is precompiled with the rest, PostConfigure's generic code is not.
        services.AddSingleton<IPostConfigureOptions<HealthCheckServiceOptions>>(new DefaultHealthCheckTimeout(settings.HealthCheckTimeout));

        services.Configure<HostOptions>(options =>
        {
            options.ShutdownTimeout = settings.ShutdownTimeout;
            options.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });

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
        return settings;
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
