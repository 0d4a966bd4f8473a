using System;
using System.Collections.Generic;
using System.Globalization;
using ClusterReady.Model.Declaration;

namespace ClusterReady.Model.Resolution;

/// <summary>
/// Resolves what the attributes leave open (port names, the port a probe targets, replicas) with the defaults of
/// <see cref="ModelDefaults"/>: the generator, the rules and the runtime's values all come from here.
/// </summary>
internal static class ModelResolver
{
    /// <summary>
    /// The deployment model of a declaration: every value the attributes leave open filled in from
    /// <see cref="ModelDefaults"/>. The build step resolves what the rulebook accepted; a value the rules refuse is not
    /// repaired here (run <c>Rulebook.Check</c> first).
    /// </summary>
    public static DeploymentModel Resolve(ServiceDeclaration declaration)
    {
        var spec = declaration.Spec;
        var ports = ResolvePorts(spec, declaration.App);
        var probePort = DefaultProbePort(ports);
        var security = spec.Security;
        var profile = spec.LatencyProfile is not null;
        var startup = Probe(spec.Startup, ModelDefaults.StartupPath, ModelDefaults.Startup, probePort);
        return new DeploymentModel
        {
            Name = declaration.ServiceName,
            Namespace = spec.Namespace,
            ImageRepository = spec.ImageRepository,
            ImageTag = spec.ImageTag,
            Replicas = Replicas(spec),
            HighlyAvailable = spec.HighlyAvailable,
            Ports = Map(ports, port => new PortModel
            {
                Name = port.Name!,
                Port = port.Port,
                Protocol = port.Protocol ?? ModelDefaults.Protocol,
                Management = port.Management,
            }),
            Liveness = Probe(spec.Liveness, ModelDefaults.LivenessPath, ModelDefaults.Liveness, probePort),
            Readiness = Probe(spec.Readiness, ModelDefaults.ReadinessPath, ModelDefaults.Readiness, probePort),
            Startup = startup,
            Resources = Resources(spec.Resources, profile),
            Environment = Map(spec.Environment, variable => new EnvironmentVariableModel(variable.Name ?? "", variable.Value ?? "")),
            SecretEnvironment = Map(spec.SecretEnvironment, variable =>
                new SecretEnvironmentVariableModel(variable.Name ?? "", variable.SecretName ?? "", variable.Key ?? "", variable.Optional)),
            SecretVolumes = Map(spec.SecretVolumes, volume =>
                new SecretVolumeModel(volume.SecretName ?? "", volume.MountPath ?? "") { AsConfiguration = volume.AsConfiguration }),
            ConfigMaps = Map(spec.ConfigMaps, configMap => new ConfigMapModel(configMap.Name ?? "") { MountPath = configMap.MountPath }),
            Shutdown = new ShutdownModel
            {
                DrainDelaySeconds = spec.Shutdown?.DrainDelaySeconds ?? ModelDefaults.DrainDelaySeconds,
                ShutdownTimeoutSeconds = spec.Shutdown?.ShutdownTimeoutSeconds ?? ModelDefaults.ShutdownTimeoutSeconds,
                MarginSeconds = spec.Shutdown?.MarginSeconds ?? ModelDefaults.ShutdownMarginSeconds,
            },
            Autoscaling = spec.Autoscaling is { } autoscaling
                ? new AutoscalingModel
                {
                    MinReplicas = autoscaling.MinReplicas,
                    MaxReplicas = autoscaling.MaxReplicas,
                    CpuUtilization = autoscaling.CpuUtilization,
                    MemoryUtilization = autoscaling.MemoryUtilization,
                    ScaleDownStabilizationSeconds = autoscaling.ScaleDownStabilizationSeconds ?? ModelDefaults.ScaleDownStabilizationSeconds,
                }
                : null,
            DisruptionBudget = spec.DisruptionBudget is { } budget
                ? new DisruptionBudgetModel
                {
                    MinAvailable = budget.MinAvailable?.ToString(CultureInfo.InvariantCulture),
                    MaxUnavailable = budget.MaxUnavailable?.ToString(CultureInfo.InvariantCulture),
                }
                : null,
            Ingress = spec.Ingress is { } ingress
                ? new IngressModel(ingress.Host ?? "") { Path = ingress.Path ?? ModelDefaults.IngressPath, TlsSecretName = ingress.TlsSecretName, ClassName = ingress.ClassName }
                : null,
            HttpRoute = spec.HttpRoute is { } route
                ? new HttpRouteModel(route.Host ?? "", route.Gateway ?? "") { GatewayNamespace = route.GatewayNamespace, Path = route.Path ?? ModelDefaults.IngressPath }
                : null,
            Security = new SecurityModel
            {
                RunAsUser = security?.RunAsUser ?? ModelDefaults.RunAsUser,
                RunAsNonRoot = security?.RunAsNonRoot ?? ModelDefaults.RunAsNonRoot,
                AllowPrivilegeEscalation = security?.AllowPrivilegeEscalation ?? ModelDefaults.AllowPrivilegeEscalation,
                ReadOnlyRootFilesystem = security?.ReadOnlyRootFilesystem ?? ModelDefaults.ReadOnlyRootFilesystem,
                AutomountServiceAccountToken = security?.AutomountServiceAccountToken ?? ModelDefaults.AutomountServiceAccountToken,
            },
            NetworkPolicy = spec.NetworkPolicy is { } policy
                ? new NetworkPolicyModel
                {
                    AllowFromPodLabels = Map(policy.AllowFromPodLabels, label => label),
                    AllowFromNamespaces = Map(policy.AllowFromNamespaces, ns => ns),
                }
                : null,
            // Replicas = 0 written on an overlay scales that environment to zero (not written: the base's). 0 means "not
            // set" for its autoscaling counts, as for the attribute's defaults: an autoscaler does not scale to zero.
            Overlays = Map(spec.Overlays, overlay => new EnvironmentOverlayModel(overlay.Name ?? "")
            {
                Replicas = overlay.Replicas is >= 0 ? overlay.Replicas : null,
                ImageTag = overlay.ImageTag,
                Resources = Resources(overlay.Resources, profile),
                MinReplicas = overlay.MinReplicas is > 0 ? overlay.MinReplicas : null,
                MaxReplicas = overlay.MaxReplicas is > 0 ? overlay.MaxReplicas : null,
            }),
            DependsOn = Map(spec.DependsOn, service => service),
            LatencyProfile = spec.LatencyProfile is { } latency
                ? new LatencyProfileModel
                {
                    WarmupTimeoutSeconds = latency.WarmupTimeoutSeconds is > 0 and var timeout
                        ? timeout
                        : (int)LatencyProfile.MaximumWarmupSeconds(startup),
                }
                : null,
        };
    }

