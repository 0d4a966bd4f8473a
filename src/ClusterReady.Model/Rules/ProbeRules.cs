using System;
using System.Collections.Generic;
using System.Globalization;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Rules;

/// <summary>Probes: the port they target, their path, their timings, and readiness that merely repeats liveness.</summary>
internal static class ProbeRules
{
    /// <summary>The rules this group can report.</summary>
    public static readonly Rule[] Rules =
    {
        RuleCatalog.ProbeOnUndeclaredPort,
        RuleCatalog.InvalidProbePath,
        RuleCatalog.ProbeTimingOutOfRange,
        RuleCatalog.ProbeTimeoutNotBelowPeriod,
        RuleCatalog.ReadinessSameAsLiveness,
    };

    public static void Check(RuleContext context)
    {
        var ports = context.Service.ResolvedPorts;
        var liveness = context.Service.Single(KnownAttributes.LivenessProbe);
        var readiness = context.Service.Single(KnownAttributes.ReadinessProbe);
        var startup = context.Service.Single(KnownAttributes.StartupProbe);
        Check(context, liveness, ModelDefaults.LivenessPath, ModelDefaults.Liveness, ports);
        Check(context, readiness, ModelDefaults.ReadinessPath, ModelDefaults.Readiness, ports);
        Check(context, startup, ModelDefaults.StartupPath, ModelDefaults.Startup, ports);

        if (liveness is null && readiness is null)
        {
            return;
        }

        var defaultPort = ModelResolver.DefaultProbePort(ports);
        var livenessTarget = (Path: liveness?.Read.String("Path") ?? ModelDefaults.LivenessPath, Port: liveness?.Read.String("Port") ?? defaultPort);
        var readinessTarget = (Path: readiness?.Read.String("Path") ?? ModelDefaults.ReadinessPath, Port: readiness?.Read.String("Port") ?? defaultPort);
        if (SamePath(livenessTarget.Path, readinessTarget.Path) && livenessTarget.Port == readinessTarget.Port)
        {
            // The finding sits on readiness when it is declared, else on the liveness probe that moved onto readiness's path.
            // The advice names a path that differs from the shared one: readiness's default, unless that is the shared
            // path (liveness moved onto it), then liveness's default.
            var onReadiness = readiness is not null;
            var location = onReadiness ? readiness!.LocationOf("Path") : liveness!.LocationOf("Path");
            var livenessMoved = SamePath(readinessTarget.Path, ModelDefaults.ReadinessPath);
            context.Report(
                RuleCatalog.ReadinessSameAsLiveness, location,
                onReadiness ? "readiness" : "liveness", onReadiness ? readinessTarget.Path : livenessTarget.Path, readinessTarget.Port,
                onReadiness ? "liveness" : "readiness",
                livenessMoved ? "liveness" : "readiness", livenessMoved ? ModelDefaults.LivenessPath : ModelDefaults.ReadinessPath);
        }
    }

    private static void Check(
        RuleContext context, DeclaredAttribute? declared, string defaultPath, ModelDefaults.ProbeTimings defaults, IReadOnlyList<PortSpec> ports)
    {
        if (declared is not { } probe)
        {
            return;
        }

        var kind = probe.DisplayName;
        // A null path means the default path, like the parameterless constructor.
        if (probe.Read.String("Path") is { } path && !IsRequestPath(path))
        {
            var trimmed = path.Trim();
            var fix = trimmed.Length > 0 && IsRequestPath("/" + trimmed.TrimStart('/')) ? "/" + trimmed.TrimStart('/') : null;
            context.Report(
                RuleCatalog.InvalidProbePath, probe.LocationOf("Path"),
                FindingProperties.Replacement(fix),
                kind, path, fix ?? defaultPath);
        }

        if (probe.Read.String("Port") is { } portName)
        {
            CheckPort(context, probe, portName, ports);
        }

        var period = CheckTiming(context, probe, "PeriodSeconds", minimum: 1);
        var timeout = CheckTiming(context, probe, "TimeoutSeconds", minimum: 1);
        CheckTiming(context, probe, "FailureThreshold", minimum: 1);
        CheckTiming(context, probe, "InitialDelaySeconds", minimum: 0);

        var effectivePeriod = period ?? defaults.PeriodSeconds;
        var effectiveTimeout = timeout ?? defaults.TimeoutSeconds;
        if ((period is not null || timeout is not null) && effectivePeriod >= 1 && effectiveTimeout >= 1 && effectiveTimeout >= effectivePeriod)
        {
            context.Report(
                RuleCatalog.ProbeTimeoutNotBelowPeriod, probe.LocationOf(timeout is not null ? "TimeoutSeconds" : "PeriodSeconds"),
                probe.ShortName, effectiveTimeout.ToString(CultureInfo.InvariantCulture), effectivePeriod.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void CheckPort(RuleContext context, DeclaredAttribute probe, string portName, IReadOnlyList<PortSpec> ports)
    {
        var tcpNames = new List<string>();
        string? caseInsensitiveMatch = null;
        foreach (var port in ports)
        {
            if (port.Name == portName && (port.Protocol ?? "TCP") == "TCP")
            {
                return;
            }

            if (port.Name is { } name && (port.Protocol ?? "TCP") == "TCP")
            {
                tcpNames.Add(name);
                if (string.Equals(name, portName.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    caseInsensitiveMatch = name;
                }
            }
        }

        var declaredAsOther = false;
        foreach (var port in ports)
        {
            declaredAsOther |= port.Name == portName;
        }

        context.Report(
            RuleCatalog.ProbeOnUndeclaredPort, probe.LocationOf("Port"),
            FindingProperties.Replacement(caseInsensitiveMatch),
            probe.ShortName, portName,
            declaredAsOther ? "is not a TCP port and an HTTP probe needs one" : "is not a declared port",
            tcpNames.Count == 0 ? "the TCP ports (declare one with [ContainerPort])" : FindingProperties.Quote(tcpNames));
    }

    /// <summary>Reports a timing below <paramref name="minimum"/>; returns the written value when it is in range.</summary>
    private static int? CheckTiming(RuleContext context, DeclaredAttribute probe, string property, int minimum)
    {
        if (probe.Read.Int(property) is not { } value)
        {
            return null;
        }

        if (value >= minimum)
        {
            return value;
        }

        context.Report(
            RuleCatalog.ProbeTimingOutOfRange, probe.LocationOf(property), probe.Property(property), value.ToString(CultureInfo.InvariantCulture),
            minimum == 0 ? "use 0 or more seconds" : value == 0 ? "use at least 1 (Kubernetes would replace 0 with its own default and disagree with the runtime)" : "use at least 1");
        return null;
    }

    internal static bool IsRequestPath(string path)
    {
        if (path.Length == 0 || path[0] != '/')
        {
            return false;
        }

        foreach (var c in path)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>ASP.NET Core routing compares paths ignoring case and a trailing '/'.</summary>
    internal static bool SamePath(string left, string right) =>
        string.Equals(NormalizePath(left), NormalizePath(right), StringComparison.OrdinalIgnoreCase);

    internal static string NormalizePath(string path)
    {
        var trimmed = path.Trim();
        if (!trimmed.StartsWith("/", StringComparison.Ordinal))
        {
            trimmed = "/" + trimmed;
        }

        return trimmed.Length > 1 ? trimmed.TrimEnd('/') : trimmed;
    }
}
