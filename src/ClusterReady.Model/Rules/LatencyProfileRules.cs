using System;
using System.Collections.Generic;
using System.Globalization;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Rules;

/// <summary>
/// <c>[LatencyProfile]</c>: whole CPUs, each request equal to its limit, a CPU and a memory amount in every
/// environment, and a warm-up that ends inside the startup probe's budget. The values the profile derives are
/// <see cref="LatencyProfile"/>'s; these rules refuse what it cannot derive from.
/// </summary>
internal static class LatencyProfileRules
{
    /// <summary>The rules this group can report.</summary>
    public static readonly Rule[] Rules =
    {
        RuleCatalog.FractionalCpuUnderLatencyProfile,
        RuleCatalog.RequestDiffersFromLimitUnderLatencyProfile,
        RuleCatalog.LatencyProfileWithoutResources,
        RuleCatalog.WarmupBeyondStartupBudget,
    };

    public static void Check(RuleContext context)
    {
        var service = context.Service;
        if (service.Single(KnownAttributes.LatencyProfile) is not { } profile)
        {
            return;
        }

        var resources = service.Single(KnownAttributes.Resources);
        if (resources is not null)
        {
            CheckResources(context, resources, baseResources: null);
        }

        foreach (var overlay in service.All(KnownAttributes.EnvironmentOverlay))
        {
            CheckResources(context, overlay, resources);
        }

        CheckAmounts(context, profile, resources);
        CheckWarmup(context, profile);
    }

