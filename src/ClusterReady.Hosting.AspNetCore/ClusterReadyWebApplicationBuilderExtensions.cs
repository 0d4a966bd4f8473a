using ClusterReady.Hosting;
using ClusterReady.Hosting.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Turns on ClusterReady's health endpoints and graceful shutdown for an ASP.NET Core app.</summary>
public static class ClusterReadyWebApplicationBuilderExtensions
{
    /// <summary>
    /// Serves the liveness, readiness and startup endpoints that the service's manifest probes on Kestrel, ahead of
    /// the rest of the pipeline, and replaces the console lifetime with one that drains on SIGTERM before stopping.
    /// With a management port, Kestrel listens on it as well, and the health endpoints answer there only.
    /// </summary>
    /// <param name="builder">The web application builder.</param>
    /// <param name="configure">Overrides applied after the deployment model and the <c>ClusterReady</c> configuration section.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException">ClusterReady was already added to this builder.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are not valid.</exception>
    public static WebApplicationBuilder AddClusterReady(this WebApplicationBuilder builder, Action<ClusterReadyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var options = ClusterReadyServices.AddCore(builder, configure, servesHttp: true);

        // First in the list, so outermost in the pipeline: probes must not meet authentication, HTTPS redirection
        // or rate limiting, and should cost as little as possible.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter>(new HealthEndpointsStartupFilter()));

        if (options.ManagementPort is { } port && ManagementPortBinding.UsesKestrelEndpoints(builder.Configuration))
        {
            // Endpoints from the Kestrel configuration section replace the URLs, so the management port joins them.
            builder.Configuration.AddInMemoryCollection([ManagementPortBinding.KestrelEndpoint(port)]);
        }

        return builder;
    }
}
