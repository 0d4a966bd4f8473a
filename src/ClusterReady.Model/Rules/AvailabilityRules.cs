using System;
using System.Collections.Generic;
using System.Globalization;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Rules;

/// <summary>Replicas, disruption budget and autoscaler: each valid on its own, and coherent together (drains must be able to proceed).</summary>
internal static class AvailabilityRules
{
    /// <summary>The rules this group can report.</summary>
    public static readonly Rule[] Rules =
    {
        RuleCatalog.BudgetBlocksEviction,
        RuleCatalog.BudgetNeedsOneSetting,
        RuleCatalog.InvalidAutoscalingRange,
        RuleCatalog.AutoscalingMinBelowBudget,
        RuleCatalog.SingleReplicaHighlyAvailable,
        RuleCatalog.AutoscalingSettingOutOfRange,
        RuleCatalog.MemoryUtilizationAbove100,
        RuleCatalog.NegativeReplicas,
        RuleCatalog.OverlayAutoscalingWithoutAutoscaling,
        RuleCatalog.ZeroReplicasReadAsNotSet,
    };

    public static void Check(RuleContext context)
    {
        var service = context.Service;
        var serviceAttribute = service.Service;
        var highlyAvailable = service.Spec.HighlyAvailable;
        var replicas = serviceAttribute.Read.Int("Replicas");
        CheckNotNegative(context, serviceAttribute, "Replicas", replicas);
        if (replicas == 0)
        {
            // The resolver's replicas when Replicas is left out: the code fix writes them, and the manifest stays the same.
            var runs = ModelResolver.Replicas(service.Spec with { Replicas = null });
            context.Report(
                RuleCatalog.ZeroReplicasReadAsNotSet, serviceAttribute.LocationOf("Replicas"), FindingProperties.Replacements(new[] { Text(runs) }),
                "KubernetesService.Replicas",
                "the default of " + Text(runs) + (runs == 1 ? " replica" : " replicas") + (highlyAvailable ? " for a HighlyAvailable service" : "") + " applies",
                "write the replicas it runs (1 or more) or leave Replicas out; an environment runs no pods with Replicas = 0 on its [EnvironmentOverlay]");
        }

        if (highlyAvailable && replicas == 1)
        {
            context.Report(RuleCatalog.SingleReplicaHighlyAvailable, serviceAttribute.LocationOf("Replicas"), "KubernetesService.Replicas");
        }

        var autoscaling = service.Single(KnownAttributes.Autoscaling);
        var minReplicas = autoscaling?.Read.Int("MinReplicas");
        var maxReplicas = autoscaling?.Read.Int("MaxReplicas");
        if (autoscaling is { } scaler)
        {
            CheckRange(context, scaler, minReplicas, maxReplicas, "Autoscaling");
            CheckAutoscalingSettings(context, scaler);
            if (highlyAvailable && minReplicas == 1)
            {
                context.Report(RuleCatalog.SingleReplicaHighlyAvailable, scaler.LocationOf("MinReplicas"), "Autoscaling.MinReplicas");
            }
        }

        var minAvailable = CheckBudget(context, autoscaling is not null);

        // The values each overlay declares.
        foreach (var overlay in service.All(KnownAttributes.EnvironmentOverlay))
        {
            var overlayMin = overlay.Read.Int("MinReplicas");
            var overlayMax = overlay.Read.Int("MaxReplicas");
            CheckNotNegative(context, overlay, "Replicas", overlay.Read.Int("Replicas"));
            CheckNotNegative(context, overlay, "MinReplicas", overlayMin);
            CheckNotNegative(context, overlay, "MaxReplicas", overlayMax);

            // Like the resolver, 0 means "not set" for an overlay's autoscaling counts.
            if (autoscaling is null && (overlayMin is > 0 || overlayMax is > 0))
            {
                var property = overlayMin is > 0 ? "MinReplicas" : "MaxReplicas";
                context.Report(RuleCatalog.OverlayAutoscalingWithoutAutoscaling, overlay.LocationOf(property), overlay.Read.String("Name") ?? "", property);
            }
        }

        // Each environment as it runs: the base with its overlay applied.
        foreach (var environment in context.Environments)
        {
            CheckEnvironment(context, environment, highlyAvailable, minAvailable);
        }
    }

