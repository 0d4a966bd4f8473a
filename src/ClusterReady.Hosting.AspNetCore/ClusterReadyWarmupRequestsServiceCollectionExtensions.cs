using ClusterReady.Hosting.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Warms an ASP.NET Core app up with requests to its own endpoints before it reports ready.</summary>
public static class ClusterReadyWarmupRequestsServiceCollectionExtensions
{
    /// <summary>
    /// Once Kestrel listens, sends 100 GET requests to each of <paramref name="paths"/> (in turn) over loopback to the
    /// app's own port, through the whole pipeline, before readiness and the startup probe answer 200.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="paths">Paths with their query strings, each starting with <c>/</c>: <c>"/orders"</c>, <c>"/orders/1"</c>.</param>
    /// <returns>The same service collection.</returns>
    /// <remarks>
    /// One warm-up task (<c>AddWarmup</c>) among the others, with their timeout and the <c>ClusterReady:WarmupEnabled</c>
    /// switch. The requests carry <c>User-Agent: ClusterReady-Warmup</c> and the host <c>127.0.0.1:port</c> (an app that
    /// restricts <c>AllowedHosts</c> must allow it). An answer other than 2xx is logged once per path as a warning.
    /// </remarks>
    /// <example>
    /// <code>
    /// builder.AddClusterReady();
    /// builder.Services.AddWarmupRequests("/orders", "/orders/1");
    /// </code>
    /// </example>
    public static IServiceCollection AddWarmupRequests(this IServiceCollection services, params string[] paths) =>
        AddWarmupRequests(services, WarmupRequests.DefaultRepetitions, paths);

    /// <summary>
    /// Once Kestrel listens, sends <paramref name="repetitions"/> GET requests to each of <paramref name="paths"/> (in
    /// turn) over loopback to the app's own port, through the whole pipeline, before readiness and the startup probe
    /// answer 200.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="repetitions">Requests per path, at least 1.</param>
    /// <param name="paths">Paths with their query strings, each starting with <c>/</c>.</param>
    /// <returns>The same service collection.</returns>
    /// <remarks><inheritdoc cref="AddWarmupRequests(IServiceCollection, string[])" path="/remarks/node()"/></remarks>
    public static IServiceCollection AddWarmupRequests(this IServiceCollection services, int repetitions, params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        if (paths.Length == 0 || paths.Any(p => p is null || !p.StartsWith('/')))
        {
            throw new ArgumentException("Give at least one path, each starting with '/'.", nameof(paths));
        }

        var requests = new WarmupRequests([.. paths], repetitions);
        return services.AddWarmup(requests.Name, requests.WarmUpAsync);
    }
}
