using k8s.Models;

namespace ClusterReady.Manifests.Tests;

/// <summary>
/// The checks of the Pod Security Standards "restricted" profile (which includes "baseline"), as the
/// pod-security-admission controller applies them to a pod template. Returns one message per violation.
/// </summary>
internal static class PodSecurityStandards
{
    private static readonly HashSet<string> BaselineCapabilities =
        ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"];

    private static readonly HashSet<string> SafeSysctls =
    [
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
    ];

    private static readonly HashSet<string> AllowedSeLinuxTypes = ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"];

    public static IReadOnlyList<string> CheckRestricted(V1PodTemplateSpec template)
    {
        var violations = new List<string>();
        var pod = template.Spec;
        var podContext = pod.SecurityContext;
        var containers = (pod.InitContainers ?? []).Select(c => (c.Name, c.SecurityContext, c.Ports))
            .Concat(pod.Containers.Select(c => (c.Name, c.SecurityContext, c.Ports)))
            .Concat((pod.EphemeralContainers ?? []).Select(c => (c.Name, c.SecurityContext, c.Ports)))
            .ToList();

        // Baseline.
        if (pod.HostNetwork == true || pod.HostPID == true || pod.HostIPC == true)
        {
            violations.Add("host namespaces: hostNetwork, hostPID and hostIPC must be unset or false");
        }

        if (podContext?.WindowsOptions?.HostProcess == true || containers.Any(c => c.SecurityContext?.WindowsOptions?.HostProcess == true))
        {
            violations.Add("hostProcess: Windows HostProcess pods are not allowed");
        }

        foreach (var volume in pod.Volumes ?? [])
        {
            if (volume.HostPath is not null)
            {
                violations.Add($"hostPath volumes: volume \"{volume.Name}\" is a hostPath");
            }
        }

        if (podContext?.AppArmorProfile?.Type == "Unconfined"
            || (template.Metadata?.Annotations ?? new Dictionary<string, string>()).Any(a => a.Key.StartsWith("container.apparmor.security.beta.kubernetes.io/", StringComparison.Ordinal) && a.Value == "unconfined"))
        {
            violations.Add("AppArmor: the pod's profile must not be Unconfined");
        }

        CheckSeLinux(podContext?.SeLinuxOptions, "pod", violations);
        foreach (var sysctl in podContext?.Sysctls ?? [])
        {
            if (!SafeSysctls.Contains(sysctl.Name))
            {
                violations.Add($"sysctls: \"{sysctl.Name}\" is not a safe sysctl");
            }
        }

        foreach (var (name, context, ports) in containers)
        {
            if (context?.Privileged == true)
            {
                violations.Add($"privileged: container \"{name}\" is privileged");
            }

            foreach (var port in ports ?? [])
            {
                if (port.HostPort is { } hostPort && hostPort != 0)
                {
                    violations.Add($"host ports: container \"{name}\" uses hostPort {hostPort}");
                }
            }

            if (context?.AppArmorProfile?.Type == "Unconfined")
            {
                violations.Add($"AppArmor: container \"{name}\" is Unconfined");
            }

            CheckSeLinux(context?.SeLinuxOptions, $"container \"{name}\"", violations);
            if (context?.ProcMount is { } procMount && procMount != "Default")
            {
                violations.Add($"procMount: container \"{name}\" uses {procMount}");
            }

            var added = context?.Capabilities?.Add ?? [];
            foreach (var capability in added.Where(c => !BaselineCapabilities.Contains(c)))
            {
                violations.Add($"capabilities (baseline): container \"{name}\" adds {capability}");
            }

            // Restricted.
            if (context?.AllowPrivilegeEscalation != false)
            {
                violations.Add($"allowPrivilegeEscalation: container \"{name}\" must set it to false");
            }

            if (context?.RunAsNonRoot == false || (context?.RunAsNonRoot != true && podContext?.RunAsNonRoot != true))
            {
                violations.Add($"runAsNonRoot: container \"{name}\" must run as non-root (pod or container runAsNonRoot: true)");
            }

            if (context?.RunAsUser == 0)
            {
                violations.Add($"runAsUser: container \"{name}\" runs as user 0");
            }

            var seccomp = context?.SeccompProfile?.Type ?? podContext?.SeccompProfile?.Type;
            if (seccomp is not ("RuntimeDefault" or "Localhost"))
            {
                violations.Add($"seccompProfile: container \"{name}\" must use RuntimeDefault or Localhost (has {seccomp ?? "none"})");
            }

            if (!(context?.Capabilities?.Drop ?? []).Contains("ALL"))
            {
                violations.Add($"capabilities: container \"{name}\" must drop ALL");
            }

            foreach (var capability in added.Where(c => c != "NET_BIND_SERVICE"))
            {
                violations.Add($"capabilities (restricted): container \"{name}\" may add only NET_BIND_SERVICE, not {capability}");
            }
        }

        if (podContext?.RunAsUser == 0)
        {
            violations.Add("runAsUser: the pod runs as user 0");
        }

        if (podContext?.SeccompProfile?.Type is "Unconfined")
        {
            violations.Add("seccompProfile: the pod's profile must not be Unconfined");
        }

        foreach (var volume in pod.Volumes ?? [])
        {
            var allowed = volume.ConfigMap is not null || volume.Csi is not null || volume.DownwardAPI is not null || volume.EmptyDir is not null
                || volume.Ephemeral is not null || volume.PersistentVolumeClaim is not null || volume.Projected is not null || volume.Secret is not null;
            if (!allowed)
            {
                violations.Add($"volume types: volume \"{volume.Name}\" is not one of configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret");
            }
        }

        return violations;
    }

    private static void CheckSeLinux(V1SELinuxOptions? options, string owner, List<string> violations)
    {
        if (options is null)
        {
            return;
        }

        if (!AllowedSeLinuxTypes.Contains(options.Type ?? "") || options.User is not null || options.Role is not null)
        {
            violations.Add($"seLinuxOptions: {owner} sets a forbidden type, user or role");
        }
    }
}
