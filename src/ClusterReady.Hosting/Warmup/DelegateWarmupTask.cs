using Microsoft.Extensions.DependencyInjection;

namespace ClusterReady.Hosting.Warmup;

/// <summary>A warm-up given as a delegate, with the name the log uses for it; resolved in the warm-up's scope.</summary>
internal sealed class DelegateWarmupTask(string name, Func<IServiceProvider, CancellationToken, Task> warmUp, IServiceProvider services) : IWarmupTask
{
    public string Name => name;

    public Task WarmUpAsync(CancellationToken cancellationToken) => warmUp(services, cancellationToken);

    /// <summary>A registration that gives each scope its own task, so the delegate receives the scope's services.</summary>
    public static ServiceDescriptor Describe(string name, Func<IServiceProvider, CancellationToken, Task> warmUp) =>
        ServiceDescriptor.Transient<IWarmupTask>(services => new DelegateWarmupTask(name, warmUp, services));
}
