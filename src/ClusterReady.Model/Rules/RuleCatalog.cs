using System.Collections.Generic;

namespace ClusterReady.Model.Rules;

/// <summary>How much a finding matters. Error: Kubernetes or the build step would reject the manifest, or the pod cannot work.</summary>
internal enum RuleSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>One rule of the rulebook: its id, what it says and its help page. The analyzers make their descriptors from it.</summary>
internal sealed record Rule(string Id, string Category, RuleSeverity Severity, string Title, string MessageFormat, string Description, bool CompilationEnd = false)
{
    /// <summary>The page that explains the rule and its fix.</summary>
    public string HelpLink => RuleCatalog.HelpBase + Id + ".md";

    /// <summary>The message with its arguments, as the compiler formats it.</summary>
    public string Format(IReadOnlyList<object?> arguments)
    {
        var values = new object?[arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = arguments[i];
        }

        return string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, values);
    }
}

/// <summary>
/// Every ClusterReady rule. Severity: Error when Kubernetes (or ClusterReady's build step) would reject the
/// manifest or the pod cannot work, Warning for a risky setting, Info for advice. Messages name the attribute and
/// property, the value and the fix, and never repeat a value that may be a secret.
/// </summary>
internal static class RuleCatalog
{
    private const string Resources = "ClusterReady.Resources";
    private const string Naming = "ClusterReady.Naming";
    private const string Ports = "ClusterReady.Ports";
    private const string Probes = "ClusterReady.Probes";
    private const string Shutdown = "ClusterReady.Shutdown";
    private const string Availability = "ClusterReady.Availability";
    private const string Security = "ClusterReady.Security";
    private const string Image = "ClusterReady.Image";
    private const string Ingress = "ClusterReady.Ingress";
    private const string Usage = "ClusterReady.Usage";
    private const string Composition = "ClusterReady.Composition";

    /// <summary>Where each rule's page lives: docs/rules/&lt;id&gt;.md.</summary>
    public const string HelpBase = "https://github.com/clusterready/clusterready/blob/main/docs/rules/";

    public static readonly Rule InvalidQuantity = new(
        RuleIdentifiers.InvalidQuantity, Resources, RuleSeverity.Error,
        "Resource quantity is not valid",
        "{0} = \"{1}\" is not a Kubernetes quantity: {2}",
        "CPU and memory are Kubernetes quantities: a number with an optional suffix such as m (milli), k, M, G (powers of 10) or Ki, Mi, Gi (powers of 2), no spaces and no 'B'. The API server rejects anything else.");

    public static readonly Rule RequestAboveLimit = new(
        RuleIdentifiers.RequestAboveLimit, Resources, RuleSeverity.Error,
        "Request is greater than the limit",
        "{0} = \"{1}\" is greater than {2} = \"{3}\" and Kubernetes rejects a request above its limit: lower the request or raise the limit",
        "A container's request must be at most its limit; the API server rejects the Deployment otherwise.");

    public static readonly Rule MissingMemoryLimit = new(
        RuleIdentifiers.MissingMemoryLimit, Resources, RuleSeverity.Warning,
        "No memory limit",
        "{0} sets no MemoryLimit, so one leak can exhaust the node's memory and get other pods evicted: set [Resources(MemoryLimit = \"512Mi\")] to a value above the app's peak",
        "Without a memory limit a container can use all of a node's memory. .NET sizes its GC heap from the limit, so a limit also makes the runtime collect before the node runs out.");

    public static readonly Rule UtilizationWithoutRequest = new(
        RuleIdentifiers.UtilizationWithoutRequest, Resources, RuleSeverity.Error,
        "Autoscaling on utilization without a request",
        "{0} scales on {1} utilization, a percentage of the {1} request, but Resources.{2} is not set and the autoscaler cannot compute utilization: set Resources.{2}, such as \"{3}\"",
        "A HorizontalPodAutoscaler utilization target is a percentage of the container's request. Without the request the autoscaler reports 'missing request' and never scales.");

    public static readonly Rule QuantityUnitMismatch = new(
        RuleIdentifiers.QuantityUnitMismatch, Resources, RuleSeverity.Error,
        "Quantity unit does not fit the resource",
        "{0} = \"{1}\" means {2}: write {3}",
        "Some quantities are valid but cannot be what was meant: memory in thousandths of a byte (\"512m\") or CPU with a byte suffix (\"500Mi\", half a billion cores). The pod is killed at once or never scheduled.");

