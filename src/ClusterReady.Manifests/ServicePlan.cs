using ClusterReady.Model;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Manifests;

/// <summary>
/// The effective values of one service, resolved once from a validated request so every artifact agrees on them:
/// the name, image, replica counts, which ports are public and what each environment overrides.
/// </summary>
internal sealed class ServicePlan
{
    public const string NameLabel = "app.kubernetes.io/name";
    public const string VersionLabel = "app.kubernetes.io/version";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "clusterready";

    private ServicePlan(ArtifactRequest request)
    {
        Request = request;
        Model = request.Model;
        Name = ResolveName(request);
        Version = StripBuildMetadata(request.AssemblyVersion);
        ImageRepository = Model.ImageRepository ?? Name;
        ImageTag = Model.ImageTag ?? Version;
        ManagementPort = Model.Ports.FirstOrDefault(p => p.Management);
        AppPorts = Model.Ports.Where(p => !p.Management).ToArray();
        Replicas = ModelResolver.BaseReplicas(Model);
        HasDisruptionBudget = Model.DisruptionBudget is not null || Replicas >= 2;
        RuntimeSettings = LatencyProfile.RuntimeSettings(Model, Model.Resources);
        Overlays = ModelResolver.Environments(Model).Select(environment => new OverlayPlan(this, environment)).ToArray();
    }

    public ArtifactRequest Request { get; }

    public DeploymentModel Model { get; }

    /// <summary>The name of the Deployment, Service, ServiceAccount and container.</summary>
    public string Name { get; }

    /// <summary>The application version (informational version without build metadata).</summary>
    public string Version { get; }

    public string ImageRepository { get; }

    public string ImageTag { get; }

    public string Image => $"{ImageRepository}:{ImageTag}";

    public PortModel? ManagementPort { get; }

    /// <summary>The ports the Service exposes: every port except the management port.</summary>
    public IReadOnlyList<PortModel> AppPorts { get; }

    /// <summary>The port Ingress routes to: the first TCP application port.</summary>
    public PortModel? HttpPort => AppPorts.FirstOrDefault(p => p.Protocol == "TCP");

    /// <summary>Replicas in the base: at least 2 when highly available, and within the autoscaling range.</summary>
    public int Replicas { get; }

    /// <summary>Whether the base has a PodDisruptionBudget: the model asks for one, or there is more than one replica.</summary>
    public bool HasDisruptionBudget { get; }

    /// <summary>
    /// The latency profile's .NET runtime settings for the base's resources (none without the profile): the
    /// Deployment's container, the image and the Compose service all set them; an environment with other resources
    /// sets its own (<see cref="OverlayPlan.ChangedRuntimeSettings"/>).
    /// </summary>
    public IReadOnlyList<EnvironmentVariableModel> RuntimeSettings { get; }

    public IReadOnlyList<OverlayPlan> Overlays { get; }

    /// <summary>The one label that selects the pods; it never changes over the life of the Deployment.</summary>
    public IDictionary<string, string> SelectorLabels => Labels((NameLabel, Name));

    /// <summary>The labels Kustomize puts on every object and pod template.</summary>
    public IDictionary<string, string> CommonLabels =>
        Labels((NameLabel, Name), (VersionLabel, Version), (ManagedByLabel, ManagedByValue));

    /// <summary>
    /// The port a probe targets: the one it names, else the management port, else the first port; null when the
    /// model has no ports.
    /// </summary>
    public PortModel? ProbePort(ProbeModel probe) =>
        probe.Port is { } name ? Model.Ports.FirstOrDefault(p => p.Name == name) : ManagementPort ?? Model.Ports.FirstOrDefault();

    /// <summary>Resolves the plan of a request that passed validation.</summary>
    public static ServicePlan Create(ArtifactRequest request) => new(request);

    /// <summary>The model's name, or the RFC 1123 label form of the assembly name.</summary>
    public static string ResolveName(ArtifactRequest request) =>
        request.Model.Name ?? ServiceNames.FromAssemblyName(request.AssemblyName);

