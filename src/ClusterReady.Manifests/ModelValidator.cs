using ClusterReady.Model.Rules;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClusterReady.Model;
using k8s.Models;

namespace ClusterReady.Manifests;

/// <summary>
/// Checks a request before any object is built, so a mistake in an attribute becomes a message that names the
/// property, the value and the fix instead of a manifest the cluster rejects (or, worse, accepts).
/// </summary>
internal sealed partial class ModelValidator
{
    // A ConfigMap (like every object) must fit in etcd's 1 MiB request limit.
    private const int MaxConfigMapBytes = 1024 * 1024;

    private readonly List<ArtifactError> _errors = [];
    private readonly ArtifactRequest _request;
    private readonly DeploymentModel _model;

    private ModelValidator(ArtifactRequest request)
    {
        _request = request;
        _model = request.Model;
    }

    public static IReadOnlyList<ArtifactError> Validate(ArtifactRequest request)
    {
        var validator = new ModelValidator(request);
        validator.ValidateRequest();
        if (validator._errors.Count == 0)
        {
            validator.ValidateModel();
        }

        // Some rules are about the effective values, which can only be resolved from otherwise valid input.
        if (validator._errors.Count == 0)
        {
            validator.ValidatePlan(ServicePlan.Create(request));
        }

        return validator._errors;
    }

    private void Error(string property, string message) => _errors.Add(new ArtifactError(property, message));

    private void ValidateRequest()
    {
        if (_request.Model is null)
        {
            Error(nameof(ArtifactRequest.Model), "No deployment model was given.");
        }

        if (string.IsNullOrWhiteSpace(_request.AssemblyName))
        {
            Error(nameof(ArtifactRequest.AssemblyName), "The assembly name is empty; pass the project's AssemblyName.");
        }

        if (string.IsNullOrWhiteSpace(_request.AssemblyVersion))
        {
            Error(nameof(ArtifactRequest.AssemblyVersion), "The assembly version is empty; pass the project's InformationalVersion.");
        }

        var framework = TargetFrameworkPattern().Match(_request.TargetFramework ?? "");
        if (!framework.Success)
        {
            Error(nameof(ArtifactRequest.TargetFramework), $"\"{_request.TargetFramework}\" is not a .NET target framework such as \"net10.0\"; container images exist for netX.Y only.");
        }
        else if (int.Parse(framework.Groups["major"].Value, CultureInfo.InvariantCulture) < 8)
        {
            Error(nameof(ArtifactRequest.TargetFramework), $"\"{_request.TargetFramework}\" is older than net8.0; the images' non-root user (APP_UID) and ASPNETCORE_HTTP_PORTS need .NET 8 or later.");
        }
    }

    private void ValidateModel()
    {
        ValidateIdentity();
        ValidatePorts();
        ValidateProbe("Liveness", _model.Liveness);
        ValidateProbe("Readiness", _model.Readiness);
        ValidateProbe("Startup", _model.Startup);
        ValidateResources("Resources", _model.Resources, _model.Resources);
        ValidateEnvironment();
        ValidateVolumes();
        ValidateShutdown();
        ValidateAutoscaling();
        ValidateDisruptionBudget();
        ValidateIngress();
        ValidateSecurity();
        ValidateNetworkPolicy();
        ValidateOverlays();
    }