    public static readonly Rule QuantityMissingUnit = new(
        RuleIdentifiers.QuantityMissingUnit, Resources, RuleSeverity.Warning,
        "Quantity is probably missing a unit",
        "{0} = \"{1}\" means {2}, which looks like a forgotten unit: write {3}",
        "A quantity without a suffix counts bytes for memory and whole cores for CPU. \"512\" bytes of memory or \"250\" cores are almost always a missing \"Mi\" or \"m\".");

    public static readonly Rule MemoryLimitBelowRuntimeFloor = new(
        RuleIdentifiers.MemoryLimitBelowRuntimeFloor, Resources, RuleSeverity.Error,
        "Memory limit is below what a .NET process needs to start",
        "{0} = \"{1}\" is {2}, below the {3} MiB any .NET {4} needs just to start (one uses about {5} MiB when ready, {6} MiB published Native AOT), so the container thrashes or is OOM-killed before it serves anything: set it above the app's peak, such as \"{7}\"",
        "Before it runs any app code, a .NET process maps the runtime and the framework and commits its first GC heap. Measured right after start (see the page): 63 MiB resident for an ASP.NET Core app and 44 MiB for a worker, 29 MiB and 15 MiB published Native AOT. A limit below 20 MiB (web app) or 12 MiB (worker) is too small for either.");

    public static readonly Rule InvalidDnsLabel = new(
        RuleIdentifiers.InvalidDnsLabel, Naming, RuleSeverity.Error,
        "Name is not a valid Kubernetes label name",
        "{0} = \"{1}\" is not a valid {2}: {3}",
        "Service, namespace and environment names are RFC 1123 labels: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit (a Service name must start with a letter).");

    public static readonly Rule InvalidDnsSubdomain = new(
        RuleIdentifiers.InvalidDnsSubdomain, Naming, RuleSeverity.Error,
        "Name is not a valid Kubernetes object or host name",
        "{0} = \"{1}\" is not a valid {2}: {3}",
        "Secret, ConfigMap and IngressClass names and Ingress hosts are RFC 1123 subdomains: at most 253 lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit. An Ingress host may start with \"*.\" (within the 253) and is not an IP address.");

    public static readonly Rule InvalidPortName = new(
        RuleIdentifiers.InvalidPortName, Naming, RuleSeverity.Error,
        "Port name is not a valid IANA service name",
        "ContainerPort.Name = \"{0}\" is not a valid port name: use at most 15 lowercase letters, digits and '-', with at least one letter and no '-' at either end or twice in a row{1}",
        "Probes, Services and NetworkPolicies refer to ports by name, and Kubernetes requires the IANA service name syntax.");

    public static readonly Rule InvalidEnvironmentVariableName = new(
        RuleIdentifiers.InvalidEnvironmentVariableName, Naming, RuleSeverity.Error,
        "Environment variable name is not valid",
        "{0} = \"{1}\" is not an environment variable name: start with a letter or '_' and use letters, digits, '_', '.' and '-'{2}",
        "Environment variable names must start with a letter or '_' and contain letters, digits, '_', '.' and '-'. .NET configuration reads '__' as the section separator ':'.");

    public static readonly Rule InvalidSecretKey = new(
        RuleIdentifiers.InvalidSecretKey, Naming, RuleSeverity.Error,
        "Secret key is not valid",
        "SecretEnvironmentVariable.Key = \"{0}\" is not a Secret key: use at most 253 letters, digits, '-', '_' and '.', not starting with \"..\", such as \"connection-string\"",
        "Keys of a Secret may contain only letters, digits, '-', '_' and '.', and may not be \".\" or start with \"..\" (the names Kubernetes gives its own entries in a mounted Secret).");

    public static readonly Rule InvalidLabelSelector = new(
        RuleIdentifiers.InvalidLabelSelector, Naming, RuleSeverity.Error,
        "Pod label selector is not valid",
        "NetworkPolicy.AllowFromPodLabels contains \"{0}\", which is not a label selector: write \"key=value\" (several pairs joined by ',' must all match), such as \"app.kubernetes.io/name=web\"",
        "Each entry selects pods by labels written as key=value; keys and values follow the Kubernetes label syntax.");

    public static readonly Rule DuplicateEnvironmentVariable = new(
        RuleIdentifiers.DuplicateEnvironmentVariable, Naming, RuleSeverity.Error,
        "Environment variable is declared more than once",
        "The environment variable \"{0}\" is declared {1} and only one value can win: keep one and remove or rename the rest",
        "When a variable is set more than once, which value the app sees depends on order; ClusterReady refuses the ambiguity.");

    public static readonly Rule DuplicateName = new(
        RuleIdentifiers.DuplicateName, Naming, RuleSeverity.Error,
        "Name is declared more than once",
        "{0} \"{1}\" is declared more than once: give each its own name or remove one",
        "Environment overlays (compared ignoring case, as they become folders), ConfigMap references and the services of [DependsOn] must each be declared once.");

