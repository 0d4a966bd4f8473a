using ClusterReady.Model.Rules;
using ClusterReady.Model;
using k8s.Models;

namespace ClusterReady.Manifests;

/// <summary>Builds the typed Kubernetes objects of a <see cref="ServicePlan"/>.</summary>
internal static class KubernetesObjects
{
    /// <summary>The annotation whose change rolls the pods when an environment's appsettings change.</summary>
    public const string AppSettingsHashAnnotation = "clusterready.io/appsettings-sha256";

    private const string TmpVolume = "tmp";
    private const string AppSettingsVolume = "appsettings";

    public static V1ServiceAccount ServiceAccount(ServicePlan plan) => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = new V1ObjectMeta { Name = plan.Name },
        AutomountServiceAccountToken = plan.Model.Security.AutomountServiceAccountToken,
    };

    public static V1Deployment Deployment(ServicePlan plan)
    {
        var model = plan.Model;
        var security = model.Security;
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = plan.Name },
            Spec = new V1DeploymentSpec
            {
                Replicas = plan.Replicas,
                RevisionHistoryLimit = 5,
                // A pod must stay ready this long before it counts as available, so a pod that crashes right after
                // its first ready probe stops the rollout instead of replacing the next healthy pod.
                MinReadySeconds = 5,
                Selector = new V1LabelSelector { MatchLabels = plan.SelectorLabels },
                // Never below the desired count during a rollout: new pods come up before old ones go.
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = "25%" },
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = plan.SelectorLabels },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = plan.Name,
                        AutomountServiceAccountToken = security.AutomountServiceAccountToken,
                        // Without this every Service in the namespace adds *_PORT/*_HOST variables, and .NET reads
                        // environment variables as configuration; the app finds services through DNS instead.
                        EnableServiceLinks = false,
                        // No preStop hook: the images have no shell, and the app itself keeps serving for the drain delay after SIGTERM.
                        TerminationGracePeriodSeconds = model.Shutdown.TerminationGracePeriodSeconds,
                        SecurityContext = new V1PodSecurityContext
                        {
                            RunAsNonRoot = security.RunAsNonRoot,
                            RunAsUser = security.RunAsUser,
                            RunAsGroup = security.RunAsUser,
                            FsGroup = security.RunAsUser,
                            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                        },
                        TopologySpreadConstraints =
                        [
                            Spread(plan, "kubernetes.io/hostname"),
                            Spread(plan, "topology.kubernetes.io/zone"),
                        ],
                        Containers = [Container(plan)],
                        Volumes = Volumes(plan),
                    },
                },
            },
        };
    }

    /// <summary>
    /// Spreads the pods over nodes and zones when the scheduler can, without ever leaving a pod pending for it.
    /// Only pods of the same rollout (pod-template-hash) are counted, so old pods about to go do not skew placement.
    /// </summary>
    private static V1TopologySpreadConstraint Spread(ServicePlan plan, string topologyKey) => new()
    {
        MaxSkew = 1,
        TopologyKey = topologyKey,
        WhenUnsatisfiable = "ScheduleAnyway",
        LabelSelector = new V1LabelSelector { MatchLabels = plan.SelectorLabels },
        MatchLabelKeys = ["pod-template-hash"],
    };

    private static V1Container Container(ServicePlan plan)
    {
        var model = plan.Model;
        return new V1Container
        {
            Name = plan.Name,
            Image = plan.Image,
            ImagePullPolicy = "IfNotPresent",
            // The end of the log explains a crash in `kubectl describe pod` when the app could not write a message.
            TerminationMessagePolicy = "FallbackToLogsOnError",
            Ports = NullIfEmpty(model.Ports.Select(p => new V1ContainerPort { Name = p.Name, ContainerPort = p.Port, Protocol = p.Protocol })),
            Env = NullIfEmpty(EnvironmentVariables(plan)),
            EnvFrom = NullIfEmpty(model.ConfigMaps
                .Where(c => c.MountPath is null)
                .Select(c => new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = c.Name } })),
            Resources = Resources(model.Resources),
            LivenessProbe = Probe(plan, model.Liveness),
            ReadinessProbe = Probe(plan, model.Readiness),
            StartupProbe = Probe(plan, model.Startup),
            SecurityContext = new V1SecurityContext
            {
                AllowPrivilegeEscalation = model.Security.AllowPrivilegeEscalation,
                ReadOnlyRootFilesystem = model.Security.ReadOnlyRootFilesystem,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
            },
            VolumeMounts = NullIfEmpty(VolumeMounts(plan)),
        };
    }

    private static IEnumerable<V1EnvVar> EnvironmentVariables(ServicePlan plan) =>
        plan.RuntimeSettings.Concat(plan.Model.Environment).Select(e => new V1EnvVar { Name = e.Name, Value = e.Value })
            .Concat(plan.Model.SecretEnvironment.Select(e => new V1EnvVar
            {
                Name = e.Name,
                ValueFrom = new V1EnvVarSource
                {
                    SecretKeyRef = new V1SecretKeySelector { Name = e.SecretName, Key = e.Key, Optional = e.Optional ? true : null },
                },
            }));

    public static V1ResourceRequirements? Resources(ResourcesModel? resources)
    {
        if (resources is null)
        {
            return null;
        }

        var requests = Quantities(("cpu", resources.CpuRequest), ("memory", resources.MemoryRequest));
        var limits = Quantities(("cpu", resources.CpuLimit), ("memory", resources.MemoryLimit));
        return requests is null && limits is null ? null : new V1ResourceRequirements { Requests = requests, Limits = limits };

        static SortedDictionary<string, ResourceQuantity>? Quantities(params (string Name, string? Text)[] values)
        {
            var quantities = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal);
            foreach (var (name, text) in values)
            {
                if (text is not null)
                {
                    quantities[name] = new ResourceQuantity(text);
                }
            }

            return quantities.Count == 0 ? null : quantities;
        }
    }

    private static V1Probe? Probe(ServicePlan plan, ProbeModel? probe) => probe is null ? null : new V1Probe
    {
        HttpGet = new V1HTTPGetAction
        {
            Path = probe.Path,
            Port = probe.Port ?? plan.ProbePort(probe)!.Name,
            Scheme = "HTTP",
        },
        InitialDelaySeconds = probe.InitialDelaySeconds,
        PeriodSeconds = probe.PeriodSeconds,
        TimeoutSeconds = probe.TimeoutSeconds,
        FailureThreshold = probe.FailureThreshold,
    };

    private static List<V1Volume>? Volumes(ServicePlan plan)
    {
        var model = plan.Model;
        var volumes = new List<V1Volume>();
        if (model.Security.ReadOnlyRootFilesystem)
        {
            // The root filesystem is read-only; .NET still needs a writable temp folder (diagnostics, request buffering).
            volumes.Add(new V1Volume { Name = TmpVolume, EmptyDir = new V1EmptyDirVolumeSource() });
        }

        foreach (var (volume, name) in SecretVolumeNames(model))
        {
            // Owner and group read only: the files belong to the pod's fsGroup, which is the app's group.
            volumes.Add(new V1Volume { Name = name, Secret = new V1SecretVolumeSource { SecretName = volume.SecretName, DefaultMode = 0b100_100_000 } });
        }

        foreach (var (configMap, name) in ConfigMapVolumeNames(model))
        {
            volumes.Add(new V1Volume { Name = name, ConfigMap = new V1ConfigMapVolumeSource { Name = configMap.Name } });
        }

        return NullIfEmpty(volumes);
    }

    private static IEnumerable<V1VolumeMount> VolumeMounts(ServicePlan plan)
    {
        var model = plan.Model;
        if (model.Security.ReadOnlyRootFilesystem)
        {
            yield return new V1VolumeMount { Name = TmpVolume, MountPath = "/tmp" };
        }

        foreach (var (volume, name) in SecretVolumeNames(model))
        {
            yield return new V1VolumeMount { Name = name, MountPath = volume.MountPath, ReadOnlyProperty = true };
        }

        foreach (var (configMap, name) in ConfigMapVolumeNames(model))
        {
            yield return new V1VolumeMount { Name = name, MountPath = configMap.MountPath, ReadOnlyProperty = true };
        }
    }

    private static IEnumerable<(SecretVolumeModel Volume, string Name)> SecretVolumeNames(DeploymentModel model) =>
        model.SecretVolumes.Zip(VolumeNames("secret", model.SecretVolumes.Select(v => v.SecretName)));

    private static IEnumerable<(ConfigMapModel ConfigMap, string Name)> ConfigMapVolumeNames(DeploymentModel model)
    {
        var mounted = model.ConfigMaps.Where(c => c.MountPath is not null).ToList();
        return mounted.Zip(VolumeNames("config", mounted.Select(c => c.Name)));
    }

    /// <summary>
    /// Volume names (RFC 1123 labels) that say what is mounted, e.g. <c>secret-orders-db</c>; the position takes
    /// over when the object's name is too long or mounted twice.
    /// </summary>
    private static IEnumerable<string> VolumeNames(string kind, IEnumerable<string> objectNames)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var objectName in objectNames)
        {
            var name = $"{kind}-{objectName.Replace('.', '-')}";
            yield return name.Length <= NameRules.MaxLabelLength && used.Add(name) ? name : $"{kind}-{index}";
            index++;
        }
    }

    public static V1Service Service(ServicePlan plan) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = plan.Name },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = plan.SelectorLabels,
            // The management port stays off the Service: kubelet probes reach pods directly.
            Ports = plan.AppPorts.Select(p => new V1ServicePort { Name = p.Name, Port = p.Port, TargetPort = p.Name, Protocol = p.Protocol }).ToList(),
            // The latency profile keeps a caller's requests in its own zone while a ready endpoint is there (Kubernetes 1.35 GA).
            TrafficDistribution = plan.Model.LatencyProfile is null ? null : ModelDefaults.TrafficDistribution,
        },
    };

    public static V1PodDisruptionBudget PodDisruptionBudget(ServicePlan plan)
    {
        var budget = plan.Model.DisruptionBudget;
        return new V1PodDisruptionBudget
        {
            ApiVersion = "policy/v1",
            Kind = "PodDisruptionBudget",
            Metadata = new V1ObjectMeta { Name = plan.Name },
            Spec = new V1PodDisruptionBudgetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = plan.SelectorLabels },
                MinAvailable = budget?.MinAvailable is { } minAvailable ? CountOrPercent(minAvailable) : null,
                MaxUnavailable = budget is null ? 1 : budget.MaxUnavailable is { } maxUnavailable ? CountOrPercent(maxUnavailable) : null,
                // Pods that are not ready serve nothing, so a node drain may always evict them.
                UnhealthyPodEvictionPolicy = "AlwaysAllow",
            },
        };

        // A count is an int, a percentage a string. The YAML writer prints both kinds plain (2, 50%), so the written
        // YAML is the same for the string "2"; the kind matters to the typed object, which the API server given JSON
        // would refuse as a malformed percentage.
        static IntOrString CountOrPercent(string value) =>
            value.EndsWith('%') ? value : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static V2HorizontalPodAutoscaler HorizontalPodAutoscaler(ServicePlan plan, AutoscalingModel autoscaling)
    {
        var metrics = new List<V2MetricSpec>();
        // With no metric named, CPU at 80% is what the autoscaler itself would use; it is written out so it is visible.
        if (autoscaling.CpuUtilization is not null || autoscaling.MemoryUtilization is null)
        {
            metrics.Add(ResourceMetric("cpu", autoscaling.CpuUtilization ?? 80));
        }

        if (autoscaling.MemoryUtilization is { } memory)
        {
            metrics.Add(ResourceMetric("memory", memory));
        }

        return new V2HorizontalPodAutoscaler
        {
            ApiVersion = "autoscaling/v2",
            Kind = "HorizontalPodAutoscaler",
            Metadata = new V1ObjectMeta { Name = plan.Name },
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = ScaleTarget(plan),
                MinReplicas = autoscaling.MinReplicas,
                MaxReplicas = autoscaling.MaxReplicas,
                Metrics = metrics,
                Behavior = new V2HorizontalPodAutoscalerBehavior
                {
                    ScaleDown = new V2HPAScalingRules { StabilizationWindowSeconds = autoscaling.ScaleDownStabilizationSeconds },
                },
            },
        };
    }

    /// <summary>An autoscaler metric: the average utilization of a resource (cpu, memory) against its request.</summary>
    public static V2MetricSpec ResourceMetric(string name, int utilization) => new()
    {
        Type = "Resource",
        Resource = new V2ResourceMetricSource
        {
            Name = name,
            Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = utilization },
        },
    };

    private static V2CrossVersionObjectReference ScaleTarget(ServicePlan plan) =>
        new() { ApiVersion = "apps/v1", Kind = "Deployment", Name = plan.Name };

    public static V1Ingress Ingress(ServicePlan plan, IngressModel ingress) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "Ingress",
        Metadata = new V1ObjectMeta { Name = plan.Name },
        Spec = new V1IngressSpec
        {
            IngressClassName = ingress.ClassName,
            Rules =
            [
                new V1IngressRule
                {
                    Host = ingress.Host,
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath
                            {
                                Path = ingress.Path,
                                PathType = "Prefix",
                                Backend = new V1IngressBackend
                                {
                                    Service = new V1IngressServiceBackend { Name = plan.Name, Port = new V1ServiceBackendPort { Name = plan.HttpPort!.Name } },
                                },
                            },
                        ],
                    },
                },
            ],
            Tls = ingress.TlsSecretName is { } secret ? [new V1IngressTLS { Hosts = [ingress.Host], SecretName = secret }] : null,
        },
    };

    /// <summary>The Gateway API's route for the host: the path prefix to the Service's first app port, through the named Gateway.</summary>
    public static HttpRoute HttpRoute(ServicePlan plan, HttpRouteModel route) => new()
    {
        Metadata = new ObjectMetadata { Name = plan.Name },
        Spec = new HttpRouteSpec
        {
            ParentRefs = [new ParentReference { Name = route.Gateway, Namespace = route.GatewayNamespace }],
            Hostnames = [route.Host],
            Rules =
            [
                new HttpRouteRule
                {
                    Matches = [new HttpRouteMatch { Path = new HttpPathMatch { Value = route.Path } }],
                    BackendRefs = [new HttpBackendRef { Name = plan.Name, Port = plan.HttpPort!.Port }],
                },
            ],
        },
    };

    public static V1NetworkPolicy NetworkPolicy(ServicePlan plan, NetworkPolicyModel policy)
    {
        var peers = policy.AllowFromPodLabels
            .Select(selector => new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = NameRules.ParseSelector(selector) } })
            .Concat(policy.AllowFromNamespaces.Select(ns => new V1NetworkPolicyPeer
            {
                NamespaceSelector = new V1LabelSelector { MatchLabels = ServicePlan.Labels(("kubernetes.io/metadata.name", ns)) },
            }))
            .ToList();
        if (peers.Count == 0)
        {
            // Nothing listed: any pod of the same namespace.
            peers.Add(new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() });
        }

        return new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = plan.Name },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = plan.SelectorLabels },
                PolicyTypes = ["Ingress"],
                // Only the application ports: kubelet probes of the management port are not subject to NetworkPolicy.
                // No application port: no rule, so no traffic is allowed in at all.
                Ingress = plan.AppPorts.Count == 0 ? [] :
                [
                    new V1NetworkPolicyIngressRule
                    {
                        FromProperty = peers,
                        Ports = plan.AppPorts.Select(p => new V1NetworkPolicyPort { Port = p.Port, Protocol = p.Protocol }).ToList(),
                    },
                ],
            },
        };
    }

    /// <summary>The strategic-merge patch of an overlay's Deployment: replicas, resources, environment and appsettings.</summary>
    public static V1Deployment DeploymentPatch(ServicePlan plan, OverlayPlan overlay, string? appSettingsHash)
    {
        var environment = new List<V1EnvVar> { new() { Name = "DOTNET_ENVIRONMENT", Value = overlay.EnvironmentName } };
        if (plan.Request.IsWebProject)
        {
            environment.Add(new V1EnvVar { Name = "ASPNETCORE_ENVIRONMENT", Value = overlay.EnvironmentName });
        }

        // The runtime settings of this environment's resources, where they differ from the base's.
        environment.AddRange(overlay.ChangedRuntimeSettings.Select(e => new V1EnvVar { Name = e.Name, Value = e.Value }));

        var container = new V1Container
        {
            Name = plan.Name,
            Env = environment,
            Resources = Resources(overlay.Overlay.Resources),
        };
        var pod = new V1PodSpec { Containers = [container] };
        if (overlay.AppSettingsJson is not null)
        {
            // One file over the published one, so the other files in /app stay as they are.
            container.VolumeMounts =
            [
                new V1VolumeMount { Name = AppSettingsVolume, MountPath = $"/app/{overlay.AppSettingsFileName}", SubPath = overlay.AppSettingsFileName, ReadOnlyProperty = true },
            ];
            pod.Volumes = [new V1Volume { Name = AppSettingsVolume, ConfigMap = new V1ConfigMapVolumeSource { Name = AppSettingsConfigMapName(plan) } }];
        }

        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = plan.Name },
            Spec = new V1DeploymentSpec
            {
                Replicas = overlay.Replicas,
                Template = new V1PodTemplateSpec
                {
                    // A file mounted with subPath never sees ConfigMap updates: a changed hash rolls the pods instead.
                    Metadata = appSettingsHash is null ? null : new V1ObjectMeta
                    {
                        Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { [AppSettingsHashAnnotation] = appSettingsHash },
                    },
                    Spec = pod,
                },
            },
        };
    }

    /// <summary>The strategic-merge patch of an overlay's autoscaler range.</summary>
    public static V2HorizontalPodAutoscaler HorizontalPodAutoscalerPatch(ServicePlan plan, OverlayPlan overlay) => new()
    {
        ApiVersion = "autoscaling/v2",
        Kind = "HorizontalPodAutoscaler",
        Metadata = new V1ObjectMeta { Name = plan.Name },
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = ScaleTarget(plan),
            MinReplicas = overlay.MinReplicas,
            MaxReplicas = overlay.MaxReplicas!.Value,
        },
    };

    public static string AppSettingsConfigMapName(ServicePlan plan) => $"{plan.Name}-appsettings";

    public static V1ConfigMap AppSettingsConfigMap(ServicePlan plan, OverlayPlan overlay) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = AppSettingsConfigMapName(plan) },
        Data = new SortedDictionary<string, string>(StringComparer.Ordinal) { [overlay.AppSettingsFileName] = overlay.AppSettingsText! },
    };

    private static List<T>? NullIfEmpty<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? null : list;
    }
}