    /// <summary>Replicas in the base: at least 2 when highly available, and within the autoscaling range.</summary>
    public static int BaseReplicas(DeploymentModel model) => ClampToAutoscaling(
        model.HighlyAvailable ? Math.Max(model.Replicas, ModelDefaults.HighlyAvailableReplicas) : model.Replicas,
        model.Autoscaling?.MinReplicas,
        model.Autoscaling?.MaxReplicas);

    /// <summary>Keeps replicas inside the autoscaler's range, so applying the manifest never fights the autoscaler.</summary>
    public static int ClampToAutoscaling(int replicas, int? min, int? max) =>
        min is { } low && max is { } high && low <= high ? Math.Min(Math.Max(replicas, low), high) : replicas;

    /// <summary>
    /// The environments' overlays: the declared ones, or when none is declared <c>staging</c>, identical to the base, and
    /// <c>production</c>, with at least <see cref="ModelDefaults.ProductionMinimumReplicas"/> replicas (and an autoscaler
    /// minimum of at least that, within its maximum).
    /// </summary>
    public static IReadOnlyList<EnvironmentOverlayModel> Overlays(DeploymentModel model) => model.Overlays.Count > 0 ? model.Overlays : new[]
    {
        new EnvironmentOverlayModel(ModelDefaults.StagingEnvironment),
        new EnvironmentOverlayModel(ModelDefaults.ProductionEnvironment)
        {
            Replicas = Math.Max(model.Replicas, ModelDefaults.ProductionMinimumReplicas),
            MinReplicas = model.Autoscaling is { } autoscaling
                ? Math.Max(autoscaling.MinReplicas, Math.Min(ModelDefaults.ProductionMinimumReplicas, autoscaling.MaxReplicas))
                : null,
        },
    };

    /// <summary>Every environment, complete: the base with the environment's overlay applied.</summary>
    public static IReadOnlyList<EnvironmentModel> Environments(DeploymentModel model)
    {
        var baseReplicas = BaseReplicas(model);
        return Map(Overlays(model), overlay =>
        {
            var autoscaling = model.Autoscaling;
            int? min = autoscaling is null ? null : overlay.MinReplicas ?? autoscaling.MinReplicas;
            int? max = autoscaling is null ? null : overlay.MaxReplicas ?? autoscaling.MaxReplicas;
            return new EnvironmentModel(
                overlay,
                ClampToAutoscaling(overlay.Replicas ?? baseReplicas, min, max),
                min,
                max,
                MergeResources(model.Resources, overlay.Resources),
                overlay.ImageTag ?? model.ImageTag);
        });
    }