    public static readonly Rule InvalidMountPath = new(
        RuleIdentifiers.InvalidMountPath, Naming, RuleSeverity.Error,
        "Mount path is not valid",
        "{0} = \"{1}\" {2}",
        "A volume is mounted at an absolute folder of its own; mounting over /app hides the application and over /tmp hides the writable scratch folder.");

    public static readonly Rule PortOutOfRange = new(
        RuleIdentifiers.PortOutOfRange, Ports, RuleSeverity.Error,
        "Port number is out of range",
        "ContainerPort({0}) is not a port number: use 1 to 65535, such as 8080",
        "Container ports are TCP/UDP port numbers from 1 to 65535.");

    public static readonly Rule PrivilegedPort = new(
        RuleIdentifiers.PrivilegedPort, Ports, RuleSeverity.Error,
        "Privileged port cannot be bound by a non-root container",
        "ContainerPort({0}) is a privileged port that the non-root, capability-free container cannot bind: listen on 1024 or above, such as 8080 (the Service and Ingress route to it by name)",
        "Ports below 1024 need root or CAP_NET_BIND_SERVICE, which the restricted pod security profile ClusterReady uses does not grant; the .NET images listen on 8080 for this reason.");

    public static readonly Rule DuplicatePort = new(
        RuleIdentifiers.DuplicatePort, Ports, RuleSeverity.Error,
        "Port is declared more than once",
        "ContainerPort {0} \"{1}\" is already declared: give each port its own {0}",
        "Each container port needs its own name and number/protocol pair; probes and Services find ports by name.");

    public static readonly Rule InvalidProtocol = new(
        RuleIdentifiers.InvalidProtocol, Ports, RuleSeverity.Error,
        "Port protocol is not valid",
        "ContainerPort.Protocol = \"{0}\" {1}",
        "Kubernetes knows the protocols TCP, UDP and SCTP, in uppercase. The management port serves HTTP health endpoints and must be TCP.");

    public static readonly Rule SeveralManagementPorts = new(
        RuleIdentifiers.SeveralManagementPorts, Ports, RuleSeverity.Error,
        "More than one management port",
        "ContainerPort({0}) is marked Management but port {1} already is: mark only the port that serves the health endpoints",
        "The runtime serves the health endpoints on one management port; probes default to it.");

    public static readonly Rule ProbeOnUndeclaredPort = new(
        RuleIdentifiers.ProbeOnUndeclaredPort, Probes, RuleSeverity.Error,
        "Probe targets a port that is not declared",
        "{0}.Port = \"{1}\" {2}: use one of {3}",
        "A probe names the port it targets. The kubelet cannot resolve a name the container does not declare, and an HTTP probe needs a TCP port.");

    public static readonly Rule InvalidProbePath = new(
        RuleIdentifiers.InvalidProbePath, Probes, RuleSeverity.Error,
        "Probe path is not a request path",
        "{0} path \"{1}\" is not a request path: start it with '/' and use no spaces, such as \"{2}\"",
        "The kubelet requests the probe path as the path of an HTTP URL; it must start with '/'.");

    public static readonly Rule FractionalCpuUnderLatencyProfile = new(
        RuleIdentifiers.FractionalCpuUnderLatencyProfile, Resources, RuleSeverity.Error,
        "Latency profile with a fractional CPU limit",
        "{0} = \"{1}\" is {2} CPU, but [LatencyProfile] runs the service on whole CPUs: a fractional CPU quota is spent early in each 100 ms period and the pod then stalls until the next one, which is the tail latency the profile removes: write {3}",
        "The latency profile gives the pod Guaranteed QoS with whole CPUs (request = limit), which the kubelet's static CPU manager can pin to dedicated cores and which .NET sizes its thread pool and GC for. A fractional limit is throttled by the CFS quota every 100 ms period.");

    public static readonly Rule RequestDiffersFromLimitUnderLatencyProfile = new(
        RuleIdentifiers.RequestDiffersFromLimitUnderLatencyProfile, Resources, RuleSeverity.Error,
        "Latency profile with a request that differs from its limit",
        "{0} = \"{1}\" differs from {2} = \"{3}\", but [LatencyProfile] makes each request equal to its limit (Guaranteed QoS): remove {0} (the profile sets it to the limit) or write \"{3}\"",
        "Guaranteed QoS needs every request equal to its limit. The profile sets a request it is not given; one written with another value contradicts the profile and is not changed silently.");

