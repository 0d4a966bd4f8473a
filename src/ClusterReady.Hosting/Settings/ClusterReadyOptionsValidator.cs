using System.Globalization;
using ClusterReady.Model.Rules;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ClusterReady.Hosting.Settings;

/// <summary>
/// Refuses options that the app cannot run with, and options that no longer fit the pod the app was built for: a
/// shutdown that outlasts the grace period written into the manifest, health endpoints on another path than the one
/// the probes ask for, a warm-up that outlasts the startup probe, and, inside Kubernetes, on another port. Registered with <c>ValidateOnStart</c>, so the app
/// stops before it serves anything, with the keys, the values and the manifest's numbers in the message.
/// </summary>
/// <remarks>
/// Ports are held to the manifest only inside a pod (<c>KUBERNETES_SERVICE_HOST</c> is set): on a developer's machine,
/// moving the management port beside other services is what the option is for, while a path or a timing set in
/// <c>appsettings.json</c> travels into the image and would break the pod.
/// </remarks>
internal sealed class ClusterReadyOptionsValidator(RuntimeModel? model, bool inKubernetes) : IValidateOptions<ClusterReadyOptions>
{
    private const string Section = ClusterReadyOptions.SectionName + ":";

    /// <summary>Whether this process runs in a Kubernetes pod: the kubelet sets this variable in every container.</summary>
    public static bool InKubernetes() => Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is { Length: > 0 };

