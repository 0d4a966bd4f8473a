using ClusterReady;

namespace MisconfiguredApi;

// Each line below is a mistake users make; the comment names the rule that catches it (see docs/rules/).
[KubernetesService("Misconfigured API", HighlyAvailable = true, Replicas = 1)] // CR2001 (not a DNS label), CR5005 (one replica)
[ContainerPort(80)]                                                           // CR3002 (a non-root container cannot bind it)
[ContainerPort(8081, Name = "Management_Port", Management = true)]            // CR2003 (not an IANA service name)
[LivenessProbe("/health", Port = "Management_Port")]
[ReadinessProbe("/health", Port = "Management_Port", PeriodSeconds = 2, TimeoutSeconds = 5)] // CR3015 (same as liveness), CR3014 (timeout >= period)
[StartupProbe(Port = "metrics")]                                              // CR3011 (no such port)
[Resources(CpuRequest = "0.5 cores", MemoryRequest = "1Gi", MemoryLimit = "512mb")] // CR1001 twice (not quantities)
[EnvironmentVariable("ConnectionStrings__Orders", "Server=db;User Id=orders;Password=not-a-real-password")] // CR6002 (credential in plain text)
[EnvironmentVariable("Orders:BatchSize", "50")]                               // CR2004 (':' is not allowed; use "__")
[Autoscaling(4, 2, CpuUtilization = 70)]                                      // CR5003 (max below min)
[DisruptionBudget(MinAvailable = 1, MaxUnavailable = 1)]                      // CR5002 (both set)
[GracefulShutdown(ShutdownTimeoutSeconds = 0)]                                // CR4001 (in-flight work is dropped)
[PodSecurity(RunAsNonRoot = false, AllowPrivilegeEscalation = true)]          // CR6003, CR6004 (leaves the restricted profile)
[ContainerImage("registry.example.com/shop/misconfigured-api:1.0")]           // CR7001 (tag inside the repository)
public sealed class Deployment;