    public static readonly Rule LatencyProfileWithoutResources = new(
        RuleIdentifiers.LatencyProfileWithoutResources, Resources, RuleSeverity.Error,
        "Latency profile without CPU or memory",
        "[LatencyProfile] derives Guaranteed QoS and the runtime's processor count and heap limit from the resources, but {0} sets no {1}: set [Resources({2})]",
        "The latency profile needs a CPU and a memory amount in every environment: the limits (and requests) of a Guaranteed pod and the .NET settings derived from them.");

    public static readonly Rule WarmupBeyondStartupBudget = new(
        RuleIdentifiers.WarmupBeyondStartupBudget, Probes, RuleSeverity.Error,
        "Warm-up does not fit the startup probe",
        "LatencyProfile.WarmupTimeoutSeconds = {0} {1}",
        "The warm-up runs after start and before readiness answers 200, while the startup probe waits: it must end before the probe's budget (initialDelaySeconds + periodSeconds x failureThreshold) less one period, or the kubelet restarts a pod that is only warming up.");

    public static readonly Rule ProbeTimingOutOfRange = new(
        RuleIdentifiers.ProbeTimingOutOfRange, Probes, RuleSeverity.Error,
        "Probe timing is out of range",
        "{0} = {1} is out of range: {2}",
        "initialDelaySeconds must be 0 or more; periodSeconds, timeoutSeconds and failureThreshold at least 1. Kubernetes replaces a 0 with its own default, so the manifest and the runtime would disagree.");

    public static readonly Rule ProbeTimeoutNotBelowPeriod = new(
        RuleIdentifiers.ProbeTimeoutNotBelowPeriod, Probes, RuleSeverity.Warning,
        "Probe timeout is not shorter than its period",
        "{0}.TimeoutSeconds = {1} is not shorter than PeriodSeconds = {2}, so a slow probe is still running when the next one starts: make the timeout shorter than the period",
        "A probe that may take as long as its period overlaps the next one; failures then come late and in bursts.");

    public static readonly Rule ReadinessSameAsLiveness = new(
        RuleIdentifiers.ReadinessSameAsLiveness, Probes, RuleSeverity.Warning,
        "Readiness and liveness probe the same endpoint",
        "The {0} probe requests \"{1}\" on port \"{2}\", the same endpoint as the {3} probe, so a dependency outage restarts the pod instead of taking it out of the load balancer: give {4} its own path, such as \"{5}\"",
        "Liveness should fail only when the process is stuck; readiness also when it cannot serve (a database is down). One endpoint for both turns every outage into restarts.");

    public static readonly Rule AddClusterReadyNotCalled = new(
        RuleIdentifiers.AddClusterReadyNotCalled, Probes, RuleSeverity.Warning,
        "AddClusterReady() is never called",
        "The manifest probes {0} but the app never calls builder.AddClusterReady(), so nothing serves them and the drain-aware shutdown is off: call builder.AddClusterReady() before Build()",
        "builder.AddClusterReady() serves the probe endpoints and the shutdown timeline the generated manifests expect.", CompilationEnd: true);

    public static readonly Rule ProbePathNotServed = new(
        RuleIdentifiers.ProbePathNotServed, Probes, RuleSeverity.Error,
        "Probe path is not served by the app",
        "The {0} probe requests \"{1}\" but the app neither calls builder.AddClusterReady() nor maps that path, so the kubelet gets 404 and {2}: call builder.AddClusterReady() or map \"{1}\"",
        "Without AddClusterReady() the app must serve the probe paths itself; none of its MapGet/MapHealthChecks routes matches this one.", CompilationEnd: true);

    public static readonly Rule RouteShadowsProbe = new(
        RuleIdentifiers.RouteShadowsProbe, Probes, RuleSeverity.Warning,
        "App route collides with a probe path",
        "{0}(\"{1}\") maps the {2} probe path that builder.AddClusterReady() already serves, so two handlers answer the kubelet: remove this route or move the probe with [{3}(\"/other/path\")]",
        "AddClusterReady() serves the probe endpoints itself; mapping the same path again makes routing ambiguous.", CompilationEnd: true);

    public static readonly Rule ListeningPortNotDeclared = new(
        RuleIdentifiers.ListeningPortNotDeclared, Ports, RuleSeverity.Error,
        "Listening port does not match the manifest",
        "{0} makes the app listen on {1}, {2}: {3}",
        "The Service, the Ingress and the kubelet's probes connect to the container ports the manifest declares, on the pod's IP address. An app that moves its HTTP port (ASPNETCORE_URLS, UseUrls, Kestrel's Listen methods) or listens on the loopback interface only is not reachable there: the probes fail and the pod is restarted or never ready.", CompilationEnd: true);

