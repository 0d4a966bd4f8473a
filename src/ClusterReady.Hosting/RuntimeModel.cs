using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using ClusterReady.Model;
using ClusterReady.Model.Contract;

namespace ClusterReady.Hosting;

/// <summary>
/// The part of the deployment model that the runtime acts on: probe paths and ports, the management port, the shutdown
/// timeline and the grace period the manifest gives it, the warm-up timeout and the startup probe's budget that bounds
/// it, the secret directories read as configuration.
/// </summary>
/// <remarks>
/// <para>
/// One channel: the generator writes <see cref="RuntimeContract.Write"/> of the resolved model as
/// <c>AssemblyMetadata("ClusterReady.Runtime.*", value)</c> attributes, and this reads them back with the contract's
/// key constants. Reading them at start-up takes no JSON parser and loads none of the model library's types (about 2
/// to 4 ms of every start otherwise).
/// </para>
/// <para>
/// An assembly that embeds the declaration without these attributes is resolved with the model's resolver and read
/// through the same <see cref="RuntimeContract.Write"/>.
/// </para>
/// </remarks>
internal sealed class RuntimeModel
{
    /// <summary>The prefix of the metadata keys.</summary>
    public const string MetadataPrefix = RuntimeContract.Prefix;

    /// <summary>The service's name, for messages.</summary>
    public string ServiceName { get; init; } = "";

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

    /// <summary>Seconds the manifest keeps after the shutdown timeout for the process to exit; null: unknown.</summary>
    public int? MarginSeconds { get; init; }

    /// <summary>The pod's terminationGracePeriodSeconds; null: unknown (the options are then not held to it).</summary>
    public int? TerminationGracePeriodSeconds { get; init; }

    /// <summary>The readiness probe's <c>timeoutSeconds</c>; 0 when the model has none.</summary>
    public int ReadinessTimeoutSeconds { get; init; }

    /// <summary>Seconds the warm-up work may take before readiness answers 200 anyway; null: the option's default.</summary>
    public int? WarmupTimeoutSeconds { get; init; }

    /// <summary>The startup probe's budget (initialDelaySeconds + periodSeconds x failureThreshold); null: unknown.</summary>
    public int? StartupBudgetSeconds { get; init; }

    /// <summary>The startup budget less one period: the longest warm-up the manifest allows; null: unknown (not checked).</summary>
    public int? MaximumWarmupSeconds { get; init; }

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
            else if (metadata.Key == DeclarationJson.MetadataKey)
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

    // Apart, and not inlined, so that reading the metadata never touches the model library's types.
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static RuntimeModel FromDeclarationJson(string json)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in RuntimeContract.Write(DeploymentModelJson.Parse(json)))
        {
            values[value.Key] = value.Value;
        }

        return FromMetadata(values);
    }

    /// <summary>Reads the values <see cref="RuntimeContract.Write"/> wrote, keys without the prefix.</summary>
    internal static RuntimeModel FromMetadata(IReadOnlyDictionary<string, string> values)
    {
        var secretDirectories = new List<string>();
        for (var i = 0; values.TryGetValue(RuntimeContract.SecretDirectoryPrefix + i.ToString(CultureInfo.InvariantCulture), out var directory); i++)
        {
            secretDirectories.Add(directory);
        }

        return new RuntimeModel
        {
            ServiceName = values.GetValueOrDefault(RuntimeContract.ServiceName) ?? "",
            LivenessPath = values.GetValueOrDefault(RuntimeContract.LivenessPath),
            ReadinessPath = values.GetValueOrDefault(RuntimeContract.ReadinessPath),
            StartupPath = values.GetValueOrDefault(RuntimeContract.StartupPath),
            ManagementPort = Number(values, RuntimeContract.ManagementPort),
            LivenessAppPort = Number(values, RuntimeContract.LivenessAppPort),
            ReadinessAppPort = Number(values, RuntimeContract.ReadinessAppPort),
            StartupAppPort = Number(values, RuntimeContract.StartupAppPort),
            DrainDelaySeconds = Number(values, RuntimeContract.DrainDelaySeconds),
            ShutdownTimeoutSeconds = Number(values, RuntimeContract.ShutdownTimeoutSeconds),
            MarginSeconds = Number(values, RuntimeContract.MarginSeconds),
            TerminationGracePeriodSeconds = Number(values, RuntimeContract.TerminationGracePeriodSeconds),
            ReadinessTimeoutSeconds = Number(values, RuntimeContract.ReadinessTimeoutSeconds) ?? 0,
            WarmupTimeoutSeconds = Number(values, RuntimeContract.WarmupTimeoutSeconds),
            StartupBudgetSeconds = Number(values, RuntimeContract.StartupBudgetSeconds),
            MaximumWarmupSeconds = Number(values, RuntimeContract.MaximumWarmupSeconds),
            SecretDirectories = secretDirectories,
        };
    }

    private static int? Number(IReadOnlyDictionary<string, string> values, string key)
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
