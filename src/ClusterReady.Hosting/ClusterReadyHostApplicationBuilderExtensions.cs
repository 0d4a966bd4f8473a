using ClusterReady.Hosting;
using ClusterReady.Hosting.Listener;

namespace Microsoft.Extensions.Hosting;

/// <summary>Turns on ClusterReady's health endpoints and graceful shutdown for a host.</summary>
public static class ClusterReadyHostApplicationBuilderExtensions
{
    /// <summary>
    /// Serves the liveness, readiness and startup endpoints that the service's manifest probes, and replaces the console
    /// lifetime with one that drains on SIGTERM before stopping. A host without ASP.NET Core gets a small HTTP/1.1
    /// listener on the management port.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="configure">Overrides applied after the deployment model and the <c>ClusterReady</c> configuration section.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException">ClusterReady was already added to this builder.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are not valid.</exception>
    public static IHostApplicationBuilder AddClusterReady(this IHostApplicationBuilder builder, Action<ClusterReadyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        ClusterReadyServices.AddCore(builder, configure, servesHttp: false);
        HealthListener.AddTo(builder.Services);
        return builder;
    }
}
