using ClusterReady.Manifests;
using k8s;
using k8s.Models;

namespace ClusterReady.Manifests.Tests;

/// <summary>Every pod template that is emitted or rendered meets the Pod Security Standards "restricted" profile.</summary>
public sealed class PodSecurityTests
{
    [Theory]
    [MemberData(nameof(TestCases.Names), MemberType = typeof(TestCases))]
    public void TheBaseDeploymentIsRestricted(string caseName)
    {
        var deployment = ManifestFiles.Get<V1Deployment>(TestCases.CreateFiles(caseName), "kubernetes/base/deployment.yaml");

        Assert.Empty(PodSecurityStandards.CheckRestricted(deployment.Spec.Template));
    }

    [SkippableTheory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(TestCases.Names), MemberType = typeof(TestCases))]
    public void EveryRenderedOverlayIsRestricted(string caseName)
    {
        Kustomize.RequireKubectl();
        var files = TestCases.CreateFiles(caseName);
        using var folder = new TemporaryDeployFolder(files);

        foreach (var directory in Kustomize.Directories(files))
        {
            var deployment = Kustomize.Render(folder, directory).Single<V1Deployment>();
            var violations = PodSecurityStandards.CheckRestricted(deployment.Spec.Template);
            Assert.True(violations.Count == 0, $"{directory}: {string.Join("; ", violations)}");
        }
    }

    public static TheoryData<string, Action<V1PodTemplateSpec>, string> Violations => new()
    {
        { "host network", t => t.Spec.HostNetwork = true, "host namespaces" },
        { "host PID", t => t.Spec.HostPID = true, "host namespaces" },
        { "privileged", t => t.Spec.Containers[0].SecurityContext.Privileged = true, "privileged" },
        { "privilege escalation", t => t.Spec.Containers[0].SecurityContext.AllowPrivilegeEscalation = null, "allowPrivilegeEscalation" },
        { "capabilities kept", t => t.Spec.Containers[0].SecurityContext.Capabilities.Drop = ["NET_RAW"], "drop ALL" },
        { "capability added", t => t.Spec.Containers[0].SecurityContext.Capabilities.Add = ["SYS_ADMIN"], "SYS_ADMIN" },
        { "capability beyond restricted", t => t.Spec.Containers[0].SecurityContext.Capabilities.Add = ["CHOWN"], "only NET_BIND_SERVICE" },
        { "root allowed", t => t.Spec.SecurityContext.RunAsNonRoot = null, "runAsNonRoot" },
        { "root user", t => t.Spec.SecurityContext.RunAsUser = 0, "user 0" },
        { "no seccomp", t => t.Spec.SecurityContext.SeccompProfile = null, "seccompProfile" },
        { "unconfined seccomp", t => t.Spec.Containers[0].SecurityContext.SeccompProfile = new V1SeccompProfile { Type = "Unconfined" }, "seccompProfile" },
        { "hostPath volume", t => t.Spec.Volumes.Add(new V1Volume { Name = "host", HostPath = new V1HostPathVolumeSource { Path = "/var/run" } }), "hostPath" },
        { "host port", t => t.Spec.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 8080, HostPort = 8080 }], "hostPort" },
        { "unsafe sysctl", t => t.Spec.SecurityContext.Sysctls = [new V1Sysctl { Name = "kernel.msgmax", Value = "1" }], "kernel.msgmax" },
        { "init container", t => t.Spec.InitContainers = [new V1Container { Name = "init", Image = "busybox" }], "\"init\"" },
        { "nfs volume", t => t.Spec.Volumes.Add(new V1Volume { Name = "nfs", Nfs = new V1NFSVolumeSource { Server = "nfs", Path = "/" } }), "volume types" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void TheCheckerCatchesAViolation(string description, Action<V1PodTemplateSpec> violate, string expected)
    {
        var file = TestCases.CreateFiles("web-api").Single(f => f.RelativePath == "kubernetes/base/deployment.yaml");
        var template = KubernetesYaml.Deserialize<V1Deployment>(file.Content, strict: true).Spec.Template;
        Assert.Empty(PodSecurityStandards.CheckRestricted(template));

        violate(template);

        var violations = PodSecurityStandards.CheckRestricted(template);
        Assert.True(violations.Any(v => v.Contains(expected, StringComparison.Ordinal)), $"{description}: expected a violation mentioning {expected}, got [{string.Join("; ", violations)}]");
    }
}