    public static readonly Rule ShutdownTimingOutOfRange = new(
        RuleIdentifiers.ShutdownTimingOutOfRange, Shutdown, RuleSeverity.Error,
        "Shutdown timing is out of range",
        "GracefulShutdown.{0} = {1} is out of range: {2}",
        "The drain delay and margin are 0 or more seconds; the host shutdown timeout at least 1 second so in-flight work can finish.");

    public static readonly Rule LongTerminationGracePeriod = new(
        RuleIdentifiers.LongTerminationGracePeriod, Shutdown, RuleSeverity.Warning,
        "Termination grace period is very long",
        "[GracefulShutdown] adds up to a terminationGracePeriodSeconds of {0} s (drain {1} + shutdown timeout {2} + margin {3}), which slows every rollout and node drain: keep it at {4} s or less",
        "Rollouts and node drains wait for old pods up to the grace period; past a few minutes, cluster upgrades stall and some platforms cut it short.");

    public static readonly Rule NoDrainDelay = new(
        RuleIdentifiers.NoDrainDelay, Shutdown, RuleSeverity.Info,
        "No drain delay for a service that receives traffic",
        "GracefulShutdown.DrainDelaySeconds = 0 stops serving at SIGTERM while load balancers may still send requests for a few seconds: keep a drain delay such as 5",
        "Removing a terminating pod from Service endpoints, kube-proxy and ingress controllers takes a few seconds; the drain delay keeps serving meanwhile.");

    public static readonly Rule NoShutdownMargin = new(
        RuleIdentifiers.NoShutdownMargin, Shutdown, RuleSeverity.Warning,
        "No margin between the shutdown timeout and SIGKILL",
        "GracefulShutdown.MarginSeconds = 0 makes the kubelet send SIGKILL exactly when the host's shutdown timeout ends, before logs are flushed: keep a margin such as 5",
        "The margin is the time between the host giving up on in-flight work and the kubelet killing the process.");

    public static readonly Rule HostShutdownTimeoutBeyondGracePeriod = new(
        RuleIdentifiers.HostShutdownTimeoutBeyondGracePeriod, Shutdown, RuleSeverity.Error,
        "Host shutdown timeout set in code outlasts the grace period",
        "{0} gives the host up to {1} s to stop, until {2} s after SIGTERM{3}, which leaves less than the {7} s margin of the pod's terminationGracePeriodSeconds of {4} s ([GracefulShutdown]: drain {5} + ShutdownTimeoutSeconds {6} + margin {7}), so the kubelet can SIGKILL the process before that work and its logs are finished: set [GracefulShutdown(ShutdownTimeoutSeconds = {8})] or lower this value (AddClusterReady() sets the host's timeout from the attribute, so the code need not)",
        "terminationGracePeriodSeconds is computed from [GracefulShutdown] (drain + ShutdownTimeoutSeconds + margin), and AddClusterReady() sets HostOptions.ShutdownTimeout from the same attribute. Code that sets a longer timeout over it lets the host wait into the margin or past the grace period, and the kubelet kills the process in the middle of the work the timeout was meant to let finish, or before its logs are flushed. The runtime refuses to start with such options for the same reason.", CompilationEnd: true);

    public static readonly Rule BudgetBlocksEviction = new(
        RuleIdentifiers.BudgetBlocksEviction, Availability, RuleSeverity.Error,
        "Disruption budget blocks every eviction",
        "{0} allows no pod to be evicted {1}, so node drains and cluster upgrades hang: {2}",
        "A PodDisruptionBudget that never allows a disruption blocks kubectl drain, node auto-repair and cluster upgrades indefinitely.");

    public static readonly Rule BudgetNeedsOneSetting = new(
        RuleIdentifiers.BudgetNeedsOneSetting, Availability, RuleSeverity.Error,
        "Disruption budget must set exactly one of MinAvailable and MaxUnavailable",
        "[DisruptionBudget] {0}: set exactly one of them, such as MaxUnavailable = 1",
        "A PodDisruptionBudget has either minAvailable or maxUnavailable; the API server rejects both.");

    public static readonly Rule InvalidAutoscalingRange = new(
        RuleIdentifiers.InvalidAutoscalingRange, Availability, RuleSeverity.Error,
        "Autoscaling range is not valid",
        "{0} = {1} {2}",
        "A HorizontalPodAutoscaler needs minReplicas of at least 1 and maxReplicas not below it.");

