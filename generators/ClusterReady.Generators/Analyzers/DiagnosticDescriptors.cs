using System.Collections.Generic;
using ClusterReady.Model.Rules;
using Microsoft.CodeAnalysis;

namespace ClusterReady.Generators.Analyzers;

/// <summary>
/// The compiler's descriptor of every rule in <see cref="RuleCatalog"/>: same id, title, message, severity and help
/// link, so the IDE and the build step say the same thing.
/// </summary>
internal static class DiagnosticDescriptors
{
    // Reported from a compilation-end action: seen on build and with full solution analysis, not while typing.
    private static readonly string[] CompilationEnd = { WellKnownDiagnosticTags.CompilationEnd };

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = new();

    public static readonly DiagnosticDescriptor InvalidQuantity = Create(RuleCatalog.InvalidQuantity);
    public static readonly DiagnosticDescriptor RequestAboveLimit = Create(RuleCatalog.RequestAboveLimit);
    public static readonly DiagnosticDescriptor MissingMemoryLimit = Create(RuleCatalog.MissingMemoryLimit);
    public static readonly DiagnosticDescriptor UtilizationWithoutRequest = Create(RuleCatalog.UtilizationWithoutRequest);
    public static readonly DiagnosticDescriptor QuantityUnitMismatch = Create(RuleCatalog.QuantityUnitMismatch);
    public static readonly DiagnosticDescriptor QuantityMissingUnit = Create(RuleCatalog.QuantityMissingUnit);
    public static readonly DiagnosticDescriptor MemoryLimitBelowRuntimeFloor = Create(RuleCatalog.MemoryLimitBelowRuntimeFloor);
    public static readonly DiagnosticDescriptor FractionalCpuUnderLatencyProfile = Create(RuleCatalog.FractionalCpuUnderLatencyProfile);
    public static readonly DiagnosticDescriptor RequestDiffersFromLimitUnderLatencyProfile = Create(RuleCatalog.RequestDiffersFromLimitUnderLatencyProfile);
    public static readonly DiagnosticDescriptor LatencyProfileWithoutResources = Create(RuleCatalog.LatencyProfileWithoutResources);
    public static readonly DiagnosticDescriptor WarmupBeyondStartupBudget = Create(RuleCatalog.WarmupBeyondStartupBudget);
    public static readonly DiagnosticDescriptor InvalidDnsLabel = Create(RuleCatalog.InvalidDnsLabel);
    public static readonly DiagnosticDescriptor InvalidDnsSubdomain = Create(RuleCatalog.InvalidDnsSubdomain);
    public static readonly DiagnosticDescriptor InvalidPortName = Create(RuleCatalog.InvalidPortName);
    public static readonly DiagnosticDescriptor InvalidEnvironmentVariableName = Create(RuleCatalog.InvalidEnvironmentVariableName);
    public static readonly DiagnosticDescriptor InvalidSecretKey = Create(RuleCatalog.InvalidSecretKey);
    public static readonly DiagnosticDescriptor InvalidLabelSelector = Create(RuleCatalog.InvalidLabelSelector);
    public static readonly DiagnosticDescriptor DuplicateEnvironmentVariable = Create(RuleCatalog.DuplicateEnvironmentVariable);
    public static readonly DiagnosticDescriptor DuplicateName = Create(RuleCatalog.DuplicateName);
    public static readonly DiagnosticDescriptor InvalidMountPath = Create(RuleCatalog.InvalidMountPath);
    public static readonly DiagnosticDescriptor DependsOnItself = Create(RuleCatalog.DependsOnItself);
    public static readonly DiagnosticDescriptor PortOutOfRange = Create(RuleCatalog.PortOutOfRange);
    public static readonly DiagnosticDescriptor PrivilegedPort = Create(RuleCatalog.PrivilegedPort);
    public static readonly DiagnosticDescriptor DuplicatePort = Create(RuleCatalog.DuplicatePort);
    public static readonly DiagnosticDescriptor InvalidProtocol = Create(RuleCatalog.InvalidProtocol);
    public static readonly DiagnosticDescriptor SeveralManagementPorts = Create(RuleCatalog.SeveralManagementPorts);
    public static readonly DiagnosticDescriptor ProbeOnUndeclaredPort = Create(RuleCatalog.ProbeOnUndeclaredPort);
    public static readonly DiagnosticDescriptor InvalidProbePath = Create(RuleCatalog.InvalidProbePath);
    public static readonly DiagnosticDescriptor ProbeTimingOutOfRange = Create(RuleCatalog.ProbeTimingOutOfRange);
    public static readonly DiagnosticDescriptor ProbeTimeoutNotBelowPeriod = Create(RuleCatalog.ProbeTimeoutNotBelowPeriod);
    public static readonly DiagnosticDescriptor ReadinessSameAsLiveness = Create(RuleCatalog.ReadinessSameAsLiveness);
    public static readonly DiagnosticDescriptor AddClusterReadyNotCalled = Create(RuleCatalog.AddClusterReadyNotCalled);
    public static readonly DiagnosticDescriptor ProbePathNotServed = Create(RuleCatalog.ProbePathNotServed);
    public static readonly DiagnosticDescriptor RouteShadowsProbe = Create(RuleCatalog.RouteShadowsProbe);
    public static readonly DiagnosticDescriptor ListeningPortNotDeclared = Create(RuleCatalog.ListeningPortNotDeclared);
    public static readonly DiagnosticDescriptor ShutdownTimingOutOfRange = Create(RuleCatalog.ShutdownTimingOutOfRange);
    public static readonly DiagnosticDescriptor LongTerminationGracePeriod = Create(RuleCatalog.LongTerminationGracePeriod);
    public static readonly DiagnosticDescriptor NoDrainDelay = Create(RuleCatalog.NoDrainDelay);
    public static readonly DiagnosticDescriptor NoShutdownMargin = Create(RuleCatalog.NoShutdownMargin);
    public static readonly DiagnosticDescriptor HostShutdownTimeoutBeyondGracePeriod = Create(RuleCatalog.HostShutdownTimeoutBeyondGracePeriod);
    public static readonly DiagnosticDescriptor BudgetBlocksEviction = Create(RuleCatalog.BudgetBlocksEviction);
    public static readonly DiagnosticDescriptor BudgetNeedsOneSetting = Create(RuleCatalog.BudgetNeedsOneSetting);
    public static readonly DiagnosticDescriptor InvalidAutoscalingRange = Create(RuleCatalog.InvalidAutoscalingRange);
    public static readonly DiagnosticDescriptor AutoscalingMinBelowBudget = Create(RuleCatalog.AutoscalingMinBelowBudget);
    public static readonly DiagnosticDescriptor SingleReplicaHighlyAvailable = Create(RuleCatalog.SingleReplicaHighlyAvailable);
    public static readonly DiagnosticDescriptor AutoscalingSettingOutOfRange = Create(RuleCatalog.AutoscalingSettingOutOfRange);
    public static readonly DiagnosticDescriptor MemoryUtilizationAbove100 = Create(RuleCatalog.MemoryUtilizationAbove100);
    public static readonly DiagnosticDescriptor NegativeReplicas = Create(RuleCatalog.NegativeReplicas);
    public static readonly DiagnosticDescriptor OverlayAutoscalingWithoutAutoscaling = Create(RuleCatalog.OverlayAutoscalingWithoutAutoscaling);
    public static readonly DiagnosticDescriptor ZeroReplicasReadAsNotSet = Create(RuleCatalog.ZeroReplicasReadAsNotSet);
    public static readonly DiagnosticDescriptor SecretNamedPlainVariable = Create(RuleCatalog.SecretNamedPlainVariable);
    public static readonly DiagnosticDescriptor CredentialInPlainVariable = Create(RuleCatalog.CredentialInPlainVariable);
    public static readonly DiagnosticDescriptor RunsAsRoot = Create(RuleCatalog.RunsAsRoot);
    public static readonly DiagnosticDescriptor PrivilegeEscalation = Create(RuleCatalog.PrivilegeEscalation);
    public static readonly DiagnosticDescriptor InvalidRunAsUser = Create(RuleCatalog.InvalidRunAsUser);
    public static readonly DiagnosticDescriptor ServiceAccountTokenMounted = Create(RuleCatalog.ServiceAccountTokenMounted);
    public static readonly DiagnosticDescriptor RepositoryWithTag = Create(RuleCatalog.RepositoryWithTag);
    public static readonly DiagnosticDescriptor InvalidImageReference = Create(RuleCatalog.InvalidImageReference);
    public static readonly DiagnosticDescriptor LatestTag = Create(RuleCatalog.LatestTag);
    public static readonly DiagnosticDescriptor IngressWithoutAppPort = Create(RuleCatalog.IngressWithoutAppPort);
    public static readonly DiagnosticDescriptor InvalidIngressPath = Create(RuleCatalog.InvalidIngressPath);
    public static readonly DiagnosticDescriptor IngressWithoutTls = Create(RuleCatalog.IngressWithoutTls);
    public static readonly DiagnosticDescriptor HttpRouteWithoutGateway = Create(RuleCatalog.HttpRouteWithoutGateway);
    public static readonly DiagnosticDescriptor SeveralServices = Create(RuleCatalog.SeveralServices);
    public static readonly DiagnosticDescriptor AttributeWithoutService = Create(RuleCatalog.AttributeWithoutService);

    /// <summary>The descriptor of <paramref name="rule"/>.</summary>
    public static DiagnosticDescriptor For(Rule rule) => ById[rule.Id];

    private static DiagnosticDescriptor Create(Rule rule)
    {
        var severity = rule.Severity switch
        {
            RuleSeverity.Error => DiagnosticSeverity.Error,
            RuleSeverity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        };
        var descriptor = new DiagnosticDescriptor(
            rule.Id, rule.Title, rule.MessageFormat, rule.Category, severity, isEnabledByDefault: true, rule.Description, rule.HelpLink,
            rule.CompilationEnd ? CompilationEnd : System.Array.Empty<string>());
        ById.Add(rule.Id, descriptor);
        return descriptor;
    }
}
