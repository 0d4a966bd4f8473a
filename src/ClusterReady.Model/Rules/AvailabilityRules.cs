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
    };

    public static void Check(RuleContext context)
    {
        var service = context.Service;
        var serviceAttribute = service.Service;
        var highlyAvailable = service.Spec.HighlyAvailable;
        var replicas = serviceAttribute.Read.Int("Replicas");
        CheckNotNegative(context, serviceAttribute, "Replicas", replicas);
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

        foreach (var overlay in service.All(KnownAttributes.EnvironmentOverlay))
        {
            var name = overlay.Read.String("Name") ?? "";
            var subject = "EnvironmentOverlay(\"" + name + "\")";
            var overlayReplicas = overlay.Read.Int("Replicas");
            var overlayMin = overlay.Read.Int("MinReplicas");
            var overlayMax = overlay.Read.Int("MaxReplicas");
            CheckNotNegative(context, overlay, "Replicas", overlayReplicas);
            CheckNotNegative(context, overlay, "MinReplicas", overlayMin);
            CheckNotNegative(context, overlay, "MaxReplicas", overlayMax);
            if (highlyAvailable && overlayReplicas == 1)
            {
                context.Report(RuleCatalog.SingleReplicaHighlyAvailable, overlay.LocationOf("Replicas"), subject + ".Replicas");
            }

            // Like the generator, 0 means "not set" for an overlay.
            int? setMin = overlayMin is > 0 ? overlayMin : null, setMax = overlayMax is > 0 ? overlayMax : null;
            if (setMin is not null || setMax is not null)
            {
                if (autoscaling is null)
                {
                    var property = setMin is not null ? "MinReplicas" : "MaxReplicas";
                    context.Report(RuleCatalog.OverlayAutoscalingWithoutAutoscaling, overlay.LocationOf(property), name, property);
                }
                else
                {
                    var effectiveMin = setMin ?? minReplicas ?? 0;
                    var effectiveMax = setMax ?? maxReplicas ?? 0;
                    if (effectiveMax < effectiveMin && effectiveMin >= 1)
                    {
                        var onMax = setMax is not null;
                        context.Report(
                            RuleCatalog.InvalidAutoscalingRange, overlay.LocationOf(onMax ? "MaxReplicas" : "MinReplicas"),
                            subject + (onMax ? ".MaxReplicas" : ".MinReplicas"), Text(onMax ? effectiveMax : effectiveMin),
                            onMax ? "is below MinReplicas (" + Text(effectiveMin) + "): use at least " + Text(effectiveMin) : "is above MaxReplicas (" + Text(effectiveMax) + "): use at most " + Text(effectiveMax));
                    }

                    if (highlyAvailable && setMin == 1)
                    {
                        context.Report(RuleCatalog.SingleReplicaHighlyAvailable, overlay.LocationOf("MinReplicas"), subject + ".MinReplicas");
                    }

                    if (minAvailable is { } needed && setMin is { } min && min <= needed)
                    {
                        context.Report(RuleCatalog.AutoscalingMinBelowBudget, overlay.LocationOf("MinReplicas"), Text(min), Text(needed), Text(needed + 1L));
                    }
                }
            }
            else if (autoscaling is null && minAvailable is { } needed && overlayReplicas is > 0 and var pods && needed >= pods)
            {
                context.Report(
                    RuleCatalog.BudgetBlocksEviction, overlay.LocationOf("Replicas"), "DisruptionBudget.MinAvailable = " + Text(needed),
                    "in the \"" + name + "\" environment (Replicas = " + Text(pods) + ")",
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
        if (min is { } low && low < 1)
        {
            context.Report(RuleCatalog.InvalidAutoscalingRange, scaler.LocationOf("MinReplicas"), subject + ".MinReplicas", Text(low), "is below 1: use at least 1");
        }
        else if (min is { } lowest && max is { } high && high < lowest)
        {
            context.Report(
                RuleCatalog.InvalidAutoscalingRange, scaler.LocationOf("MaxReplicas"), subject + ".MaxReplicas", Text(high),
                "is below MinReplicas (" + Text(lowest) + "): use at least " + Text(lowest));
        }
    }

    private static void CheckAutoscalingSettings(RuleContext context, DeclaredAttribute scaler)
    {
        if (scaler.Read.Int("CpuUtilization") is { } cpu && cpu < 1)
        {
            context.Report(RuleCatalog.AutoscalingSettingOutOfRange, scaler.LocationOf("CpuUtilization"), "CpuUtilization", Text(cpu), "use a percentage of the CPU request above 0, such as 70");
        }

        if (scaler.Read.Int("MemoryUtilization") is { } memory)
        {
            if (memory < 1)
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
        if (value is < 0)
        {
            context.Report(RuleCatalog.NegativeReplicas, attribute.LocationOf(property), attribute.Property(property), Text(value.Value));
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
