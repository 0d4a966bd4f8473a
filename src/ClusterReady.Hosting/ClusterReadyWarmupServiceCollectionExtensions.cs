using ClusterReady.Hosting;
using ClusterReady.Hosting.Warmup;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers warm-up work that runs after start and before the app reports ready.</summary>
/// <remarks>
/// Needs <c>AddClusterReady</c> on the same host, before or after these calls: that is what answers the probes the
/// warm-up holds at 503. Semantics, timeout and the <c>ClusterReady:WarmupEnabled</c> switch: <see cref="IWarmupTask"/>
/// and <see cref="ClusterReadyOptions.WarmupTimeout"/>.
/// </remarks>
public static class ClusterReadyWarmupServiceCollectionExtensions
{
    /// <summary>
    /// Runs <typeparamref name="TWarmupTask"/> once after start, before readiness and the startup probe answer 200.
    /// It is created in the warm-up's service scope (scoped services such as a <c>DbContext</c> can be injected), and
    /// the log names it by its type. Registering the same type twice runs it once.
    /// </summary>
    /// <typeparam name="TWarmupTask">The warm-up work.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddWarmup<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors)] TWarmupTask>(this IServiceCollection services)
        where TWarmupTask : class, IWarmupTask
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddEnumerable(ServiceDescriptor.Transient<IWarmupTask, TWarmupTask>());
        return AddRunner(services);
    }

    /// <summary>
    /// Runs <paramref name="warmUp"/> once after start, before readiness and the startup probe answer 200, with the
    /// warm-up's scoped services and a token cancelled at the warm-up timeout and when shutdown begins.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The name the log gives this work when it fails or is cancelled.</param>
    /// <param name="warmUp">The work.</param>
    /// <returns>The same service collection.</returns>
    /// <example>
    /// <code>
    /// builder.Services.AddWarmup("product cache", (services, token) =>
    ///     services.GetRequiredService&lt;ProductCache&gt;().LoadAsync(token));
    /// </code>
    /// </example>
    public static IServiceCollection AddWarmup(this IServiceCollection services, string name, Func<IServiceProvider, CancellationToken, Task> warmUp)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(warmUp);

        services.Add(DelegateWarmupTask.Describe(name, warmUp));
        return AddRunner(services);
    }

    private static IServiceCollection AddRunner(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WarmupRunner>());
        return services;
    }
}