    private void ValidateIdentity()
    {
        if (_model.Name is { } name)
        {
            if (!NameRules.IsDns1035Label(name))
            {
                Error("Name", $"\"{name}\" is not a valid service name: use at most 63 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, e.g. \"orders-api\".");
            }
        }
        else
        {
            var derived = NameRules.ToDns1123Label(_request.AssemblyName);
            if (!NameRules.IsDns1035Label(derived))
            {
                Error("Name", $"The assembly name \"{_request.AssemblyName}\" gives the service name \"{derived}\", which is not valid (it must start with a letter); set Name, e.g. \"orders-api\".");
            }
        }

        if (_model.Namespace is { } ns && !NameRules.IsDns1123Label(ns))
        {
            Error("Namespace", $"\"{ns}\" is not a valid namespace: use at most 63 lowercase letters, digits and '-'.");
        }

        if (_model.ImageRepository is { } repository && !NameRules.IsImageRepository(repository))
        {
            Error("ImageRepository", $"\"{repository}\" is not an image repository: use lowercase path components, optionally after a registry host, e.g. \"registry.example.com/team/orders-api\", and put the tag in ImageTag.");
        }

        var version = ServicePlan.StripBuildMetadata(_request.AssemblyVersion);
        if (_model.ImageTag is { } tag)
        {
            if (!NameRules.IsImageTag(tag))
            {
                Error("ImageTag", $"\"{tag}\" is not an image tag: use at most 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'.");
            }
        }
        else if (!NameRules.IsImageTag(version))
        {
            Error("ImageTag", $"The image tag defaults to the version \"{version}\", which is not a valid tag; set ImageTag or the project's Version.");
        }

        if (!NameRules.IsLabelValue(version))
        {
            Error(nameof(ArtifactRequest.AssemblyVersion), $"The version \"{version}\" cannot be the app.kubernetes.io/version label: use at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit.");
        }

        if (_model.Replicas < 0)
        {
            Error("Replicas", $"{_model.Replicas} is negative; use 1 or more.");
        }
    }

    private void ValidatePorts()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new HashSet<(int, string)>();
        for (var i = 0; i < _model.Ports.Count; i++)
        {
            var port = _model.Ports[i];
            var property = $"Ports[{i}]";
            if (!NameRules.IsPortName(port.Name))
            {
                Error($"{property}.Name", $"\"{port.Name}\" is not a valid port name: use at most 15 lowercase letters, digits and '-', with at least one letter, e.g. \"http\" or \"mgmt\".");
            }
            else if (!names.Add(port.Name))
            {
                Error($"{property}.Name", $"The port name \"{port.Name}\" is declared twice; give each port its own name.");
            }

            if (port.Port is < 1 or > 65535)
            {
                Error($"{property}.Port", $"{port.Port} is not a port number; use 1 to 65535.");
            }
            else if (port.Port < 1024)
            {
                Error($"{property}.Port", $"{port.Port} is a privileged port that a non-root container without capabilities cannot bind; listen on a port of 1024 or above, e.g. 8080 (the Service and Ingress route to it by name).");
            }
            else if (!numbers.Add((port.Port, port.Protocol)))
            {
                Error($"{property}.Port", $"Port {port.Port}/{port.Protocol} is declared twice.");
            }

            if (port.Protocol is not ("TCP" or "UDP" or "SCTP"))
            {
                Error($"{property}.Protocol", $"\"{port.Protocol}\" is not a protocol; use \"TCP\", \"UDP\" or \"SCTP\" (uppercase).");
            }

            if (port.Management && port.Protocol != "TCP")
            {
                Error($"{property}.Protocol", $"The management port \"{port.Name}\" serves HTTP health endpoints, so it must be TCP, not \"{port.Protocol}\".");
            }
        }

