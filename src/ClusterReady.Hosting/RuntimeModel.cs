using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using ClusterReady.Model;

namespace ClusterReady.Hosting;

/// <summary>
/// The part of the deployment model that the runtime acts on: probe paths and ports, the management port, shutdown
/// timing, the secret directories read as configuration.
/// </summary>
/// <remarks>
/// <para>
/// The generator writes these values next to the declaration, resolved by the same resolver in the same run, as
/// <c>AssemblyMetadata("ClusterReady.Runtime.*", value)</c> attributes: reading them at start-up takes no JSON parser
/// and does not load the model library and its types (about 2 to 4 ms of every start otherwise).
/// </para>
/// <para>
/// An assembly that embeds the declaration without these attributes is resolved through
/// <see cref="From(DeploymentModel)"/>, the same rules applied to the full model; a generator test checks that both
/// ways give the same settings.
/// </para>
/// </remarks>
internal sealed class RuntimeModel
{
    /// <summary>The prefix of the metadata keys; the generator's <c>RuntimeMetadataEmitter</c> writes the same names.</summary>
    public const string MetadataPrefix = "ClusterReady.Runtime.";

    public string? LivenessPath { get; init; }

    public string? ReadinessPath { get; init; }

    public string? StartupPath { get; init; }

    /// <summary>The first declared port marked as the management port.</summary>
    public int? ManagementPort { get; init; }

    /// <summary>The port a probe targets when that is one of the app's own (not the management) ports.</summary>
    public int? LivenessAppPort { get; init; }

    /// <inheritdoc cref="LivenessAppPort"/>
    public int? ReadinessAppPort { get; init; }

    /// <inheritdoc cref="LivenessAppPort"/>
    public int? StartupAppPort { get; init; }

    /// <summary>Null: the option's default.</summary>
    public int? DrainDelaySeconds { get; init; }

    /// <summary>Null: the option's default.</summary>
    public int? ShutdownTimeoutSeconds { get; init; }

    /// <summary>The readiness probe's <c>timeoutSeconds</c>; 0 when the model has none.</summary>
    public int ReadinessTimeoutSeconds { get; init; }

    /// <summary>Mount paths of the secret volumes read as configuration, in declaration order.</summary>
    public IReadOnlyList<string> SecretDirectories { get; init; } = [];

    /// <summary>
    /// The runtime model of <paramref name="assembly"/>; null when it was built without ClusterReady's generator or has
    /// no <c>[KubernetesService]</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A value is not what the generator writes.</exception>
    public static RuntimeModel? FromAssembly(Assembly? assembly)
    {
        if (assembly is null)
        {
            return null;
        }

        string? declarationJson = null;
        Dictionary<string, string>? values = null;
        foreach (var metadata in assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (metadata.Key.StartsWith(MetadataPrefix, StringComparison.Ordinal))
            {
                if (!(values ??= new(StringComparer.Ordinal)).TryAdd(metadata.Key[MetadataPrefix.Length..], metadata.Value ?? ""))
                {
                    throw new InvalidOperationException(
                        $"Assembly metadata '{metadata.Key}' is declared more than once. ClusterReady's generator writes it: remove the attribute declared by hand.");
                }
            }
            else if (metadata.Key == Model.Contract.DeclarationJson.MetadataKey)
            {
                declarationJson = metadata.Value;
            }
        }

        if (values is not null)
        {
            return FromMetadata(values);
        }

        return declarationJson is null ? null : FromDeclarationJson(declarationJson);
    }

    /// <summary>The runtime's part of a full model, by the rules the generator applies when it writes the metadata.</summary>
    public static RuntimeModel From(DeploymentModel model)
    {
        // Members absent from the embedded JSON may come back null rather than with their initial value.
        var ports = model.Ports ?? [];
        var shutdown = model.Shutdown ?? new ShutdownModel();
        int? AppPort(ProbeModel? probe) =>
            probe?.Port is { } name && ports.FirstOrDefault(p => p.Name == name) is { Management: false } target ? target.Port : null;

        return new RuntimeModel
        {
            LivenessPath = model.Liveness?.Path,
            ReadinessPath = model.Readiness?.Path,
            StartupPath = model.Startup?.Path,
            ManagementPort = ports.FirstOrDefault(p => p.Management)?.Port,
            LivenessAppPort = AppPort(model.Liveness),
            ReadinessAppPort = AppPort(model.Readiness),
            StartupAppPort = AppPort(model.Startup),
            DrainDelaySeconds = shutdown.DrainDelaySeconds,
            ShutdownTimeoutSeconds = shutdown.ShutdownTimeoutSeconds,
            ReadinessTimeoutSeconds = model.Readiness?.TimeoutSeconds ?? 0,
            SecretDirectories = (model.SecretVolumes ?? []).Where(v => v.AsConfiguration).Select(v => v.MountPath).ToArray(),
        };
    }

    // Apart, and not inlined, so that reading the metadata never touches the model library's types.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RuntimeModel FromDeclarationJson(string json) => From(DeploymentModelJson.Parse(json));

    private static RuntimeModel FromMetadata(Dictionary<string, string> values)
    {
        var secretDirectories = new List<string>();
        for (var i = 0; values.TryGetValue("SecretDirectory." + i.ToString(CultureInfo.InvariantCulture), out var directory); i++)
        {
            secretDirectories.Add(directory);
        }

        return new RuntimeModel
        {
            LivenessPath = values.GetValueOrDefault("LivenessPath"),
            ReadinessPath = values.GetValueOrDefault("ReadinessPath"),
            StartupPath = values.GetValueOrDefault("StartupPath"),
            ManagementPort = Number(values, "ManagementPort"),
            LivenessAppPort = Number(values, "LivenessAppPort"),
            ReadinessAppPort = Number(values, "ReadinessAppPort"),
            StartupAppPort = Number(values, "StartupAppPort"),
            DrainDelaySeconds = Number(values, "DrainDelaySeconds"),
            ShutdownTimeoutSeconds = Number(values, "ShutdownTimeoutSeconds"),
            ReadinessTimeoutSeconds = Number(values, "ReadinessTimeoutSeconds") ?? 0,
            SecretDirectories = secretDirectories,
        };
    }

    private static int? Number(Dictionary<string, string> values, string key)
    {
        if (!values.TryGetValue(key, out var text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException(
                $"Assembly metadata '{MetadataPrefix}{key}' is '{text}', not a whole number. ClusterReady's generator writes it: rebuild the project, and do not declare these attributes by hand.");
    }
}