    /// <summary>
    /// A fractional CPU amount for the message: at most three decimals ("1.2345" reads 1.235), unless that would read as a
    /// whole number it is not ("0.0001" as 0, "0.9999" as 1); then every decimal it has.
    /// </summary>
    private static string Cores(decimal cores)
    {
        var shortened = decimal.Round(cores, 3, MidpointRounding.AwayFromZero);
        return (shortened == decimal.Truncate(shortened) && shortened != cores ? cores : shortened)
            .ToString("0.############################", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The CPU amount of <paramref name="attribute"/> (its limit, else its request, which the profile makes the limit)
    /// in whole CPUs, and each request it writes equal to the limit it runs with (its own, else the base's).
    /// </summary>
    private static void CheckResources(RuleContext context, DeclaredAttribute attribute, DeclaredAttribute? baseResources)
    {
        var read = attribute.Read;
        var cpuProperty = read.String("CpuLimit") is not null ? "CpuLimit" : "CpuRequest";
        if (read.String(cpuProperty) is { } cpu && Quantity.IsValid(cpu, isMemory: false) && !LatencyProfile.IsWholeCpus(cpu))
        {
            var cores = Quantity.ExactAmount(cpu) ?? 0;
            var whole = Math.Max(1m, decimal.Ceiling(cores));
            var fix = whole.ToString(CultureInfo.InvariantCulture);
            context.Report(
                RuleCatalog.FractionalCpuUnderLatencyProfile, attribute.LocationOf(cpuProperty), FindingProperties.Replacement(fix),
                Name(context, attribute, cpuProperty), cpu, Cores(cores), "\"" + fix + "\" (whole CPUs)");
        }

        foreach (var resource in new[] { "Cpu", "Memory" })
        {
            var isMemory = resource == "Memory";
            string requestName = resource + "Request", limitName = resource + "Limit";
            // A plain null check, not a pattern variable: see NamingRules.CheckDependencies.
            var request = read.String(requestName);
            if (request is null)
            {
                continue;
            }

            // The limit it runs with: its own, else the base's.
            var limitAttribute = read.String(limitName) is not null ? attribute : baseResources;
            var limit = limitAttribute?.Read.String(limitName);
            if (limit is null || !Quantity.IsValid(request, isMemory) || !Quantity.IsValid(limit, isMemory)
                || (!Quantity.IsAbove(limit, request) && !Quantity.IsAbove(request, limit))
                || (limitAttribute == attribute && Quantity.IsAbove(request, limit)))
            {
                // Equal, or a request above its own limit (CR1002 reports that).
                continue;
            }

            context.Report(
                RuleCatalog.RequestDiffersFromLimitUnderLatencyProfile, attribute.LocationOf(requestName), FindingProperties.Replacement(limit),
                Name(context, attribute, requestName), request, Name(context, limitAttribute!, limitName), limit);
        }
    }

    /// <summary>A CPU and a memory amount in the base (no declared environment) or in every declared environment.</summary>
    private static void CheckAmounts(RuleContext context, DeclaredAttribute profile, DeclaredAttribute? resources)
    {
        if (context.Environments.Count == 0)
        {
            var declared = resources?.Read;
            Report(
                context, profile, resources is null ? "the service (it has no [Resources])" : "[Resources]",
                declared?.String("CpuLimit") ?? declared?.String("CpuRequest"), declared?.String("MemoryLimit") ?? declared?.String("MemoryRequest"));
            return;
        }

        foreach (var environment in context.Environments)
        {
            var values = environment.Model.Resources;
            Report(context, profile, environment.Subject, values?.CpuLimit, values?.MemoryLimit);
        }

        static void Report(RuleContext context, DeclaredAttribute profile, string subject, string? cpu, string? memory)
        {
            var missing = new List<string>();
            var example = new List<string>();
            if (cpu is null)
            {
                missing.Add("CpuLimit");
                example.Add("CpuLimit = \"1\"");
            }

            if (memory is null)
            {
                missing.Add("MemoryLimit");
                example.Add("MemoryLimit = \"512Mi\"");
            }

            if (missing.Count > 0)
            {
                context.Report(RuleCatalog.LatencyProfileWithoutResources, profile.Location, subject, string.Join(" or ", missing), string.Join(", ", example));
            }
        }
    }

    /// <summary>A declared warm-up timeout that is not negative and ends inside the startup probe's budget less one period.</summary>
    private static void CheckWarmup(RuleContext context, DeclaredAttribute profile)
    {
        if (profile.Read.Int("WarmupTimeoutSeconds") is not { } timeout || timeout == 0)
        {
            return;
        }

        var startup = ModelResolver.Resolve(context.Service).Startup;
        if (startup is null || startup.PeriodSeconds < 1 || startup.FailureThreshold < 1 || startup.InitialDelaySeconds < 0)
        {
            // Probe timings out of range are CR3013's.
            return;
        }

        var budget = LatencyProfile.StartupBudgetSeconds(startup);
        var maximum = LatencyProfile.MaximumWarmupSeconds(startup);
        string reason;
        if (timeout < 0)
        {
            reason = "is negative: write 0 for the default (the startup probe's budget less one period, " + Seconds(maximum) + ") or a number of seconds up to " + Number(maximum);
        }
        else if (timeout > maximum)
        {
            // The threshold that gives the warm-up its time and the probe one more period.
            var threshold = (long)Math.Ceiling((timeout + (double)startup.PeriodSeconds - startup.InitialDelaySeconds) / startup.PeriodSeconds);
            reason = "does not fit the startup probe: its budget is " + Number(startup.InitialDelaySeconds) + " + " + Number(startup.PeriodSeconds)
                + " s x " + Number(startup.FailureThreshold) + " = " + Seconds(budget)
                + " and the probe must see the 200 before its last period, so the warm-up may take at most " + Seconds(maximum)
                + ": lower WarmupTimeoutSeconds to " + Number(maximum) + " or raise StartupProbe.FailureThreshold to " + Number(threshold);
        }
        else
        {
            return;
        }

        context.Report(
            RuleCatalog.WarmupBeyondStartupBudget, profile.LocationOf("WarmupTimeoutSeconds"), FindingProperties.Replacement(Number(maximum)),
            Number(timeout), reason);
    }

    /// <summary>"Resources.CpuLimit", or "EnvironmentOverlay(\"production\").CpuLimit": which environment, in the user's words.</summary>
    private static string Name(RuleContext context, DeclaredAttribute attribute, string property) =>
        Rulebook.Describe(context.Service, attribute.LocationOf(property));

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(long value) => Number(value) + " s";
}
