using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ClusterReady.Hosting.AspNetCore;

/// <summary>
/// Adds the management port to the addresses Kestrel binds without taking the app's own ports away.
/// </summary>
/// <remarks>
/// Calling <c>KestrelServerOptions.Listen</c> would make Kestrel ignore <c>ASPNETCORE_URLS</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c> and <c>--urls</c>. Instead the port is added to the same address list those fill,
/// after the host has filled it and before the server starts; or, when the app uses the <c>Kestrel:Endpoints</c>
/// configuration section (which replaces that list), to that section.
/// </remarks>
internal static partial class ManagementPortBinding
{
    /// <summary>Kestrel's address when none is configured; adding ours to an empty list would take it away.</summary>
    private const string KestrelDefaultAddress = "http://localhost:5000";

    private const string EndpointName = "ClusterReadyManagement";

    public static bool UsesKestrelEndpoints(IConfiguration configuration) =>
        configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    public static KeyValuePair<string, string?> KestrelEndpoint(int port) =>
        new($"Kestrel:Endpoints:{EndpointName}:Url", Address(port));

    public static void AddTo(IServerAddressesFeature? addresses, int port)
    {
        if (addresses is null || addresses.Addresses.IsReadOnly)
        {
            return;
        }

        var address = Address(port);
        if (addresses.Addresses.Count == 0)
        {
            addresses.Addresses.Add(KestrelDefaultAddress);
        }

        if (!addresses.Addresses.Contains(address))
        {
            addresses.Addresses.Add(address);
        }
    }

    /// <summary>Warns when Kestrel did not bind the port (endpoints set up in code replace the address list).</summary>
    public static void VerifyBound(IServer server, int port, ILogger logger)
    {
        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in bound)
        {
            if (ParseAddress(address)?.Port == port)
            {
                return;
            }
        }

        Log.NotBound(logger, port, string.Join(", ", bound));
    }

    /// <summary>An address as Kestrel lists it (<c>http://+:80</c>, <c>http://*:8080</c> and <c>http://[::]:8080</c> included); null when it is not one.</summary>
    public static Uri? ParseAddress(string address) =>
        Uri.TryCreate(address.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri) ? uri : null;

    private static string Address(int port) => "http://*:" + port.ToString(CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(50, LogLevel.Warning, "Kestrel is not listening on the management port {Port} (bound: {Addresses}), so the health endpoints are unreachable; endpoints configured in code replace the URLs: listen on port {Port} there too")]
        public static partial void NotBound(ILogger logger, int port, string addresses);
    }
}