    public static readonly Rule AutoscalingMinBelowBudget = new(
        RuleIdentifiers.AutoscalingMinBelowBudget, Availability, RuleSeverity.Warning,
        "Autoscaler minimum leaves the disruption budget no room",
        "Autoscaling MinReplicas = {0} is not above DisruptionBudget.MinAvailable = {1}, so once scaled down no pod can be evicted and node drains hang: raise MinReplicas to at least {2} or lower MinAvailable",
        "When the autoscaler scales down to its minimum, a budget that needs that many pods available allows no disruption at all.");

    public static readonly Rule SingleReplicaHighlyAvailable = new(
        RuleIdentifiers.SingleReplicaHighlyAvailable, Availability, RuleSeverity.Warning,
        "Highly available service runs a single replica",
        "{0} = 1 on a service marked HighlyAvailable leaves one pod, so every restart or node drain is an outage: use 2 or more",
        "High availability needs at least two pods spread across nodes; one pod is a single point of failure whatever the budget says.");

    public static readonly Rule AutoscalingSettingOutOfRange = new(
        RuleIdentifiers.AutoscalingSettingOutOfRange, Availability, RuleSeverity.Error,
        "Autoscaling setting is out of range",
        "Autoscaling.{0} = {1} is out of range: {2}",
        "Utilization targets are percentages above 0; the scale-down stabilization window is 0 to 3600 seconds.");

    public static readonly Rule MemoryUtilizationAbove100 = new(
        RuleIdentifiers.MemoryUtilizationAbove100, Availability, RuleSeverity.Warning,
        "Memory utilization target above 100%",
        "Autoscaling.MemoryUtilization = {0} targets more memory than the request, which the pods reach only near their limit, so the autoscaler scales out too late: use 100 or less, such as 80",
        "Memory utilization is a percentage of the request; past 100 the pods approach the memory limit (and the OOM killer) before the autoscaler reacts.");

    public static readonly Rule NegativeReplicas = new(
        RuleIdentifiers.NegativeReplicas, Availability, RuleSeverity.Error,
        "Replica count is negative",
        "{0} = {1} is negative: use 1 or more",
        "Replica counts and disruption budgets count pods; they cannot be negative.");

    public static readonly Rule OverlayAutoscalingWithoutAutoscaling = new(
        RuleIdentifiers.OverlayAutoscalingWithoutAutoscaling, Availability, RuleSeverity.Error,
        "Environment sets autoscaling limits without [Autoscaling]",
        "EnvironmentOverlay(\"{0}\").{1} sets an autoscaling limit but the service has no [Autoscaling]: add [Autoscaling(min, max)] or remove the limit",
        "An overlay can only change an autoscaler the base declares.");

    public static readonly Rule ZeroReplicasReadAsNotSet = new(
        RuleIdentifiers.ZeroReplicasReadAsNotSet, Availability, RuleSeverity.Error,
        "Replica count written as 0 is read as not set",
        "{0} = 0 is read as not set, so {1}: {2}",
        "On these properties 0 means \"not set\", as when the property is left out; written, it would give a manifest other than the one it says, so it is refused. An environment runs no pods with Replicas = 0 on its [EnvironmentOverlay].");

    public static readonly Rule SecretNamedPlainVariable = new(
        RuleIdentifiers.SecretNamedPlainVariable, Security, RuleSeverity.Error,
        "Secret set as a plain environment variable",
        "EnvironmentVariable \"{0}\" looks like a secret, and its value would be written in plain text into the manifest and source control: move it to a Secret with [SecretEnvironmentVariable(\"{0}\", \"{1}\", \"{2}\")]",
        "Plain environment variables are written into the Deployment, which ends up in source control and is readable by anyone who can read the Deployment. Secrets belong in a Kubernetes Secret.");

    public static readonly Rule CredentialInPlainVariable = new(
        RuleIdentifiers.CredentialInPlainVariable, Security, RuleSeverity.Error,
        "Credential in a plain environment variable",
        "The value of EnvironmentVariable \"{0}\" looks like a credential (a password, key or token) and would be written in plain text into the manifest and source control: move it to a Secret with [SecretEnvironmentVariable(\"{0}\", \"{1}\", \"{2}\")]",
        "A connection string with a password, a URL with user info, a private key or a token must not be written into a manifest.");

    public static readonly Rule RunsAsRoot = new(
        RuleIdentifiers.RunsAsRoot, Security, RuleSeverity.Warning,
        "Container may run as root",
        "PodSecurity.{0} = {1} lets the container run as root, which the Pod Security Standards 'restricted' profile forbids: keep RunAsNonRoot = true and the images' app user 1654",
        "A root process that escapes the container is root on the node. Namespaces enforcing the 'restricted' profile reject such pods.");

