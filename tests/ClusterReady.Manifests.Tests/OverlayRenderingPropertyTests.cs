using ClusterReady.Manifests;
using ClusterReady.Model.Resolution;
using ClusterReady.Model.Rules;
using CsCheck;
using k8s.Models;
using static ClusterReady.Tests.Quantities;

namespace ClusterReady.Manifests.Tests;

/// <summary>
/// Environment overlays on generated bases, rendered and merged by the real <c>kubectl kustomize</c>: the merged objects
/// are the environment the model resolved (the overlay's values in place of the base's), and they keep every promise
/// the base keeps (requests within limits, an autoscaling range Kubernetes accepts, a budget that lets a node drain,
/// the restricted Pod Security Standard) unless the rulebook reports the overlay for breaking it. The promises are
/// judged on the rendered objects with KubernetesClient's own types, not with the product's rules.
/// </summary>
[Trait("Category", "Slow")]
public sealed class OverlayRenderingPropertyTests
{
    private const string Overlay = "production";

    private static readonly Gen<string> Cpu = Gen.OneOf("100m", "250m", "0.5", "500m", "1", "2");

    private static readonly Gen<string> Memory = Gen.OneOf("128Mi", "256Mi", "0.5Gi", "512Mi", "1Gi");

    private static readonly Gen<Case> Cases =
        from cpu in Gen.Select(Cpu, Cpu)
        from memory in Gen.Select(Memory, Memory)
        from replicas in Gen.Int[2, 4]
        from autoscaling in Gen.Bool
        from min in Gen.Int[2, 3]
        from extra in Gen.Int[0, 4]
        from budget in Optional(Gen.Int[1, 3])
        from overlayReplicas in Optional(Gen.Int[-1, 5])
        from overlayMin in Optional(Gen.Int[0, 6])
        from overlayMax in Optional(Gen.Int[0, 8])
        from overlayResources in Gen.Select(Optional(Cpu), Optional(Cpu), Optional(Memory), Optional(Memory))
        from tag in Optional(Gen.OneOf("2.0.1", "2.1.0-rc.1"))
        select new Case(
            [Min(cpu.Item1, cpu.Item2), Max(cpu.Item1, cpu.Item2), Min(memory.Item1, memory.Item2), Max(memory.Item1, memory.Item2)],
            replicas, autoscaling ? (min, min + extra) : null, budget < (autoscaling ? min : replicas) ? budget : null,
            overlayReplicas, overlayMin, overlayMax,
            [overlayResources.Item1, overlayResources.Item2, overlayResources.Item3, overlayResources.Item4], tag);

    private static readonly string[] ResourceNames = ["CpuRequest", "CpuLimit", "MemoryRequest", "MemoryLimit"];

    [SkippableFact]
    public void The_merged_overlay_is_the_resolved_environment_and_keeps_the_base_promises_unless_the_rulebook_reports_it()
    {
        Kustomize.RequireKubectl();
        Cases.Sample(Check, iter: 50, threads: 1, print: c => c.ToString());
    }