    /// <summary>
    /// Replicas and autoscaling range of one environment against high availability and the budget; reported on the
    /// overlay's value that makes the environment differ from the base (the base's own findings are the base's).
    /// </summary>
    private static void CheckEnvironment(RuleContext context, OverlaidEnvironment environment, bool highlyAvailable, int? minAvailable)
    {
        var model = environment.Model;
        var subject = environment.Subject;
        CheckZeroLimit(context, environment, "MinReplicas", model.MinReplicas);
        CheckZeroLimit(context, environment, "MaxReplicas", model.MaxReplicas);
        if (model.MinReplicas is { } min && model.MaxReplicas is { } max)
        {
            bool setsMin = environment.Sets("MinReplicas"), setsMax = environment.Sets("MaxReplicas");
            if ((setsMin || setsMax) && max < min && min >= 1)
            {
                context.Report(
                    RuleCatalog.InvalidAutoscalingRange, environment.LocationOf(setsMax ? "MaxReplicas" : "MinReplicas"),
                    subject + (setsMax ? ".MaxReplicas" : ".MinReplicas"), Text(setsMax ? max : min), OutOfRange(setsMax, min, max));
            }

            if (setsMin && highlyAvailable && min == 1)
            {
                context.Report(RuleCatalog.SingleReplicaHighlyAvailable, environment.LocationOf("MinReplicas"), subject + ".MinReplicas");
            }

            if (setsMin && minAvailable is { } needed && min <= needed)
            {
                context.Report(RuleCatalog.AutoscalingMinBelowBudget, environment.LocationOf("MinReplicas"), Text(min), Text(needed), Text(needed + 1L));
            }
        }
        else if (environment.Sets("Replicas"))
        {
            // Without an autoscaler the environment runs exactly its replicas.
            var pods = model.Replicas;
            if (highlyAvailable && pods == 1)
            {
                context.Report(RuleCatalog.SingleReplicaHighlyAvailable, environment.LocationOf("Replicas"), subject + ".Replicas");
            }

            // An environment scaled to zero has no pod a drain could be blocked on.
            if (minAvailable is { } needed && pods > 0 && needed >= pods)
            {
                context.Report(
                    RuleCatalog.BudgetBlocksEviction, environment.LocationOf("Replicas"), "DisruptionBudget.MinAvailable = " + Text(needed),
                    "in the \"" + model.Name + "\" environment (Replicas = " + Text(pods) + ")",
                    "lower MinAvailable below " + Text(pods) + " (or use MaxUnavailable = 1), or raise the environment's Replicas");
            }
        }
    }

    /// <summary>Validates the budget and reports one that blocks every eviction; returns MinAvailable when it is the setting used.</summary>
    private static int? CheckBudget(RuleContext context, bool autoscales)
    {
        if (context.Service.Single(KnownAttributes.DisruptionBudget) is not { } budget)
        {
            return null;
        }

        var minAvailable = budget.Read.Int("MinAvailable");
        var maxUnavailable = budget.Read.Int("MaxUnavailable");
        CheckNotNegative(context, budget, "MinAvailable", minAvailable);
        CheckNotNegative(context, budget, "MaxUnavailable", maxUnavailable);
        if (minAvailable is not null && maxUnavailable is not null)
        {
            context.Report(RuleCatalog.BudgetNeedsOneSetting, budget.LocationOf("MaxUnavailable"), "sets both MinAvailable and MaxUnavailable");
            return null;
        }

        if (minAvailable is null && maxUnavailable is null)
        {
            context.Report(RuleCatalog.BudgetNeedsOneSetting, budget.Location, "sets neither MinAvailable nor MaxUnavailable");
            return null;
        }

        if (maxUnavailable == 0)
        {
            context.Report(
                RuleCatalog.BudgetBlocksEviction, budget.LocationOf("MaxUnavailable"), "DisruptionBudget.MaxUnavailable = 0", "at any time",
                "use MaxUnavailable = 1");
            return null;
        }

        if (minAvailable is not { } needed || needed < 0)
        {
            return null;
        }

        if (autoscales)
        {
            if (context.Service.Single(KnownAttributes.Autoscaling) is { } scaler && scaler.Read.Int("MinReplicas") is { } min and >= 1 && min <= needed)
            {
                context.Report(RuleCatalog.AutoscalingMinBelowBudget, scaler.LocationOf("MinReplicas"), Text(min), Text(needed), Text(needed + 1L));
            }
        }
        else
        {
            var replicas = context.Service.EffectiveReplicas;
            if (needed >= replicas)
            {
                context.Report(
                    RuleCatalog.BudgetBlocksEviction, budget.LocationOf("MinAvailable"), "DisruptionBudget.MinAvailable = " + Text(needed),
                    "with " + Text(replicas) + (replicas == 1 ? " replica" : " replicas"),
                    replicas > 1 ? "lower MinAvailable to at most " + Text(replicas - 1) + " (or use MaxUnavailable = 1), or raise Replicas" : "raise Replicas to 2 or more, or use MaxUnavailable = 1");
            }
        }

        return needed;
    }