    /// <summary>The resources of an environment: the overlay's values where set, else the base's.</summary>
    public static ResourcesModel? MergeResources(ResourcesModel? service, ResourcesModel? overlay) =>
        overlay is null ? service : new ResourcesModel
        {
            CpuRequest = overlay.CpuRequest ?? service?.CpuRequest,
            CpuLimit = overlay.CpuLimit ?? service?.CpuLimit,
            MemoryRequest = overlay.MemoryRequest ?? service?.MemoryRequest,
            MemoryLimit = overlay.MemoryLimit ?? service?.MemoryLimit,
        };

    private static ProbeModel Probe(ProbeSpec? probe, string defaultPath, ModelDefaults.ProbeTimings timings, string defaultPort) => new()
    {
        Path = ProbePath(probe, defaultPath),
        Port = ProbePort(probe, defaultPort),
        InitialDelaySeconds = probe?.InitialDelaySeconds ?? 0,
        PeriodSeconds = probe?.PeriodSeconds ?? timings.PeriodSeconds,
        TimeoutSeconds = probe?.TimeoutSeconds ?? timings.TimeoutSeconds,
        FailureThreshold = probe?.FailureThreshold ?? timings.FailureThreshold,
    };

    /// <summary>The declared resources; under the latency profile Guaranteed (each request equal to its limit).</summary>
    private static ResourcesModel? Resources(ResourcesSpec? resources, bool latencyProfile)
    {
        var declared = resources is null ? null : new ResourcesModel
        {
            CpuRequest = resources.CpuRequest,
            CpuLimit = resources.CpuLimit,
            MemoryRequest = resources.MemoryRequest,
            MemoryLimit = resources.MemoryLimit,
        };
        return latencyProfile ? LatencyProfile.Guaranteed(declared) : declared;
    }

    private static IReadOnlyList<TResult> Map<T, TResult>(IEnumerable<T> items, System.Func<T, TResult> map)
    {
        var result = new List<TResult>();
        foreach (var item in items)
        {
            result.Add(map(item));
        }

        return result;
    }

    /// <summary>Replicas: the declared value when positive, else 2 for a highly available service, else 1.</summary>
    public static int Replicas(ServiceSpec spec) =>
        spec.Replicas is > 0 and var replicas ? replicas : spec.HighlyAvailable ? ModelDefaults.HighlyAvailableReplicas : ModelDefaults.Replicas;

    /// <summary>Declared ports with names filled in; a default port when none is declared.</summary>
    public static IReadOnlyList<PortSpec> ResolvePorts(ServiceSpec spec, AppFacts app)
    {
        if (spec.Ports.Count == 0)
        {
            return app.IsWebApp
                ? new[] { new PortSpec(ModelDefaults.WebPort, ModelDefaults.AppPortName, ModelDefaults.Protocol, Management: false) }
                : new[] { new PortSpec(ModelDefaults.WorkerManagementPort, ModelDefaults.ManagementPortName, ModelDefaults.Protocol, Management: true) };
        }

        var resolved = new List<PortSpec>(spec.Ports.Count);
        var firstAppPort = true;
        foreach (var port in spec.Ports)
        {
            var name = port.Name;
            if (name is null)
            {
                name = port.Management ? ModelDefaults.ManagementPortName
                    : firstAppPort ? ModelDefaults.AppPortName
                    : ModelDefaults.AppPortName + "-" + port.Port.ToString(CultureInfo.InvariantCulture);
            }

            if (!port.Management)
            {
                firstAppPort = false;
            }

            resolved.Add(port with { Name = name });
        }

        return resolved;
    }

    /// <summary>
    /// The port a probe targets when it names none: the management port, else the first; "" when there is no port
    /// (the rules ask this of ports that may still be unnamed).
    /// </summary>
    public static string DefaultProbePort(IReadOnlyList<PortSpec> ports)
    {
        foreach (var port in ports)
        {
            if (port.Management)
            {
                return port.Name ?? "";
            }
        }

        return ports.Count > 0 ? ports[0].Name ?? "" : "";
    }

    public static string ProbePath(ProbeSpec? probe, string defaultPath) => probe?.Path ?? defaultPath;

    public static string ProbePort(ProbeSpec? probe, string defaultPort) => probe?.Port ?? defaultPort;
}