    private static void Check(Case c)
    {
        var declaration = c.Declaration();
        var findings = Rulebook.Check(declaration);
        var overlaySite = declaration.Attributes.Count - 1;
        Assert.DoesNotContain(findings, f => f.Rule.Severity == RuleSeverity.Error && f.Site.Attribute != overlaySite);
        var reported = findings.Where(f => f.Site.Attribute == overlaySite).Select(f => f.Rule.Id).ToHashSet();

        var model = ModelResolver.Resolve(declaration);
        var result = DeployArtifacts.Create(new ArtifactRequest
        {
            Model = model,
            AssemblyName = "Orders.Api",
            AssemblyVersion = "1.4.2",
            TargetFramework = "net10.0",
            IsWebProject = false,
            HelmChart = false,
            Compose = false,
        });
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        using var folder = new TemporaryDeployFolder(result.Files);
        var merged = Kustomize.Render(folder, $"kubernetes/overlays/{Overlay}");
        var baseObjects = Kustomize.Render(folder, "kubernetes/base");

        // The base keeps every promise (it passed the rulebook); the overlay keeps each unless a rule that guards it
        // reported the overlay.
        Assert.Empty(Broken(baseObjects));
        foreach (var (promise, rules) in Broken(merged))
        {
            Assert.True(rules.Any(reported.Contains), $"the merged objects break a promise but no rule of {string.Join(", ", rules)} reported the overlay: {promise}");
        }

        var errors = findings.Any(f => f.Site.Attribute == overlaySite && f.Rule.Severity == RuleSeverity.Error);

        // The rules that judge an overlay's own values are reported exactly when the merged objects break them.
        var deployment = merged.Single<V1Deployment>();
        var resources = deployment.Spec.Template.Spec.Containers[0].Resources;
        var aboveLimit = RequestAboveLimit(resources, "cpu") || RequestAboveLimit(resources, "memory");
        Assert.Equal(aboveLimit, reported.Contains(RuleCatalog.RequestAboveLimit.Id));
        var autoscaler = merged.Objects.OfType<V2HorizontalPodAutoscaler>().SingleOrDefault();
        Assert.Equal(c.Autoscaling is not null, autoscaler is not null);
        if (autoscaler is not null)
        {
            Assert.Equal(autoscaler.Spec.MinReplicas > autoscaler.Spec.MaxReplicas, reported.Contains(RuleCatalog.InvalidAutoscalingRange.Id));
        }
        else if (c.OverlayMin is > 0 || c.OverlayMax is > 0)
        {
            // Autoscaling settings on an overlay of a service without an autoscaler would be lost without a word.
            Assert.Contains(findings, f => f.Rule.Id == RuleCatalog.OverlayAutoscalingWithoutAutoscaling.Id && f.Site.Attribute == overlaySite);
        }

        Assert.Equal(c.OverlayReplicas < 0, reported.Contains(RuleCatalog.NegativeReplicas.Id));

        // An autoscaling limit written as 0 is read as not set (the environment keeps the base's), and refused for it.
        Assert.Equal(c.OverlayMin == 0 || c.OverlayMax == 0, reported.Contains(RuleCatalog.ZeroReplicasReadAsNotSet.Id));

        // The merged objects are the environment the model resolved: the overlay's values in place of the base's.
        var environment = ModelResolver.Environments(model).Single(e => e.Name == Overlay);
        // Compared as amounts: kubectl writes a quantity in its canonical spelling (0.5 as 500m).
        Assert.Equal(Amount(environment.Resources?.CpuRequest), Quantity(resources.Requests, "cpu")?.ToDecimal());
        Assert.Equal(Amount(environment.Resources?.CpuLimit), Quantity(resources.Limits, "cpu")?.ToDecimal());
        Assert.Equal(Amount(environment.Resources?.MemoryRequest), Quantity(resources.Requests, "memory")?.ToDecimal());
        Assert.Equal(Amount(environment.Resources?.MemoryLimit), Quantity(resources.Limits, "memory")?.ToDecimal());
        for (var i = 0; i < ResourceNames.Length; i++)
        {
            Assert.Equal(c.OverlayResources[i] ?? c.Resources[i], Property(environment.Resources, ResourceNames[i]));
        }

        Assert.EndsWith(":" + (c.Tag ?? "1.4.2"), deployment.Spec.Template.Spec.Containers[0].Image, StringComparison.Ordinal);
        if (autoscaler is not null)
        {
            Assert.Equal(c.OverlayMin is > 0 and var min ? min : c.Autoscaling!.Value.Min, autoscaler.Spec.MinReplicas);
            Assert.Equal(c.OverlayMax is > 0 and var max ? max : c.Autoscaling!.Value.Max, autoscaler.Spec.MaxReplicas);
        }
        else if (!errors)
        {
            Assert.Equal(c.OverlayReplicas ?? c.Replicas, deployment.Spec.Replicas);
        }
    }

    /// <summary>The promises a rendered environment keeps, judged on the objects themselves.</summary>
    private static List<(string Promise, string[] Rules)> Broken(Rendered rendered)
    {
        var broken = new List<(string, string[])>();
        var deployment = rendered.Single<V1Deployment>();
        var resources = deployment.Spec.Template.Spec.Containers[0].Resources;
        foreach (var resource in new[] { "cpu", "memory" })
        {
            if (RequestAboveLimit(resources, resource))
            {
                broken.Add(($"{resource} request {resources.Requests[resource]} above its limit {resources.Limits[resource]}", [RuleCatalog.RequestAboveLimit.Id]));
            }
        }

        var autoscaler = rendered.Objects.OfType<V2HorizontalPodAutoscaler>().SingleOrDefault();
        if (autoscaler is not null && (autoscaler.Spec.MinReplicas is not >= 1 || autoscaler.Spec.MinReplicas > autoscaler.Spec.MaxReplicas))
        {
            broken.Add(($"autoscaling range {autoscaler.Spec.MinReplicas}..{autoscaler.Spec.MaxReplicas}", [RuleCatalog.InvalidAutoscalingRange.Id]));
        }

        if (deployment.Spec.Replicas < 0)
        {
            broken.Add(($"replicas {deployment.Spec.Replicas}", [RuleCatalog.NegativeReplicas.Id]));
        }

        // A budget that leaves no pod to evict blocks every node drain (an environment scaled to zero has no pod to block on).
        var fewest = autoscaler?.Spec.MinReplicas ?? deployment.Spec.Replicas ?? 1;
        foreach (var budget in rendered.Objects.OfType<V1PodDisruptionBudget>())
        {
            var minAvailable = budget.Spec.MinAvailable?.Value is { } value && int.TryParse(value, out var count) ? count : (int?)null;
            if (fewest > 0 && (minAvailable >= fewest || budget.Spec.MaxUnavailable?.Value == "0"))
            {
                broken.Add(($"budget minAvailable {budget.Spec.MinAvailable?.Value} maxUnavailable {budget.Spec.MaxUnavailable?.Value} with at least {fewest} pods",
                    [RuleCatalog.BudgetBlocksEviction.Id, RuleCatalog.AutoscalingMinBelowBudget.Id]));
            }
        }

        // No overlay setting touches the pod's security: nothing may excuse a violation.
        broken.AddRange(PodSecurityStandards.CheckRestricted(deployment.Spec.Template).Select(v => (v, Array.Empty<string>())));
        return broken;
    }

