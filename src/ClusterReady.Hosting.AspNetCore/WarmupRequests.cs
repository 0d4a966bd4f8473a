using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClusterReady.Hosting.AspNetCore;

/// <summary>
/// GET requests to the app's own endpoints over loopback, through Kestrel and the whole pipeline: routing, model
/// binding, serialization, the JIT's tiers and the connection handling are warm before the first real request.
/// </summary>
/// <remarks>
/// Real HTTP rather than a call into the request delegate: what is slow in the first requests is as much the server's
/// side (connection and header parsing, the HTTP/1.1 code paths, response writing) as the endpoint's. The requests go to
/// the first plain-HTTP address Kestrel listens on that is not the management port, at the loopback address when it
/// listens on every address or on <c>localhost</c>. They run one after another, each path in turn, so each endpoint sees
/// as many calls as the runtime's tiered compilation counts before it optimizes (30 per method by default).
/// </remarks>
internal sealed partial class WarmupRequests(IReadOnlyList<string> paths, int repetitions)
{
    /// <summary>Requests per path when none are given: enough calls for tier-1 code of the endpoints' methods.</summary>
    public const int DefaultRepetitions = 100;

    /// <summary>The header that tells the app's own logs and middleware a warm-up request from a real one.</summary>
    public const string UserAgent = "ClusterReady-Warmup";

    /// <summary>The name the warm-up log lines give this work.</summary>
    public string Name => $"GET {string.Join(", ", paths)} x {repetitions.ToString(CultureInfo.InvariantCulture)}";

    public async Task WarmUpAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<ClusterReadySettings>();
        var logger = services.GetRequiredService<ILogger<WarmupRequests>>();
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (AppAddress(addresses, settings.ManagementPort) is not { } baseAddress)
        {
            Log.NoAddress(logger, string.Join(", ", addresses));
            return;
        }

        using var handler = new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < repetitions; round++)
        {
            foreach (var path in paths)
            {
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode && reported.Add(path))
                {
                    Log.NotSuccessful(logger, path, (int)response.StatusCode);
                }
            }
        }
    }

    /// <summary>
    /// Where to send the requests: the first <c>http</c> address that is not <paramref name="managementPort"/>, with a
    /// wildcard, <c>localhost</c> or host name replaced by 127.0.0.1; null when Kestrel listens on none.
    /// </summary>
    public static Uri? AppAddress(IEnumerable<string> addresses, int? managementPort)
    {
        foreach (var address in addresses)
        {
            if (ManagementPortBinding.ParseAddress(address) is not { } uri || uri.Scheme != Uri.UriSchemeHttp || uri.Port == managementPort)
            {
                continue;
            }

            var host = IPAddress.TryParse(uri.Host, out var ip) && !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any)
                ? uri.Host
                : IPAddress.Loopback.ToString();
            return new UriBuilder(Uri.UriSchemeHttp, host, uri.Port).Uri;
        }

        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(70, LogLevel.Warning, "Warm-up requests not sent: Kestrel listens on no plain-HTTP address other than the management port ({Addresses})")]
        public static partial void NoAddress(ILogger logger, string addresses);

        [LoggerMessage(71, LogLevel.Warning, "Warm-up request GET {Path} answered {StatusCode}; it warms up the error path, not the endpoint")]
        public static partial void NotSuccessful(ILogger logger, string path, int statusCode);
    }
}