    private static void CheckRange(RuleContext context, DeclaredAttribute scaler, int? min, int? max, string subject)
    {
        if (min is { } low && low < RuleBounds.MinAutoscalingReplicas)
        {
            context.Report(RuleCatalog.InvalidAutoscalingRange, scaler.LocationOf("MinReplicas"), subject + ".MinReplicas", Text(low), "is below 1: use at least 1");
        }
        else if (min is { } lowest && max is { } high && high < lowest)
        {
            context.Report(
                RuleCatalog.InvalidAutoscalingRange, scaler.LocationOf("MaxReplicas"), subject + ".MaxReplicas", Text(high),
                OutOfRange(onMax: true, lowest, high));
        }
    }

    private static void CheckAutoscalingSettings(RuleContext context, DeclaredAttribute scaler)
    {
        if (scaler.Read.Int("CpuUtilization") is { } cpu && cpu < RuleBounds.MinUtilizationPercent)
        {
            context.Report(RuleCatalog.AutoscalingSettingOutOfRange, scaler.LocationOf("CpuUtilization"), "CpuUtilization", Text(cpu), "use a percentage of the CPU request above 0, such as 70");
        }

        if (scaler.Read.Int("MemoryUtilization") is { } memory)
        {
            if (memory < RuleBounds.MinUtilizationPercent)
            {
                context.Report(RuleCatalog.AutoscalingSettingOutOfRange, scaler.LocationOf("MemoryUtilization"), "MemoryUtilization", Text(memory), "use a percentage of the memory request above 0, such as 80");
            }
            else if (memory > 100)
            {
                context.Report(RuleCatalog.MemoryUtilizationAbove100, scaler.LocationOf("MemoryUtilization"), Text(memory));
            }
        }

        if (scaler.Read.Int("ScaleDownStabilizationSeconds") is { } window && window is < 0 or > 3600)
        {
            context.Report(RuleCatalog.AutoscalingSettingOutOfRange, scaler.LocationOf("ScaleDownStabilizationSeconds"), "ScaleDownStabilizationSeconds", Text(window), "use 0 to 3600 seconds, such as 300");
        }
    }

    private static void CheckNotNegative(RuleContext context, DeclaredAttribute attribute, string property, int? value)
    {
        if (value < RuleBounds.MinReplicas)
        {
            context.Report(RuleCatalog.NegativeReplicas, attribute.LocationOf(property), attribute.Property(property), Text(value.Value));
        }
    }

    /// <summary>
    /// An overlay's autoscaling limit written as 0, which the resolver reads as "not set" (an autoscaler does not scale
    /// to zero): refused, with the limit the environment keeps (<paramref name="kept"/>, the resolved one, null without
    /// an autoscaler) as the fix.
    /// </summary>
    private static void CheckZeroLimit(RuleContext context, OverlaidEnvironment environment, string property, int? kept)
    {
        if (environment.Overlay.Read.Int(property) != 0)
        {
            return;
        }

        var subject = environment.Subject + "." + property;
        var keeps = kept is { } limit
            ? "the environment would keep the [Autoscaling] " + (property == "MinReplicas" ? "minimum" : "maximum") + " of " + Text(limit)
            : "it would change nothing (the service has no [Autoscaling])";
        var properties = kept is { } replacement ? FindingProperties.Replacements(new[] { Text(replacement) }) : FindingProperties.Empty;
        context.Report(
            RuleCatalog.ZeroReplicasReadAsNotSet, environment.LocationOf(property), properties, subject, keeps,
            "an autoscaler does not scale to zero: write 1 or more or leave " + property + " out; Replicas = 0 on the overlay runs no pods in that environment");
    }

    /// <summary>"is below MinReplicas (3): use at least 3" for the maximum, "is above MaxReplicas (2): use at most 2" for the minimum.</summary>
    private static string OutOfRange(bool onMax, int min, int max) => onMax
        ? "is below MinReplicas (" + Text(min) + "): use at least " + Text(min)
        : "is above MaxReplicas (" + Text(max) + "): use at most " + Text(max);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