    private static bool RequestAboveLimit(V1ResourceRequirements resources, string resource) =>
        Quantity(resources.Requests, resource) is { } request
        && Quantity(resources.Limits, resource) is { } limit
        && request.ToDecimal() > limit.ToDecimal();

    private static Gen<string?> Optional(Gen<string> values) => Gen.Select(Gen.Bool, values, (set, value) => set ? value : null);

    private static decimal? Amount(string? quantity) => quantity is null ? null : new ResourceQuantity(quantity).ToDecimal();

    private static Gen<int?> Optional(Gen<int> values) => Gen.Select(Gen.Bool, values, (set, value) => set ? value : (int?)null);

    private static ResourceQuantity? Quantity(IDictionary<string, ResourceQuantity>? quantities, string resource) =>
        quantities is not null && quantities.TryGetValue(resource, out var quantity) ? quantity : null;

    private static string? Property(Model.ResourcesModel? resources, string name) => name switch
    {
        "CpuRequest" => resources?.CpuRequest,
        "CpuLimit" => resources?.CpuLimit,
        "MemoryRequest" => resources?.MemoryRequest,
        _ => resources?.MemoryLimit,
    };

    private sealed record Case(
        string[] Resources, int Replicas, (int Min, int Max)? Autoscaling, int? BudgetMinAvailable,
        int? OverlayReplicas, int? OverlayMin, int? OverlayMax, string?[] OverlayResources, string? Tag)
    {
        public Model.Declaration.ServiceDeclaration Declaration()
        {
            var attributes = new List<(string, (string, object)[])>
            {
                ("Resources", ResourceNames.Select((p, i) => (p, (object)Resources[i])).ToArray()),
                ("ContainerImage", [("Repository", "registry.example.com/shop/orders-api"), ("Tag", "1.4.2")]),
            };
            if (Autoscaling is { } range)
            {
                attributes.Add(("Autoscaling", [("MinReplicas", range.Min), ("MaxReplicas", range.Max), ("CpuUtilization", 70)]));
            }

            if (BudgetMinAvailable is { } minAvailable)
            {
                attributes.Add(("DisruptionBudget", [("MinAvailable", minAvailable)]));
            }

            var overlay = new List<(string, object)> { ("Name", Overlay) };
            void Add(string name, object? value)
            {
                if (value is not null)
                {
                    overlay.Add((name, value));
                }
            }

            Add("Replicas", OverlayReplicas);
            Add("MinReplicas", OverlayMin);
            Add("MaxReplicas", OverlayMax);
            Add("ImageTag", Tag);
            for (var i = 0; i < ResourceNames.Length; i++)
            {
                Add(ResourceNames[i], OverlayResources[i]);
            }

            attributes.Add(("EnvironmentOverlay", overlay.ToArray()));
            return Declarations.Service(Replicas, attributes.ToArray());
        }

        public override string ToString() =>
            $"base resources {string.Join(", ", Resources)}, replicas {Replicas}, autoscaling {Autoscaling?.ToString() ?? "-"}, budget minAvailable {BudgetMinAvailable?.ToString() ?? "-"}; "
            + $"overlay replicas {OverlayReplicas?.ToString() ?? "-"}, min {OverlayMin?.ToString() ?? "-"}, max {OverlayMax?.ToString() ?? "-"}, "
            + $"resources {string.Join(", ", OverlayResources.Select(r => r ?? "-"))}, tag {Tag ?? "-"}";
    }
}
