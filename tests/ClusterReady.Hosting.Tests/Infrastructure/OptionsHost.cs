using ClusterReady.Model;
using ClusterReady.Model.Contract;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClusterReady.Hosting.Tests.Infrastructure;

/// <summary>
/// A real host with AddClusterReady's registrations, for the options pipeline: the model through the runtime contract,
/// configuration, the delegate, and the validators the host runs on start.
/// </summary>
internal sealed class OptionsHost : IDisposable
{
    private readonly IHost _host;

    public OptionsHost(
        DeploymentModel? model,
        bool servesHttp,
        Dictionary<string, string?>? configuration = null,
        Action<ClusterReadyOptions>? configure = null,
        bool inKubernetes = false,
        Action<IServiceCollection>? afterAddClusterReady = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration ?? []);
        ClusterReadyServices.AddCore(builder, configure, servesHttp, model is null ? null : RuntimeModelOf(model), inKubernetes);
        afterAddClusterReady?.Invoke(builder.Services);
        _host = builder.Build();
    }

    public IServiceProvider Services => _host.Services;

    /// <summary>The settings the runtime acts on; throws the validators' <c>OptionsValidationException</c>.</summary>
    public ClusterReadySettings Settings => _host.Services.GetRequiredService<ClusterReadySettings>();

    /// <summary>What the generator embeds for <paramref name="model"/>, read back as the runtime reads it.</summary>
    public static RuntimeModel RuntimeModelOf(DeploymentModel model) =>
        RuntimeModel.FromMetadata(RuntimeContract.Write(model).ToDictionary(p => p.Key, p => p.Value));

    /// <summary>Starts the host: ValidateOnStart's checks run here.</summary>
    public Task StartAsync() => _host.StartAsync();

    /// <summary>Starts and stops the host.</summary>
    public async Task StartAndStopAsync()
    {
        await _host.StartAsync();
        await _host.StopAsync();
    }

    public void Dispose()
    {
        // Stopped first if it runs: the lifetime's signal handlers and the app's hosted services end with it.
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }
}
