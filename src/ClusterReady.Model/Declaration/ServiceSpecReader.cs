using System.Collections.Generic;

namespace ClusterReady.Model.Declaration;

/// <summary>Turns the declared attributes into a <see cref="ServiceSpec"/>. Never throws.</summary>
internal static class ServiceSpecReader
{
    public static ServiceSpec Read(ServiceDeclaration declaration)
    {
        string? name = null, @namespace = null, imageRepository = null, imageTag = null;
        int? replicas = null;
        var highlyAvailable = false;
        var ports = new List<PortSpec>();
        ProbeSpec? liveness = null, readiness = null, startup = null;
        ResourcesSpec? resources = null;
        var environment = new List<EnvironmentVariableSpec>();
        var secretEnvironment = new List<SecretEnvironmentVariableSpec>();
        var secretVolumes = new List<SecretVolumeSpec>();
        var configMaps = new List<ConfigMapSpec>();
        ShutdownSpec? shutdown = null;
        AutoscalingSpec? autoscaling = null;
        DisruptionBudgetSpec? disruptionBudget = null;
        IngressSpec? ingress = null;
        HttpRouteSpec? httpRoute = null;
        SecuritySpec? security = null;
        NetworkPolicySpec? networkPolicy = null;
        var overlays = new List<OverlaySpec>();
        var dependsOn = new List<string>();
        LatencyProfileSpec? latencyProfile = null;

        foreach (var read in declaration.Attributes)
        {
            switch (read.MetadataName)
            {
                case KnownAttributes.KubernetesService:
                    name = read.String("Name");
                    @namespace = read.String("Namespace");
                    replicas = read.Int("Replicas");
                    highlyAvailable = read.Bool("HighlyAvailable") ?? false;
                    break;
                case KnownAttributes.ContainerImage:
                    imageRepository = read.String("Repository");
                    imageTag = read.String("Tag");
                    break;
                case KnownAttributes.ContainerPort:
                    if (read.Int("Port") is { } port)
                    {
                        ports.Add(new PortSpec(port, read.String("Name"), read.String("Protocol"), read.Bool("Management") ?? false));
                    }

                    break;
                case KnownAttributes.LivenessProbe:
                    liveness = ReadProbe(read);
                    break;
                case KnownAttributes.ReadinessProbe:
                    readiness = ReadProbe(read);
                    break;
                case KnownAttributes.StartupProbe:
                    startup = ReadProbe(read);
                    break;
                case KnownAttributes.Resources:
                    resources = ReadResources(read);
                    break;
                case KnownAttributes.EnvironmentVariable:
                    environment.Add(new EnvironmentVariableSpec(read.String("Name"), read.String("Value")));
                    break;
                case KnownAttributes.SecretEnvironmentVariable:
                    secretEnvironment.Add(new SecretEnvironmentVariableSpec(
                        read.String("Name"), read.String("SecretName"), read.String("Key"), read.Bool("Optional") ?? false));
                    break;
                case KnownAttributes.SecretVolume:
                    secretVolumes.Add(new SecretVolumeSpec(
                        read.String("SecretName"), read.String("MountPath"), read.Bool("AsConfiguration") ?? true));
                    break;
                case KnownAttributes.ConfigMap:
                    configMaps.Add(new ConfigMapSpec(read.String("Name"), read.String("MountPath")));
                    break;
                case KnownAttributes.GracefulShutdown:
                    shutdown = new ShutdownSpec(
                        read.Int("DrainDelaySeconds"), read.Int("ShutdownTimeoutSeconds"), read.Int("MarginSeconds"));
                    break;
                case KnownAttributes.Autoscaling:
                    autoscaling = new AutoscalingSpec(
                        read.Int("MinReplicas") ?? 0,
                        read.Int("MaxReplicas") ?? 0,
                        read.Int("CpuUtilization"),
                        read.Int("MemoryUtilization"),
                        read.Int("ScaleDownStabilizationSeconds"));
                    break;
                case KnownAttributes.DisruptionBudget:
                    disruptionBudget = new DisruptionBudgetSpec(read.Int("MinAvailable"), read.Int("MaxUnavailable"));
                    break;
                case KnownAttributes.Ingress:
                    ingress = new IngressSpec(
                        read.String("Host"), read.String("Path"), read.String("TlsSecretName"), read.String("ClassName"));
                    break;
                case KnownAttributes.HttpRoute:
                    httpRoute = new HttpRouteSpec(
                        read.String("Host"), read.String("Gateway"), read.String("GatewayNamespace"), read.String("Path"));
                    break;
                case KnownAttributes.PodSecurity:
                    security = new SecuritySpec(
                        read.Long("RunAsUser"),
                        read.Bool("RunAsNonRoot"),
                        read.Bool("AllowPrivilegeEscalation"),
                        read.Bool("ReadOnlyRootFilesystem"),
                        read.Bool("AutomountServiceAccountToken"));
                    break;
                case KnownAttributes.NetworkPolicy:
                    networkPolicy = new NetworkPolicySpec(
                        read.Strings("AllowFromPodLabels").ToEquatableArray(),
                        read.Strings("AllowFromNamespaces").ToEquatableArray());
                    break;
                case KnownAttributes.EnvironmentOverlay:
                    overlays.Add(new OverlaySpec(
                        read.String("Name"),
                        read.Int("Replicas"),
                        read.String("ImageTag"),
                        ReadResources(read),
                        read.Int("MinReplicas"),
                        read.Int("MaxReplicas")));
                    break;
                case KnownAttributes.LatencyProfile:
                    latencyProfile = new LatencyProfileSpec(read.Int("WarmupTimeoutSeconds"));
                    break;
                case KnownAttributes.DependsOn:
                    if (read.String("Service") is { } dependency)
                    {
                        dependsOn.Add(dependency);
                    }

                    break;
            }
        }

        return new ServiceSpec(
            declaration.TypeName,
            name,
            @namespace,
            replicas,
            highlyAvailable,
            imageRepository,
            imageTag,
            ports.ToEquatableArray(),
            liveness,
            readiness,
            startup,
            resources,
            environment.ToEquatableArray(),
            secretEnvironment.ToEquatableArray(),
            secretVolumes.ToEquatableArray(),
            configMaps.ToEquatableArray(),
            shutdown,
            autoscaling,
            disruptionBudget,
            ingress,
            httpRoute,
            security,
            networkPolicy,
            overlays.ToEquatableArray(),
            dependsOn.ToEquatableArray(),
            latencyProfile);
    }

    private static ProbeSpec ReadProbe(DeclaredAttribute read) => new(
        read.String("Path"),
        read.String("Port"),
        read.Int("InitialDelaySeconds"),
        read.Int("PeriodSeconds"),
        read.Int("TimeoutSeconds"),
        read.Int("FailureThreshold"));

    private static ResourcesSpec? ReadResources(DeclaredAttribute read)
    {
        var spec = new ResourcesSpec(
            read.String("CpuRequest"), read.String("CpuLimit"), read.String("MemoryRequest"), read.String("MemoryLimit"));
        return spec is { CpuRequest: null, CpuLimit: null, MemoryRequest: null, MemoryLimit: null } ? null : spec;
    }
}
