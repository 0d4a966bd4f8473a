using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClusterReady.Hosting.AspNetCore;

/// <summary>Puts the health endpoints in front of the app's pipeline, and the management port into Kestrel's addresses.</summary>
/// <remarks>
/// Startup filters run when the host builds the pipeline: after it has read the URLs from configuration and before
/// the server starts, which is exactly when the address list can still be extended.
/// </remarks>
internal sealed class HealthEndpointsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var settings = app.ApplicationServices.GetRequiredService<ClusterReadySettings>();
        if (settings.ManagementPort is { } port && app.ApplicationServices.GetService<IServer>() is { } server)
        {
            ManagementPortBinding.AddTo(server.Features.Get<IServerAddressesFeature>(), port);
            var logger = app.ApplicationServices.GetRequiredService<ILogger<HealthEndpointsStartupFilter>>();
            app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(
                () => ManagementPortBinding.VerifyBound(server, port, logger));
        }

        app.UseMiddleware<HealthEndpointsMiddleware>();
        next(app);
    };
}