    public ValidateOptionsResult Validate(string? name, ClusterReadyOptions options)
    {
        var failures = new List<string>();
        CheckValues(options, failures);
        if (model is not null)
        {
            CheckAgainstManifest(options, model, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckValues(ClusterReadyOptions options, List<string> failures)
    {
        string[] paths = [options.LivenessPath, options.ReadinessPath, options.StartupPath];
        foreach (var path in paths)
        {
            if (string.IsNullOrEmpty(path) || path[0] != '/' || path.Any(c => c <= ' ' || c >= 0x7F || c is '?' or '#'))
            {
                failures.Add($"Health endpoint path '{path}' must start with '/' and contain only visible ASCII characters, without '?' or '#'.");
            }
        }

        if (paths.Distinct(StringComparer.OrdinalIgnoreCase).Count() != paths.Length)
        {
            failures.Add("LivenessPath, ReadinessPath and StartupPath must differ.");
        }

        if (options.ManagementPort is < 1 or > 65535)
        {
            failures.Add($"ManagementPort {options.ManagementPort} is not a TCP port (1-65535).");
        }

        if (options.DrainDelay < TimeSpan.Zero)
        {
            failures.Add("DrainDelay must not be negative.");
        }

        if (options.ShutdownTimeout <= TimeSpan.Zero)
        {
            failures.Add("ShutdownTimeout must be positive.");
        }

        if (options.HealthCheckTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            failures.Add("HealthCheckTimeout must be positive.");
        }

        if (options.HealthCheckCacheDuration < TimeSpan.Zero)
        {
            failures.Add("HealthCheckCacheDuration must not be negative.");
        }

        if (options.WarmupTimeout <= TimeSpan.Zero)
        {
            failures.Add("WarmupTimeout must be positive.");
        }
    }

    private void CheckAgainstManifest(ClusterReadyOptions options, RuntimeModel model, List<string> failures)
    {
        var service = model.ServiceName.Length > 0 ? model.ServiceName : "the service";
        if (model.TerminationGracePeriodSeconds is { } grace && options.DrainDelay >= TimeSpan.Zero && options.ShutdownTimeout > TimeSpan.Zero
            && ShutdownOverrun(model, options.DrainDelay, options.ShutdownTimeout) is { } overrun)
        {
            failures.Add(
                $"{Section}DrainDelay = {options.DrainDelay:c} plus {Section}ShutdownTimeout = {options.ShutdownTimeout:c} and the manifest's "
                + $"{Seconds(model.MarginSeconds ?? 0)} s margin end {Seconds(overrun.End)} s after SIGTERM, past terminationGracePeriodSeconds: "
                + $"{Seconds(grace)} in the manifest of {service}, so the kubelet would SIGKILL the app while it drains or finishes its work. "
                + $"Keep DrainDelay + ShutdownTimeout at {Seconds(overrun.Budget)} s or less, or change [GracefulShutdown] and publish again.");
        }

        CheckPath("LivenessPath", options.LivenessPath, model.LivenessPath, "liveness", service, failures);
        CheckPath("ReadinessPath", options.ReadinessPath, model.ReadinessPath, "readiness", service, failures);
        CheckPath("StartupPath", options.StartupPath, model.StartupPath, "startup", service, failures);

        if (options.HealthCheckTimeout is { } timeout && model.ReadinessTimeoutSeconds > 0 && timeout >= TimeSpan.FromSeconds(model.ReadinessTimeoutSeconds))
        {
            failures.Add(
                $"{Section}HealthCheckTimeout = {timeout:c} is not shorter than the readiness probe's timeoutSeconds: {Seconds(model.ReadinessTimeoutSeconds)} "
                + $"in the manifest of {service}, so the kubelet gives up before a slow check is cut off and counts a failure. "
                + $"Keep it below {Seconds(model.ReadinessTimeoutSeconds)} s, or raise [ReadinessProbe(TimeoutSeconds)] and publish again.");
        }

        if (model is { StartupBudgetSeconds: { } budget, MaximumWarmupSeconds: { } maximum } && options.WarmupTimeout > TimeSpan.FromSeconds(maximum))
        {
            failures.Add(
                $"{Section}WarmupTimeout = {options.WarmupTimeout:c} is longer than the startup probe allows: StartupBudgetSeconds {Seconds(budget)} s "
                + $"in the manifest of {service} less one period of {Seconds(budget - maximum)} s, so the kubelet would restart the app while it "
                + $"warms up, before readiness turns 200. Lower it to at most {Seconds(maximum)} s, or raise [StartupProbe] FailureThreshold and publish again.");
        }

        if (inKubernetes && options.ManagementPort != model.ManagementPort)
        {
            failures.Add(
                $"{Section}ManagementPort = {(options.ManagementPort?.ToString(CultureInfo.InvariantCulture) ?? "(none)")} differs from the management port "
                + $"{(model.ManagementPort?.ToString(CultureInfo.InvariantCulture) ?? "(none)")} in the manifest of {service}, whose probes would connect "
                + "to a port nobody serves. Remove the override, or change [ContainerPort(Management = true)] and publish again.");
        }
    }

    /// <summary>
    /// Where a shutdown with <paramref name="drainDelay"/> and <paramref name="shutdownTimeout"/> ends after SIGTERM and
    /// how long drain plus timeout may be, when it runs past the manifest's grace period (<see cref="ShutdownBudget"/>);
    /// null when it fits or the model does not say.
    /// </summary>
    public static (double End, double Budget)? ShutdownOverrun(RuntimeModel model, TimeSpan drainDelay, TimeSpan shutdownTimeout)
    {
        if (model.TerminationGracePeriodSeconds is not { } grace)
        {
            return null;
        }

        var margin = model.MarginSeconds ?? 0;
        var overrun = ShutdownBudget.Overrun(drainDelay.TotalSeconds, shutdownTimeout.TotalSeconds, margin, grace);
        return overrun > 0 ? (drainDelay.TotalSeconds + shutdownTimeout.TotalSeconds + margin, grace - margin) : null;
    }

    private static void CheckPath(string key, string path, string? manifestPath, string probe, string service, List<string> failures)
    {
        if (manifestPath is not null && !string.Equals(path, manifestPath, StringComparison.Ordinal))
        {
            failures.Add(
                $"{Section}{key} = {path} differs from the {probe} probe's path {manifestPath} in the manifest of {service}, so the kubelet would "
                + $"probe a path the app does not serve. Remove the override, or change the probe's path in its attribute and publish again.");
        }
    }

    internal static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>
/// Holds the host's own shutdown timeout to the manifest's grace period: <c>AddClusterReady</c> sets it from
/// <see cref="ClusterReadyOptions.ShutdownTimeout"/>, but code (<c>Configure&lt;HostOptions&gt;</c> after it, or a
/// <c>PostConfigure</c>) can set it again. The same rule as the analyzer's CR4005, for the value the host ends up with.
/// </summary>
internal sealed class HostShutdownValidator(RuntimeModel? model, ClusterReadySettings settings) : IValidateOptions<HostOptions>
{
    public ValidateOptionsResult Validate(string? name, HostOptions options)
    {
        if (model is null || ClusterReadyOptionsValidator.ShutdownOverrun(model, settings.DrainDelay, options.ShutdownTimeout) is not { } overrun)
        {
            return ValidateOptionsResult.Success;
        }

        var service = model.ServiceName.Length > 0 ? model.ServiceName : "the service";
        return ValidateOptionsResult.Fail(
            $"HostOptions.ShutdownTimeout = {options.ShutdownTimeout:c}, set after AddClusterReady() in code, "
            + $"with ClusterReady:DrainDelay = {settings.DrainDelay:c} and the manifest's {ClusterReadyOptionsValidator.Seconds(model.MarginSeconds ?? 0)} s margin ends "
            + $"{ClusterReadyOptionsValidator.Seconds(overrun.End)} s after SIGTERM, past terminationGracePeriodSeconds: "
            + $"{ClusterReadyOptionsValidator.Seconds(model.TerminationGracePeriodSeconds ?? 0)} in the manifest of {service}. Let AddClusterReady() set it "
            + $"(remove the code that does), or change [GracefulShutdown(ShutdownTimeoutSeconds)] and publish again.");
    }
}