    public static readonly Rule PrivilegeEscalation = new(
        RuleIdentifiers.PrivilegeEscalation, Security, RuleSeverity.Warning,
        "Privilege escalation allowed",
        "PodSecurity.AllowPrivilegeEscalation = true lets setuid binaries gain privileges, which the Pod Security Standards 'restricted' profile forbids: remove it (the default is false)",
        "allowPrivilegeEscalation lets a process gain more privileges than its parent; namespaces enforcing the 'restricted' profile reject such pods.");

    public static readonly Rule InvalidRunAsUser = new(
        RuleIdentifiers.InvalidRunAsUser, Security, RuleSeverity.Error,
        "RunAsUser cannot work",
        "PodSecurity.RunAsUser = {0} {1}",
        "A user id is 0 or more; user 0 is root, which RunAsNonRoot = true makes the kubelet refuse to start.");

    public static readonly Rule ServiceAccountTokenMounted = new(
        RuleIdentifiers.ServiceAccountTokenMounted, Security, RuleSeverity.Info,
        "ServiceAccount token is mounted",
        "PodSecurity.AutomountServiceAccountToken = true gives every process in the pod a token for the Kubernetes API: keep it false unless the app calls the API",
        "Most apps never call the Kubernetes API; a mounted token is only something to steal.");

    public static readonly Rule RepositoryWithTag = new(
        RuleIdentifiers.RepositoryWithTag, Image, RuleSeverity.Warning,
        "Image repository includes a tag or digest",
        "ContainerImage repository \"{0}\" includes the {1} \"{2}\", so overlays and the version cannot set the tag: write [ContainerImage(\"{3}\", Tag = \"{2}\")]",
        "The tag is a property of its own (defaulting to the app's version) so that environments can pin different tags; a tag inside the repository gives an invalid reference once the tag is appended.");

    public static readonly Rule InvalidImageReference = new(
        RuleIdentifiers.InvalidImageReference, Image, RuleSeverity.Error,
        "Image repository or tag is not valid",
        "{0} = \"{1}\" is not a valid image {2}: {3}",
        "Image repositories are lowercase path components, optionally after a registry host; tags are at most 128 letters, digits, '_', '.' and '-'.");

    public static readonly Rule LatestTag = new(
        RuleIdentifiers.LatestTag, Image, RuleSeverity.Info,
        "Image tag 'latest' is not reproducible",
        "{0} = \"latest\" makes every node pull whatever was pushed last, so a rollback does not roll back: use the app's version (leave Tag unset) or a digest",
        "A moving tag means two pods of the same Deployment can run different code.");

    public static readonly Rule IngressWithoutAppPort = new(
        RuleIdentifiers.IngressWithoutAppPort, Ingress, RuleSeverity.Error,
        "Ingress or HTTPRoute has no app port to route to",
        "[{0}] routes to the service's first app port but the service declares none (only management or UDP ports): declare one, such as [ContainerPort(8080)]",
        "An Ingress or HTTPRoute routes HTTP to a TCP port that is not the management port.");

    public static readonly Rule InvalidIngressPath = new(
        RuleIdentifiers.InvalidIngressPath, Ingress, RuleSeverity.Error,
        "Ingress or HTTPRoute path is not a path prefix",
        "{0} = \"{1}\" is not a path prefix: start it with '/' and use no spaces, such as \"{2}\"",
        "Ingress and HTTPRoute paths are absolute URL paths.");

    public static readonly Rule IngressWithoutTls = new(
        RuleIdentifiers.IngressWithoutTls, Ingress, RuleSeverity.Info,
        "Ingress serves plain HTTP",
        "[Ingress(\"{0}\")] sets no TlsSecretName, so traffic to it is unencrypted: set TlsSecretName to the Secret that holds the certificate",
        "Without TLS, credentials and cookies cross the network in clear text.");

    public static readonly Rule HttpRouteWithoutGateway = new(
        RuleIdentifiers.HttpRouteWithoutGateway, Ingress, RuleSeverity.Error,
        "HTTPRoute without a parent Gateway",
        "[HttpRoute(\"{0}\")] names no Gateway, so the route attaches to nothing and no request reaches the service: set Gateway to the Gateway that serves the host, such as Gateway = \"public\" (and GatewayNamespace when it lives in another namespace)",
        "An HTTPRoute serves traffic only through the Gateways in its parentRefs; one without a parent is accepted by the API server and routes nothing.");

    public static readonly Rule SeveralServices = new(
        RuleIdentifiers.SeveralServices, Usage, RuleSeverity.Error,
        "More than one [KubernetesService] class",
        "'{0}' is also marked [KubernetesService] but an assembly describes one service and '{1}' is used: remove the attribute from one of them",
        "The generator embeds one deployment model per assembly; it uses the first class by name and ignores the others.", CompilationEnd: true);

