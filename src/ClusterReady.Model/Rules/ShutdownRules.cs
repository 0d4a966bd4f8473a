using System;
using System.Collections.Generic;
using System.Globalization;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Rules;

/// <summary>
/// The shutdown timeline. terminationGracePeriodSeconds is computed (drain + shutdown timeout + margin), so it can
/// never be shorter than the timeline; what can go wrong is each part on its own and a total that stalls rollouts.
/// </summary>
internal static class ShutdownRules
{
    /// <summary>The rules this group can report.</summary>
    public static readonly Rule[] Rules =
    {
        RuleCatalog.ShutdownTimingOutOfRange,
        RuleCatalog.LongTerminationGracePeriod,
        RuleCatalog.NoDrainDelay,
        RuleCatalog.NoShutdownMargin,
    };

    /// <summary>Above this, rollouts and node drains wait minutes per pod.</summary>
    internal const int MaxReasonableGracePeriodSeconds = 300;

    public static void Check(RuleContext context)
    {
        if (context.Service.Single(KnownAttributes.GracefulShutdown) is not { } shutdown)
        {
            return;
        }

        var drain = shutdown.Read.Int("DrainDelaySeconds");
        var timeout = shutdown.Read.Int("ShutdownTimeoutSeconds");
        var margin = shutdown.Read.Int("MarginSeconds");
        var inRange = Check(context, shutdown, "DrainDelaySeconds", drain, 0, "use 0 or more seconds");
        inRange &= Check(context, shutdown, "ShutdownTimeoutSeconds", timeout, 1, timeout == 0
            ? "0 drops in-flight work the moment the drain ends; use at least 1 second, such as 20"
            : "use at least 1 second so in-flight work can finish, such as 20");
        inRange &= Check(context, shutdown, "MarginSeconds", margin, 0, "use 0 or more seconds");

        long effectiveDrain = drain ?? ModelDefaults.DrainDelaySeconds;
        long effectiveTimeout = timeout ?? ModelDefaults.ShutdownTimeoutSeconds;
        long effectiveMargin = margin ?? ModelDefaults.ShutdownMarginSeconds;
        var total = ShutdownBudget.GracePeriodSeconds(effectiveDrain, effectiveTimeout, effectiveMargin);
        if (inRange && total > MaxReasonableGracePeriodSeconds)
        {
            context.Report(
                RuleCatalog.LongTerminationGracePeriod, shutdown.Location, Text(total), Text(effectiveDrain), Text(effectiveTimeout), Text(effectiveMargin),
                Text(MaxReasonableGracePeriodSeconds));
        }

        if (drain == 0 && ReceivesTraffic(context.Service))
        {
            context.Report(RuleCatalog.NoDrainDelay, shutdown.LocationOf("DrainDelaySeconds"));
        }

        if (margin == 0)
        {
            context.Report(RuleCatalog.NoShutdownMargin, shutdown.LocationOf("MarginSeconds"));
        }
    }

    private static bool Check(RuleContext context, DeclaredAttribute shutdown, string property, int? value, int minimum, string advice)
    {
        if (value is not { } seconds || seconds >= minimum)
        {
            return true;
        }

        context.Report(RuleCatalog.ShutdownTimingOutOfRange, shutdown.LocationOf(property), property, Text(seconds), advice);
        return false;
    }

    /// <summary>A service with an app port gets requests from load balancers; a worker with only a management port does not.</summary>
    private static bool ReceivesTraffic(ServiceDeclaration service)
    {
        foreach (var port in service.ResolvedPorts)
        {
            if (!port.Management)
            {
                return true;
            }
        }

        return false;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