        if (_model.Ports.Count(p => p.Management) > 1)
        {
            Error("Ports", "More than one port is marked Management; mark only the port that serves the health endpoints.");
        }
    }

    private void ValidateProbe(string property, ProbeModel? probe)
    {
        if (probe is null)
        {
            return;
        }

        if (string.IsNullOrEmpty(probe.Path) || probe.Path[0] != '/' || probe.Path.Any(char.IsWhiteSpace))
        {
            Error($"{property}.Path", $"\"{probe.Path}\" is not a request path; start it with '/', e.g. \"/health/ready\".");
        }

        if (probe.Port is { } portName)
        {
            var port = _model.Ports.FirstOrDefault(p => p.Name == portName);
            if (port is null)
            {
                var declared = _model.Ports.Count == 0 ? "no ports are declared" : "declared: " + string.Join(", ", _model.Ports.Select(p => $"\"{p.Name}\""));
                Error($"{property}.Port", $"The probe targets port \"{portName}\", which is not declared ({declared}); declare it or name a declared port.");
            }
            else if (port.Protocol != "TCP")
            {
                Error($"{property}.Port", $"The probe targets port \"{portName}\", which is {port.Protocol}; HTTP probes need a TCP port.");
            }
        }
        else if (_model.Ports.Count == 0)
        {
            Error($"{property}.Port", "The probe has no port to target because no ports are declared; declare a port (e.g. a management port) or remove the probe.");
        }
        else if ((_model.Ports.FirstOrDefault(p => p.Management) ?? _model.Ports[0]) is { Protocol: not "TCP" } defaultPort)
        {
            Error($"{property}.Port", $"The probe would target port \"{defaultPort.Name}\" (the first port), which is {defaultPort.Protocol}; HTTP probes need a TCP port, so name one.");
        }

        if (probe.InitialDelaySeconds < 0)
        {
            Error($"{property}.InitialDelaySeconds", $"{probe.InitialDelaySeconds} is negative; use 0 or more.");
        }

        if (probe.PeriodSeconds < 1)
        {
            Error($"{property}.PeriodSeconds", $"{probe.PeriodSeconds} must be at least 1 second.");
        }

        if (probe.TimeoutSeconds < 1)
        {
            Error($"{property}.TimeoutSeconds", $"{probe.TimeoutSeconds} must be at least 1 second.");
        }

        if (probe.FailureThreshold < 1)
        {
            Error($"{property}.FailureThreshold", $"{probe.FailureThreshold} must be at least 1.");
        }
    }

    /// <summary>Checks each quantity, and that requests do not exceed limits once <paramref name="effective"/> is merged.</summary>
    private void ValidateResources(string property, ResourcesModel? resources, ResourcesModel? effective)
    {
        if (resources is null)
        {
            return;
        }

        var cpuRequest = Quantity($"{property}.CpuRequest", resources.CpuRequest, isMemory: false);
        var cpuLimit = Quantity($"{property}.CpuLimit", resources.CpuLimit, isMemory: false);
        var memoryRequest = Quantity($"{property}.MemoryRequest", resources.MemoryRequest, isMemory: true);
        var memoryLimit = Quantity($"{property}.MemoryLimit", resources.MemoryLimit, isMemory: true);
        if (effective is null)
        {
            return;
        }

        CheckRequestWithinLimit(property, "Cpu", cpuRequest ?? Parse(effective.CpuRequest, false), cpuLimit ?? Parse(effective.CpuLimit, false), effective.CpuRequest, effective.CpuLimit);
        CheckRequestWithinLimit(property, "Memory", memoryRequest ?? Parse(effective.MemoryRequest, true), memoryLimit ?? Parse(effective.MemoryLimit, true), effective.MemoryRequest, effective.MemoryLimit);

        static ResourceQuantity? Parse(string? text, bool isMemory) =>
            text is not null && Quantities.TryParse(text, isMemory, out var quantity, out _) ? quantity : null;
    }

    private void CheckRequestWithinLimit(string property, string resource, ResourceQuantity? request, ResourceQuantity? limit, string? requestText, string? limitText)
    {
        if (request is not null && limit is not null && request.ToDecimal() > limit.ToDecimal())
        {
            Error($"{property}.{resource}Request", $"The request \"{requestText}\" is above the limit \"{limitText}\"; a request can be at most the limit.");
        }
    }

    private ResourceQuantity? Quantity(string property, string? text, bool isMemory)
    {
        if (text is null)
        {
            return null;
        }

        if (!Quantities.TryParse(text, isMemory, out var quantity, out var problem))
        {
            Error(property, problem!);
        }

        return quantity;
    }

    private void ValidateEnvironment()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _model.Environment.Count; i++)
        {
            var variable = _model.Environment[i];
            ValidateVariableName($"Environment[{i}].Name", variable.Name, names);
            if (variable.Value is null)
            {
                Error($"Environment[{i}].Value", $"The variable \"{variable.Name}\" has no value; use an empty string for an empty value.");
            }
            else if (SecretHeuristics.LooksSecret(variable.Name, variable.Value))
            {
                Error($"Environment[{i}].Value", $"The value of \"{variable.Name}\" looks like a credential and would be written in plain text into the manifest; store it in a Secret and declare it as a secret environment variable instead.");
            }
        }

        for (var i = 0; i < _model.SecretEnvironment.Count; i++)
        {
            var variable = _model.SecretEnvironment[i];
            ValidateVariableName($"SecretEnvironment[{i}].Name", variable.Name, names);
            ValidateSecretName($"SecretEnvironment[{i}].SecretName", variable.SecretName);
            if (!NameRules.IsConfigKey(variable.Key))
            {
                Error($"SecretEnvironment[{i}].Key", $"\"{variable.Key}\" is not a Secret key: use letters, digits, '-', '_' and '.', not starting with \"..\".");
            }
        }
    }

    private void ValidateVariableName(string property, string name, HashSet<string> names)
    {
        if (!NameRules.IsEnvironmentVariableName(name))
        {
            Error(property, $"\"{name}\" is not an environment variable name: start with a letter or '_' and use letters, digits, '_', '.' and '-' (use \"__\" for a configuration section, e.g. \"Orders__BatchSize\").");
        }
        else if (!names.Add(name))
        {
            Error(property, $"The environment variable \"{name}\" is declared twice; only one value can win.");
        }
    }

    private void ValidateSecretName(string property, string name)
    {
        if (!NameRules.IsDns1123Subdomain(name))
        {
            Error(property, $"\"{name}\" is not a valid Secret name: use lowercase letters, digits, '-' and '.', e.g. \"orders-db\".");
        }
    }

    private void ValidateVolumes()
    {
        var mountPaths = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _model.SecretVolumes.Count; i++)
        {
            var volume = _model.SecretVolumes[i];
            ValidateSecretName($"SecretVolumes[{i}].SecretName", volume.SecretName);
            ValidateMountPath($"SecretVolumes[{i}].MountPath", volume.MountPath, mountPaths);
        }

        var configMapNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _model.ConfigMaps.Count; i++)
        {
            var configMap = _model.ConfigMaps[i];
            if (!NameRules.IsDns1123Subdomain(configMap.Name))
            {
                Error($"ConfigMaps[{i}].Name", $"\"{configMap.Name}\" is not a valid ConfigMap name: use lowercase letters, digits, '-' and '.', e.g. \"orders-settings\".");
            }
            else if (!configMapNames.Add(configMap.Name))
            {
                Error($"ConfigMaps[{i}].Name", $"The ConfigMap \"{configMap.Name}\" is referenced twice.");
            }

            if (configMap.MountPath is { } mountPath)
            {
                ValidateMountPath($"ConfigMaps[{i}].MountPath", mountPath, mountPaths);
            }
        }
    }

    private void ValidateMountPath(string property, string path, HashSet<string> mountPaths)
    {
        var normalized = path.TrimEnd('/');
        if (string.IsNullOrEmpty(path) || path[0] != '/' || path.Contains(':', StringComparison.Ordinal) || path.Split('/').Contains(".."))
        {
            Error(property, $"\"{path}\" is not an absolute path; use e.g. \"/etc/orders\".");
        }
        else if (normalized is "" or "/app" or "/tmp" || "/app".StartsWith(normalized + "/", StringComparison.Ordinal))
        {
            Error(property, $"Mounting at \"{path}\" would hide {(normalized == "/tmp" ? "the writable /tmp folder" : "the application in /app")}; use a folder of its own, e.g. \"/etc/orders\" or \"/app/secrets\".");
        }
        else if (!mountPaths.Add(normalized))
        {
            Error(property, $"Two volumes are mounted at \"{path}\"; give each its own folder.");
        }
    }

    private void ValidateShutdown()
    {
        var shutdown = _model.Shutdown;
        if (shutdown.DrainDelaySeconds < 0)
        {
            Error("Shutdown.DrainDelaySeconds", $"{shutdown.DrainDelaySeconds} is negative; use 0 or more.");
        }

        if (shutdown.ShutdownTimeoutSeconds < 1)
        {
            Error("Shutdown.ShutdownTimeoutSeconds", $"{shutdown.ShutdownTimeoutSeconds} must be at least 1 second so in-flight work can finish.");
        }

        if (shutdown.MarginSeconds < 0)
        {
            Error("Shutdown.MarginSeconds", $"{shutdown.MarginSeconds} is negative; use 0 or more.");
        }
    }

    private void ValidateAutoscaling()
    {
        if (_model.Autoscaling is not { } autoscaling)
        {
            return;
        }

        ValidateReplicaRange("Autoscaling", autoscaling.MinReplicas, autoscaling.MaxReplicas);
        if (autoscaling.CpuUtilization is < 1)
        {
            Error("Autoscaling.CpuUtilization", $"{autoscaling.CpuUtilization} must be a percentage of the CPU request above 0, e.g. 70.");
        }

        if (autoscaling.MemoryUtilization is < 1)
        {
            Error("Autoscaling.MemoryUtilization", $"{autoscaling.MemoryUtilization} must be a percentage of the memory request above 0, e.g. 80.");
        }

        // Utilization is a percentage of the request: without a request the autoscaler has nothing to compare with.
        if ((autoscaling.CpuUtilization is not null || autoscaling.MemoryUtilization is null) && _model.Resources?.CpuRequest is null)
        {
            Error("Autoscaling.CpuUtilization", "CPU utilization is a percentage of the CPU request, but Resources.CpuRequest is not set; set it, e.g. \"250m\".");
        }

        if (autoscaling.MemoryUtilization is not null && _model.Resources?.MemoryRequest is null)
        {
            Error("Autoscaling.MemoryUtilization", "Memory utilization is a percentage of the memory request, but Resources.MemoryRequest is not set; set it, e.g. \"256Mi\".");
        }

        if (autoscaling.ScaleDownStabilizationSeconds is < 0 or > 3600)
        {
            Error("Autoscaling.ScaleDownStabilizationSeconds", $"{autoscaling.ScaleDownStabilizationSeconds} is outside 0 to 3600 seconds.");
        }
    }

    private void ValidateReplicaRange(string property, int min, int max)
    {
        if (min < 1)
        {
            Error($"{property}.MinReplicas", $"{min} must be at least 1.");
        }

        if (max < min)
        {
            Error($"{property}.MaxReplicas", $"{max} is below MinReplicas ({min}).");
        }
    }

    private void ValidateDisruptionBudget()
    {
        if (_model.DisruptionBudget is not { } budget)
        {
            return;
        }

        if ((budget.MinAvailable is null) == (budget.MaxUnavailable is null))
        {
            Error("DisruptionBudget", "Set exactly one of MinAvailable and MaxUnavailable.");
        }

        ValidateCountOrPercent("DisruptionBudget.MinAvailable", budget.MinAvailable);
        ValidateCountOrPercent("DisruptionBudget.MaxUnavailable", budget.MaxUnavailable);
    }

    private void ValidateCountOrPercent(string property, string? value)
    {
        if (value is null)
        {
            return;
        }

        var match = CountOrPercent().Match(value);
        if (!match.Success || (match.Groups["percent"].Success && int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture) > 100))
        {
            Error(property, $"\"{value}\" is neither a pod count nor a percentage; use e.g. \"1\" or \"50%\".");
        }
    }

    private void ValidateIngress()
    {
        if (_model.Ingress is not { } ingress)
        {
            return;
        }

        if (!NameRules.IsIngressHost(ingress.Host))
        {
            Error("Ingress.Host", $"\"{ingress.Host}\" is not a host name; use lowercase DNS names such as \"orders.example.com\" (no scheme, port or path).");
        }

        if (string.IsNullOrEmpty(ingress.Path) || ingress.Path[0] != '/' || ingress.Path.Any(char.IsWhiteSpace))
        {
            Error("Ingress.Path", $"\"{ingress.Path}\" is not a path prefix; start it with '/', e.g. \"/orders\".");
        }

        if (ingress.TlsSecretName is { } secret)
        {
            ValidateSecretName("Ingress.TlsSecretName", secret);
        }

        if (ingress.ClassName is { } className && !NameRules.IsDns1123Subdomain(className))
        {
            Error("Ingress.ClassName", $"\"{className}\" is not an IngressClass name; use lowercase letters, digits, '-' and '.', e.g. \"nginx\".");
        }

        if (!_model.Ports.Any(p => !p.Management && p.Protocol == "TCP"))
        {
            Error("Ingress", "The Ingress needs a TCP port that is not the management port to route to; declare one, e.g. \"http\" on 8080.");
        }
    }

    private void ValidateSecurity()
    {
        var security = _model.Security;
        if (security.RunAsUser < 0)
        {
            Error("Security.RunAsUser", $"{security.RunAsUser} is not a user id.");
        }
        else if (security.RunAsUser == 0 && security.RunAsNonRoot)
        {
            Error("Security.RunAsUser", "User 0 is root, which RunAsNonRoot forbids; keep the images' app user 1654.");
        }
    }

    private void ValidateNetworkPolicy()
    {
        if (_model.NetworkPolicy is not { } policy)
        {
            return;
        }

        for (var i = 0; i < policy.AllowFromPodLabels.Count; i++)
        {
            var selector = policy.AllowFromPodLabels[i];
            if (ParseSelector(selector) is null)
            {
                Error($"NetworkPolicy.AllowFromPodLabels[{i}]", $"\"{selector}\" is not a pod label selector; use \"key=value\" (several joined by ',' must all match), e.g. \"app.kubernetes.io/name=web\".");
            }
        }

        for (var i = 0; i < policy.AllowFromNamespaces.Count; i++)
        {
            if (!NameRules.IsDns1123Label(policy.AllowFromNamespaces[i]))
            {
                Error($"NetworkPolicy.AllowFromNamespaces[{i}]", $"\"{policy.AllowFromNamespaces[i]}\" is not a namespace name; use lowercase letters, digits and '-'.");
            }
        }
    }

    /// <summary>Parses <c>k=v[,k=v...]</c>; null when malformed.</summary>
    public static SortedDictionary<string, string>? ParseSelector(string? selector)
    {
        if (string.IsNullOrEmpty(selector))
        {
            return null;
        }

        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in selector.Split(','))
        {
            var parts = pair.Split('=');
            if (parts.Length != 2 || !NameRules.IsLabelKey(parts[0].Trim()) || !NameRules.IsLabelValue(parts[1].Trim())
                || !labels.TryAdd(parts[0].Trim(), parts[1].Trim()))
            {
                return null;
            }
        }

        return labels;
    }

    private void ValidateOverlays()
    {
        var directories = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _model.Overlays.Count; i++)
        {
            var overlay = _model.Overlays[i];
            var property = $"Overlays[{i}]";
            if (string.IsNullOrEmpty(overlay.Name) || !NameRules.IsDns1123Label(overlay.Name.ToLowerInvariant()))
            {
                Error($"{property}.Name", $"\"{overlay.Name}\" is not an environment name: use letters, digits and '-', e.g. \"staging\".");
                continue;
            }

            if (!directories.Add(overlay.Name.ToLowerInvariant()))
            {
                Error($"{property}.Name", $"The environment \"{overlay.Name}\" is declared twice (names are compared ignoring case).");
            }

            if (overlay.Replicas is < 0)
            {
                Error($"{property}.Replicas", $"{overlay.Replicas} is negative; use 1 or more.");
            }

            if (overlay.ImageTag is { } tag && !NameRules.IsImageTag(tag))
            {
                Error($"{property}.ImageTag", $"\"{tag}\" is not an image tag: use at most 128 letters, digits, '_', '.' and '-'.");
            }

            ValidateResources($"{property}.Resources", overlay.Resources, Merge(_model.Resources, overlay.Resources));

            if (overlay.MinReplicas is not null || overlay.MaxReplicas is not null)
            {
                if (_model.Autoscaling is not { } autoscaling)
                {
                    Error($"{property}.{(overlay.MinReplicas is not null ? "MinReplicas" : "MaxReplicas")}", $"The environment \"{overlay.Name}\" sets autoscaling limits, but the service has no Autoscaling; add it or remove the limits.");
                }
                else
                {
                    ValidateReplicaRange(property, overlay.MinReplicas ?? autoscaling.MinReplicas, overlay.MaxReplicas ?? autoscaling.MaxReplicas);
                }
            }
        }

        var overlayNames = _model.Overlays.Count > 0 ? _model.Overlays.Select(o => o.Name) : ServicePlan.DefaultOverlays(_model).Select(o => o.Name);
        foreach (var overlayName in overlayNames.Where(n => !string.IsNullOrEmpty(n)))
        {
            var (environment, json) = OverlayPlan.FindAppSettings(_request.AppSettingsByEnvironment, overlayName);
            if (json is not null)
            {
                ValidateAppSettings(environment, json);
            }
        }
    }

    private void ValidateAppSettings(string environment, string json)
    {
        var property = $"{nameof(ArtifactRequest.AppSettingsByEnvironment)}[{environment}]";
        if (Encoding.UTF8.GetByteCount(json) > MaxConfigMapBytes)
        {
            Error(property, $"appsettings.{environment}.json is larger than the 1 MiB a ConfigMap can hold; move large data out of configuration.");
            return;
        }

        try
        {
            // The same leniency as the JSON configuration provider: comments and trailing commas are fine.
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            foreach (var path in SecretHeuristics.FindInJson(document.RootElement, ""))
            {
                Error(property, $"appsettings.{environment}.json sets \"{path}\" to what looks like a credential, which would be written in plain text into a ConfigMap; keep it in a Secret (a secret environment variable or secret volume) and leave it out of the file.");
            }
        }
        catch (JsonException e)
        {
            Error(property, $"appsettings.{environment}.json is not valid JSON ({e.Message}); the app would fail to start with it.");
        }
    }

    private void ValidatePlan(ServicePlan plan)
    {
        if (_model.DisruptionBudget is not { } budget)
        {
            return;
        }

        // A budget that allows no eviction at all makes every node drain (upgrades, scale-down) hang.
        CheckBudgetAllowsEvictions(budget, plan.FewestReplicas, "");
        foreach (var overlay in plan.Overlays)
        {
            CheckBudgetAllowsEvictions(budget, overlay.FewestReplicas, $" in the \"{overlay.Overlay.Name}\" environment");
        }
    }

    private void CheckBudgetAllowsEvictions(DisruptionBudgetModel budget, int replicas, string where)
    {
        if (replicas == 0 || _errors.Count > 0)
        {
            return;
        }

        var (property, value) = budget.MinAvailable is { } minAvailable ? ("DisruptionBudget.MinAvailable", minAvailable) : ("DisruptionBudget.MaxUnavailable", budget.MaxUnavailable!);
        var number = int.Parse(value.TrimEnd('%'), CultureInfo.InvariantCulture);
        var percent = value.EndsWith('%');
        // Kubernetes rounds a percentage of pods up, for minAvailable and maxUnavailable alike.
        var blocks = property == "DisruptionBudget.MinAvailable"
            ? (percent ? (int)Math.Ceiling(replicas * number / 100.0) : number) >= replicas
            : number == 0;
        if (blocks)
        {
            Error(property, $"\"{value}\" with {replicas} replica(s){where} allows no pod to be evicted, so node drains would hang; use a smaller MinAvailable (e.g. \"{Math.Max(replicas - 1, 0)}\") or MaxUnavailable \"1\".");
        }
    }

    /// <summary>The resources of an environment: the overlay's values where set, else the service's.</summary>
    public static ResourcesModel? Merge(ResourcesModel? service, ResourcesModel? overlay) =>
        overlay is null ? service : new ResourcesModel
        {
            CpuRequest = overlay.CpuRequest ?? service?.CpuRequest,
            CpuLimit = overlay.CpuLimit ?? service?.CpuLimit,
            MemoryRequest = overlay.MemoryRequest ?? service?.MemoryRequest,
            MemoryLimit = overlay.MemoryLimit ?? service?.MemoryLimit,
        };

    [GeneratedRegex(@"^net(?<major>[0-9]+)\.(?<minor>[0-9]+)$")]
    private static partial Regex TargetFrameworkPattern();

    [GeneratedRegex(@"^(?<number>[0-9]+)(?<percent>%)?$")]
    private static partial Regex CountOrPercent();
}
