using System.Globalization;
using System.Text.Json.Nodes;
using ClusterReady.Model;
using ClusterReady.Model.Rules;

namespace ClusterReady.Manifests;

/// <summary>
/// Writes the Compose files (Compose specification) that run the service on one machine as the Deployment runs it
/// in the cluster: same image and Dockerfile, same environment, secrets at the same paths, the readiness probe as
/// the healthcheck, the pod's grace period, hardening and limits. <c>compose.yaml</c> is the base and
/// <c>compose.&lt;environment&gt;.yaml</c> each overlay's override (resources, image tag, DOTNET_ENVIRONMENT, the
/// environment's <c>appsettings.{Environment}.json</c>):
/// <c>docker-compose -f deploy/compose.yaml -f deploy/compose.staging.yaml up</c>.
/// </summary>
/// <remarks>
/// Paths in the files are relative to the deploy folder, as Compose resolves them relative to the first file: the
/// build context is the publish folder (<c>..</c>), secrets come from <c>secrets/&lt;secret name&gt;/</c> (one file per
/// key, as Kubernetes mounts a secret; never written by the build, ignored by git through
/// <c>secrets/.gitignore</c>), mounted ConfigMaps from <c>configmaps/&lt;name&gt;/</c>. A secret environment variable is
/// listed without a value, so Compose takes it from the shell that runs it. The same code writes a composition's one
/// file of several services (<see cref="CreateComposition"/>), where the paths are relative to the composition's folder
/// (<see cref="ComposedPlan"/>) and each service waits for its <c>[DependsOn]</c>; a service's own file has no
/// <c>depends_on</c>, since its dependencies are not in it.
/// </remarks>
internal static class ComposeFile
{
    public const string FileName = "compose.yaml";

    /// <summary>The ignore file of the local secrets folder: nothing in it but itself goes into git.</summary>
    public const string SecretsIgnoreFileName = "secrets/.gitignore";

    /// <summary>
    /// The probe the healthcheck runs inside the container, where there is no shell and no curl: a small native
    /// program the build step copies into the publish folder next to the app (see <c>src/ClusterReady.Probe</c>).
    /// </summary>
    public const string ProbeFileName = "clusterready-probe";

    public static string OverrideFileName(OverlayPlan overlay) => $"compose.{overlay.Directory}.yaml";

    public static string AppSettingsPath(OverlayPlan overlay) => $"compose/{overlay.AppSettingsFileName}";

    public static string Create(ServicePlan plan) => ToYaml(Document([new ComposedPlan(plan, "..", ".")]));

    /// <summary>
    /// One Compose file for the services of a composition, each built from its own publish folder
    /// (<see cref="ComposedPlan.Context"/>), each started after the services it depends on are healthy
    /// (<c>depends_on</c> with <c>condition: service_healthy</c>; <c>service_started</c> for a dependency without a
    /// healthcheck). Secrets and mounted ConfigMaps come from the composition's own <c>secrets/</c> and
    /// <c>configmaps/</c>: a name means one secret for all its services, as in one Kubernetes namespace.
    /// </summary>
    public static string CreateComposition(IReadOnlyList<ComposedPlan> services) => ToYaml(Document(services));

    /// <summary>The environment's overrides of the composition's services that declare it.</summary>
    public static string CreateCompositionOverride(IReadOnlyList<(ComposedPlan Service, OverlayPlan Overlay)> overlays)
    {
        var services = new JsonObject();
        foreach (var (composed, overlay) in overlays)
        {
            services[composed.Plan.Name] = OverrideService(composed, overlay);
        }

        return ToYaml(new JsonObject { ["services"] = services });
    }

    private static JsonObject Document(IReadOnlyList<ComposedPlan> composed)
    {
        var services = new JsonObject();
        var secretNames = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in composed)
        {
            services[entry.Plan.Name] = Service(entry, composed);
            secretNames.UnionWith(entry.Plan.Model.SecretVolumes.Select(v => v.SecretName));
        }

        var compose = new JsonObject { ["services"] = services };
        if (secretNames.Count > 0)
        {
            var secrets = new JsonObject();
            foreach (var name in secretNames)
            {
                secrets[name] = new JsonObject { ["file"] = $"./secrets/{name}" };
            }

            compose["secrets"] = secrets;
        }