    /// <summary>Drops the build metadata ("+sha") of an informational version.</summary>
    public static string StripBuildMetadata(string version)
    {
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    /// <summary>Sorted labels, so the YAML is the same on every run.</summary>
    public static SortedDictionary<string, string> Labels(params (string Key, string Value)[] pairs)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            labels[key] = value;
        }

        return labels;
    }
}

/// <summary>The effective values of one environment's overlay.</summary>
internal sealed class OverlayPlan
{
    public OverlayPlan(ServicePlan service, EnvironmentModel environment)
    {
        var overlay = environment.Overlay;
        Overlay = overlay;
        Directory = overlay.Name.ToLowerInvariant();
        (EnvironmentName, AppSettingsJson) = FindAppSettings(service.Request.AppSettingsByEnvironment, overlay.Name);
        MinReplicas = environment.MinReplicas;
        MaxReplicas = environment.MaxReplicas;
        EffectiveReplicas = environment.Replicas;
        Replicas = overlay.Replicas is not null || EffectiveReplicas != service.Replicas ? EffectiveReplicas : null;
        NeedsDisruptionBudget = !service.HasDisruptionBudget && EffectiveReplicas >= 2;
        ChangedRuntimeSettings = LatencyProfile.RuntimeSettings(service.Model, environment.Resources).Except(service.RuntimeSettings).ToArray();
        PatchesAutoscaler = service.Model.Autoscaling is not null && (overlay.MinReplicas is not null || overlay.MaxReplicas is not null);
    }

    public EnvironmentOverlayModel Overlay { get; }

    /// <summary>The overlay's folder under <c>kubernetes/overlays/</c>: the lowercase overlay name.</summary>
    public string Directory { get; }

    /// <summary>
    /// The .NET environment name (DOTNET_ENVIRONMENT): the casing of the matching <c>appsettings.{Environment}.json</c>
    /// when there is one (file names are case-sensitive on Linux), else the overlay name with a capital first letter,
    /// as in .NET's own "Staging" and "Production".
    /// </summary>
    public string EnvironmentName { get; }

    /// <summary>The text of <c>appsettings.{EnvironmentName}.json</c>, or null.</summary>
    public string? AppSettingsJson { get; }

    /// <summary>The text of <c>appsettings.{EnvironmentName}.json</c> with "\n" line endings, as the ConfigMap holds it; or null.</summary>
    public string? AppSettingsText => AppSettingsJson?.ReplaceLineEndings("\n");

    /// <summary>True when the overlay patches the autoscaler's range.</summary>
    public bool PatchesAutoscaler { get; }

    public string AppSettingsFileName => $"appsettings.{EnvironmentName}.json";

    /// <summary>Replicas in this environment: the overlay's or the base's, kept within this environment's autoscaling range.</summary>
    public int EffectiveReplicas { get; }

    /// <summary>The replicas the overlay patches in, or null when the base's count stands.</summary>
    public int? Replicas { get; }

    public int? MinReplicas { get; }

    public int? MaxReplicas { get; }

    /// <summary>True when the base has no PodDisruptionBudget but this environment runs more than one replica.</summary>
    public bool NeedsDisruptionBudget { get; }

    /// <summary>
    /// The latency profile's runtime settings of this environment's resources that differ from the base's (none without
    /// the profile): what the environment's overrides set on top of <see cref="ServicePlan.RuntimeSettings"/>.
    /// </summary>
    public IReadOnlyList<EnvironmentVariableModel> ChangedRuntimeSettings { get; }

    public static (string EnvironmentName, string? Json) FindAppSettings(IReadOnlyDictionary<string, string> appSettings, string overlayName)
    {
        // The keys are compared here rather than by the dictionary, whose comparer may ignore case: the key's own
        // casing is what names the file.
        var matches = appSettings
            .Where(pair => string.Equals(pair.Key, overlayName, StringComparison.OrdinalIgnoreCase))
            .OrderBy(pair => pair.Key == overlayName ? 0 : 1)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal);
        foreach (var (environment, json) in matches)
        {
            return (environment, json);
        }

        return (char.ToUpperInvariant(overlayName[0]) + overlayName[1..], null);
    }
}