    public static readonly Rule AttributeWithoutService = new(
        RuleIdentifiers.AttributeWithoutService, Usage, RuleSeverity.Warning,
        "ClusterReady attribute on a class without [KubernetesService]",
        "{0} on '{1}' is ignored because '{1}' is not marked [KubernetesService]: move it to the service class",
        "The generator reads the ClusterReady attributes from the [KubernetesService] class only.");
    public static readonly Rule DependsOnItself = new(
        RuleIdentifiers.DependsOnItself, Composition, RuleSeverity.Error,
        "Service depends on itself",
        "DependsOn.Service = \"{0}\" is this service's own name, and a service cannot wait for its own healthcheck: remove the [DependsOn] or name the service it needs",
        "[DependsOn] names another service of the solution that must be running and ready before this one starts; a service cannot be its own dependency.");

    public static readonly Rule UnknownDependency = new(
        RuleIdentifiers.UnknownDependency, Composition, RuleSeverity.Error,
        "Dependency is not a service of the composition",
        "Service \"{0}\" depends on \"{1}\", which is not a service of the composition (its services: {2}): add the project that declares [KubernetesService(\"{1}\")] to the composition, or correct the name",
        "A composition starts the services it references; a service that waits for one it does not start would never start. Checked by the composition's build step, where every service is known (the IDE sees one project at a time).");

    public static readonly Rule DependencyCycle = new(
        RuleIdentifiers.DependencyCycle, Composition, RuleSeverity.Error,
        "Services depend on each other in a cycle",
        "The services depend on each other in a cycle ({0}), so none of them can start first: remove one [DependsOn] of the cycle",
        "Compose starts a service after the services it depends on are healthy; in a cycle each waits for another. Checked by the composition's build step, where every service is known (the IDE sees one project at a time).");

    /// <summary>
    /// The rules about several services together, checked by the composition's build step where every service is
    /// known; no analyzer reports them (the IDE sees one project at a time), so they have no compiler descriptor.
    /// </summary>
    public static IReadOnlyList<Rule> CompositionRules { get; } = new[] { UnknownDependency, DependencyCycle };

    /// <summary>Every rule, in id order.</summary>
    public static IReadOnlyList<Rule> All { get; } = new[]
    {
        AddClusterReadyNotCalled,
        AttributeWithoutService,
        AutoscalingMinBelowBudget,
        AutoscalingSettingOutOfRange,
        BudgetBlocksEviction,
        BudgetNeedsOneSetting,
        CredentialInPlainVariable,
        DependencyCycle,
        DependsOnItself,
        DuplicateEnvironmentVariable,
        DuplicateName,
        DuplicatePort,
        FractionalCpuUnderLatencyProfile,
        HostShutdownTimeoutBeyondGracePeriod,
        HttpRouteWithoutGateway,
        IngressWithoutAppPort,
        IngressWithoutTls,
        InvalidAutoscalingRange,
        InvalidDnsLabel,
        InvalidDnsSubdomain,
        InvalidEnvironmentVariableName,
        InvalidImageReference,
        InvalidIngressPath,
        InvalidLabelSelector,
        InvalidMountPath,
        InvalidPortName,
        InvalidProbePath,
        InvalidProtocol,
        InvalidQuantity,
        InvalidRunAsUser,
        InvalidSecretKey,
        LatencyProfileWithoutResources,
        LatestTag,
        ListeningPortNotDeclared,
        LongTerminationGracePeriod,
        MemoryLimitBelowRuntimeFloor,
        MemoryUtilizationAbove100,
        MissingMemoryLimit,
        NegativeReplicas,
        NoDrainDelay,
        NoShutdownMargin,
        OverlayAutoscalingWithoutAutoscaling,
        PortOutOfRange,
        PrivilegeEscalation,
        PrivilegedPort,
        ProbeOnUndeclaredPort,
        ProbePathNotServed,
        ProbeTimeoutNotBelowPeriod,
        ProbeTimingOutOfRange,
        QuantityMissingUnit,
        QuantityUnitMismatch,
        ReadinessSameAsLiveness,
        RepositoryWithTag,
        RequestAboveLimit,
        RequestDiffersFromLimitUnderLatencyProfile,
        RouteShadowsProbe,
        RunsAsRoot,
        SecretNamedPlainVariable,
        ServiceAccountTokenMounted,
        SeveralManagementPorts,
        SeveralServices,
        ShutdownTimingOutOfRange,
        SingleReplicaHighlyAvailable,
        UnknownDependency,
        UtilizationWithoutRequest,
        WarmupBeyondStartupBudget,
        ZeroReplicasReadAsNotSet,
    };
}