        return compose;
    }

    private static JsonObject Service(ComposedPlan composed, IReadOnlyList<ComposedPlan> all)
    {
        var plan = composed.Plan;
        var model = plan.Model;
        var service = new JsonObject
        {
            ["image"] = plan.Image,
            // The same Dockerfile and context as the cluster's image: the service's publish folder.
            ["build"] = new JsonObject { ["context"] = composed.Context, ["dockerfile"] = $"deploy/{Dockerfile.FileName}" },
            ["restart"] = ModelDefaults.ComposeRestartPolicy,
        };

        // Only the dependencies in this file: a service's own compose.yaml runs it alone, and the composition's
        // build step has refused a dependency that is not one of its services (CR9102).
        var dependsOn = new JsonObject();
        foreach (var dependency in model.DependsOn.Select(name => all.FirstOrDefault(c => c.Plan.Name == name)?.Plan).OfType<ServicePlan>())
        {
            dependsOn[dependency.Name] = new JsonObject
            {
                ["condition"] = Healthcheck(dependency) is null ? "service_started" : "service_healthy",
            };
        }

        if (dependsOn.Count > 0)
        {
            service["depends_on"] = dependsOn;
        }

        if (plan.AppPorts.Count > 0)
        {
            // The Service's ports, on this machine only; the management port stays inside, as it stays off the Service.
            // The short syntax: docker-compose 1.x knows no host_ip in the long one.
            service["ports"] = new JsonArray(plan.AppPorts.Select(p => (JsonNode)string.Create(
                CultureInfo.InvariantCulture, $"{ModelDefaults.ComposeHostIp}:{HostPort(plan, p)}:{p.Port}/{p.Protocol.ToLowerInvariant()}")).ToArray());
        }

        var environment = new JsonObject();
        foreach (var variable in plan.RuntimeSettings.Concat(model.Environment))
        {
            environment[variable.Name] = variable.Value;
        }

        foreach (var variable in model.SecretEnvironment)
        {
            // No value: Compose passes the variable from the shell that runs it, so no secret is ever written here.
            environment[variable.Name] = null;
        }

        if (environment.Count > 0)
        {
            service["environment"] = environment;
        }

        var volumes = new JsonArray();
        foreach (var configMap in model.ConfigMaps.Where(c => c.MountPath is not null))
        {
            volumes.Add((JsonNode)new JsonObject
            {
                ["type"] = "bind",
                ["source"] = $"./configmaps/{configMap.Name}",
                ["target"] = configMap.MountPath,
                ["read_only"] = true,
            });
        }

        if (volumes.Count > 0)
        {
            service["volumes"] = volumes;
        }

        if (model.SecretVolumes.Count > 0)
        {
            service["secrets"] = new JsonArray(model.SecretVolumes.Select(v => (JsonNode)new JsonObject
            {
                ["source"] = v.SecretName,
                ["target"] = v.MountPath,
            }).ToArray());
        }

        if (Healthcheck(plan) is { } healthcheck)
        {
            service["healthcheck"] = healthcheck;
        }

        service["stop_grace_period"] = Seconds(model.Shutdown.TerminationGracePeriodSeconds);
        AddHardening(service, model.Security);
        AddResources(service, model.Resources);

        return service;
    }

    /// <summary>An environment's override: image tag, resources, DOTNET_ENVIRONMENT and its appsettings file.</summary>
    public static string CreateOverride(ServicePlan plan, OverlayPlan overlay) =>
        CreateCompositionOverride([(new ComposedPlan(plan, "..", "."), overlay)]);

    private static JsonObject OverrideService(ComposedPlan composed, OverlayPlan overlay)
    {
        var plan = composed.Plan;
        var environment = new JsonObject { ["DOTNET_ENVIRONMENT"] = overlay.EnvironmentName };
        if (plan.Request.IsWebProject)
        {
            environment["ASPNETCORE_ENVIRONMENT"] = overlay.EnvironmentName;
        }

        foreach (var setting in overlay.ChangedRuntimeSettings)
        {
            environment[setting.Name] = setting.Value;
        }

        var service = new JsonObject();
        if (overlay.Overlay.ImageTag is { } tag)
        {
            service["image"] = $"{plan.ImageRepository}:{tag}";
        }

        service["environment"] = environment;
        if (overlay.AppSettingsJson is not null)
        {
            // One file over the published one, as the overlay's ConfigMap is mounted in the pod.
            service["volumes"] = new JsonArray(new JsonObject
            {
                ["type"] = "bind",
                ["source"] = $"{composed.DeployFolder}/{AppSettingsPath(overlay)}",
                ["target"] = $"/app/{overlay.AppSettingsFileName}",
                ["read_only"] = true,
            });
        }

        AddResources(service, overlay.Overlay.Resources);
        return service;
    }

    public static string CreateSecretsIgnoreFile() =>
        "# Local secret values for compose.yaml: one folder per Kubernetes secret, one file per key.\n" +
        "# Nothing here but this file goes into git.\n" +
        "*\n" +
        "!.gitignore\n";

    /// <summary>
    /// The readiness probe, run by the shipped probe inside the container on 127.0.0.1. The startup probe's budget
    /// (initial delay + period x failure threshold) is the start period, in which failures do not count.
    /// </summary>
    private static JsonObject? Healthcheck(ServicePlan plan)
    {
        var model = plan.Model;
        if (model.Readiness is not { } readiness || plan.ProbePort(readiness) is not { } port)
        {
            return null;
        }

        var startup = model.Startup;
        var startPeriod = startup is null
            ? readiness.InitialDelaySeconds
            : startup.InitialDelaySeconds + (startup.PeriodSeconds * startup.FailureThreshold);
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port.Port}{readiness.Path}");
        var healthcheck = new JsonObject
        {
            ["test"] = new JsonArray("CMD", $"/app/{ProbeFileName}", url, Seconds(readiness.TimeoutSeconds)),
            ["interval"] = Seconds(readiness.PeriodSeconds),
            ["timeout"] = Seconds(readiness.TimeoutSeconds),
            ["retries"] = readiness.FailureThreshold,
        };
        if (startPeriod > 0)
        {
            healthcheck["start_period"] = Seconds(startPeriod);
        }

        return healthcheck;
    }

    /// <summary>The pod's security context: the same user, read-only root with a writable /tmp, no capabilities.</summary>
    private static void AddHardening(JsonObject service, SecurityModel security)
    {
        service["user"] = string.Create(CultureInfo.InvariantCulture, $"{security.RunAsUser}:{security.RunAsUser}");
        if (security.ReadOnlyRootFilesystem)
        {
            service["read_only"] = true;
            service["tmpfs"] = new JsonArray("/tmp");
        }

        service["cap_drop"] = new JsonArray("ALL");
        if (!security.AllowPrivilegeEscalation)
        {
            service["security_opt"] = new JsonArray("no-new-privileges:true");
        }
    }

    /// <summary>
    /// Limits as Compose's service-level keys, which every Compose implementation applies outside Swarm
    /// (<c>deploy.resources</c> needs <c>--compatibility</c> in docker-compose 1.x).
    /// </summary>
    private static void AddResources(JsonObject service, ResourcesModel? resources)
    {
        if (resources?.CpuLimit is { } cpu && Quantity.TryParse(cpu, out var cores, out _))
        {
            service["cpus"] = cores.ToString("0.###", CultureInfo.InvariantCulture);
        }

        if (resources?.MemoryLimit is { } limit && Bytes(limit) is { } memoryLimit)
        {
            service["mem_limit"] = memoryLimit;
        }

        if (resources?.MemoryRequest is { } request && Bytes(request) is { } memoryRequest)
        {
            service["mem_reservation"] = memoryRequest;
        }
    }

    /// <summary>A Kubernetes memory quantity in Compose's byte units (binary: 1m = 1 MiB), exact.</summary>
    private static string? Bytes(string quantity)
    {
        if (!Quantity.TryParse(quantity, out var amount, out _, out var whole) || !whole || amount < 0 || amount > long.MaxValue)
        {
            return null;
        }

        var bytes = (long)amount;
        foreach (var (unit, size) in new[] { ("g", 1L << 30), ("m", 1L << 20), ("k", 1L << 10) })
        {
            if (bytes >= size && bytes % size == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{bytes / size}{unit}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{bytes}b");
    }

    /// <summary>
    /// The host port: the container's, unless the shell sets <c>&lt;SERVICE&gt;_&lt;PORT NAME&gt;_PORT</c>
    /// (e.g. <c>ORDERS_API_HTTP_PORT=18080</c>), so two services on the same port, or a port in use, need no edit.
    /// </summary>
    public static string HostPort(ServicePlan plan, PortModel port) =>
        string.Create(CultureInfo.InvariantCulture, $"${{{HostPortVariable(plan, port)}:-{port.Port}}}");

    public static string HostPortVariable(ServicePlan plan, PortModel port) =>
        $"{plan.Name}_{port.Name}_PORT".ToUpperInvariant().Replace('-', '_').Replace('.', '_');

    private static string Seconds(int seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds}s");

    private static string ToYaml(JsonObject compose) =>
        YamlText.FromJson(compose.ToJsonString(), "the Compose file", "look for leading or trailing tabs or control characters in the attribute values");
}

/// <summary>
/// A service in a Compose file, with the paths the file names relative to its own folder: the image's build context
/// (the service's publish folder) and the service's deploy folder (its per-environment appsettings files).
/// </summary>
internal sealed record ComposedPlan(ServicePlan Plan, string Context, string DeployFolder);
