namespace ClusterReady.Model.Rules;

/// <summary>
/// The ids of ClusterReady's rules. Stable: an id is never reused for another rule. By area: 1xxx resources,
/// 2xxx names and paths, 30xx ports, 301x probes, 31xx the app's endpoints, 4xxx shutdown, 5xxx availability,
/// 6xxx secrets and pod security, 7xxx container image, 8xxx ingress, 90xx how the attributes are used,
/// 91xx the services of a composition ([DependsOn]).
/// </summary>
internal static class RuleIdentifiers
{
    public const string InvalidQuantity = "CR1001";
    public const string RequestAboveLimit = "CR1002";
    public const string MissingMemoryLimit = "CR1003";
    public const string UtilizationWithoutRequest = "CR1004";
    public const string QuantityUnitMismatch = "CR1005";
    public const string QuantityMissingUnit = "CR1006";
    public const string MemoryLimitBelowRuntimeFloor = "CR1007";
    public const string FractionalCpuUnderLatencyProfile = "CR1008";
    public const string RequestDiffersFromLimitUnderLatencyProfile = "CR1009";
    public const string LatencyProfileWithoutResources = "CR1010";

    public const string InvalidDnsLabel = "CR2001";
    public const string InvalidDnsSubdomain = "CR2002";
    public const string InvalidPortName = "CR2003";
    public const string InvalidEnvironmentVariableName = "CR2004";
    public const string InvalidSecretKey = "CR2005";
    public const string InvalidLabelSelector = "CR2006";
    public const string DuplicateEnvironmentVariable = "CR2007";
    public const string DuplicateName = "CR2008";
    public const string InvalidMountPath = "CR2009";

    public const string PortOutOfRange = "CR3001";
    public const string PrivilegedPort = "CR3002";
    public const string DuplicatePort = "CR3003";
    public const string InvalidProtocol = "CR3004";
    public const string SeveralManagementPorts = "CR3005";

    public const string ProbeOnUndeclaredPort = "CR3011";
    public const string InvalidProbePath = "CR3012";
    public const string ProbeTimingOutOfRange = "CR3013";
    public const string ProbeTimeoutNotBelowPeriod = "CR3014";
    public const string ReadinessSameAsLiveness = "CR3015";
    public const string WarmupBeyondStartupBudget = "CR3016";

    public const string AddClusterReadyNotCalled = "CR3101";
    public const string ProbePathNotServed = "CR3102";
    public const string RouteShadowsProbe = "CR3103";
    public const string ListeningPortNotDeclared = "CR3104";

    public const string ShutdownTimingOutOfRange = "CR4001";
    public const string LongTerminationGracePeriod = "CR4002";
    public const string NoDrainDelay = "CR4003";
    public const string NoShutdownMargin = "CR4004";
    public const string HostShutdownTimeoutBeyondGracePeriod = "CR4005";

    public const string BudgetBlocksEviction = "CR5001";
    public const string BudgetNeedsOneSetting = "CR5002";
    public const string InvalidAutoscalingRange = "CR5003";
    public const string AutoscalingMinBelowBudget = "CR5004";
    public const string SingleReplicaHighlyAvailable = "CR5005";
    public const string AutoscalingSettingOutOfRange = "CR5006";
    public const string MemoryUtilizationAbove100 = "CR5007";
    public const string NegativeReplicas = "CR5008";
    public const string OverlayAutoscalingWithoutAutoscaling = "CR5009";
    public const string ZeroReplicasReadAsNotSet = "CR5010";

    public const string SecretNamedPlainVariable = "CR6001";
    public const string CredentialInPlainVariable = "CR6002";
    public const string RunsAsRoot = "CR6003";
    public const string PrivilegeEscalation = "CR6004";
    public const string InvalidRunAsUser = "CR6005";
    public const string ServiceAccountTokenMounted = "CR6006";

    public const string RepositoryWithTag = "CR7001";
    public const string InvalidImageReference = "CR7002";
    public const string LatestTag = "CR7003";

    public const string IngressWithoutAppPort = "CR8001";
    public const string InvalidIngressPath = "CR8002";
    public const string IngressWithoutTls = "CR8003";
    public const string HttpRouteWithoutGateway = "CR8004";

    public const string SeveralServices = "CR9001";
    public const string AttributeWithoutService = "CR9002";

    public const string DependsOnItself = "CR9101";
    public const string UnknownDependency = "CR9102";
    public const string DependencyCycle = "CR9103";
}
