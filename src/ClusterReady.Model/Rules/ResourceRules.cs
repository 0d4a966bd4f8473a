using System;
using System.Collections.Generic;
using System.Globalization;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Rules;

/// <summary>
/// CPU and memory: quantities Kubernetes rejects or that cannot be meant, requests above limits, a missing memory
/// limit, a memory limit too small for a .NET process to start.
/// </summary>
internal static class ResourceRules
{
    /// <summary>The rules this group can report.</summary>
    public static readonly Rule[] Rules =
    {
        RuleCatalog.InvalidQuantity,
        RuleCatalog.RequestAboveLimit,
        RuleCatalog.MissingMemoryLimit,
        RuleCatalog.UtilizationWithoutRequest,
        RuleCatalog.QuantityUnitMismatch,
        RuleCatalog.QuantityMissingUnit,
        RuleCatalog.MemoryLimitBelowRuntimeFloor,
    };

    /// <summary>Diagnostic property naming the argument the code fix swaps with the reported one (request above limit).</summary>
    internal const string SwapWithProperty = "SwapWith";

    /// <summary>
    /// The smallest memory limit, in MiB, an ASP.NET Core app is allowed. Measured (docs/rules/CR1007.md): the published
    /// samples/OrdersApi (.NET 10) is 63 MiB resident when its readiness probe first answers, and 29 MiB published
    /// Native AOT. The model does not know how the app is published, so the floor is about two thirds of the Native AOT
    /// start: "16Mi" is refused, a Native AOT app in "24Mi" or "32Mi" is not.
    /// </summary>
    internal const int WebAppMemoryFloorMebibytes = 20;

    /// <summary>The resident size of a clean web app start, in MiB, quoted in the message.</summary>
    internal const int WebAppStartMebibytes = 63;

    /// <summary>The same, published Native AOT.</summary>
    internal const int WebAppNativeAotStartMebibytes = 29;

    /// <summary>The same for a worker: samples/InventoryWorker is 44 MiB resident when ready, 15 MiB published Native AOT.</summary>
    internal const int WorkerMemoryFloorMebibytes = 12;

    /// <summary>The resident size of a clean worker start, in MiB.</summary>
    internal const int WorkerStartMebibytes = 44;

    /// <summary>The same, published Native AOT.</summary>
    internal const int WorkerNativeAotStartMebibytes = 15;

    private static readonly string[] Properties = { "CpuRequest", "CpuLimit", "MemoryRequest", "MemoryLimit" };

    public static void Check(RuleContext context)
    {
        var service = context.Service;
        var resources = service.Single(KnownAttributes.Resources);
        var baseValues = new Dictionary<string, string?>();
        foreach (var property in Properties)
        {
            baseValues[property] = resources?.Read.String(property);
        }

        if (resources is { } declared)
        {
            CheckQuantities(context, declared);
            CheckMemoryFloor(context, declared, baseValues["MemoryLimit"]);
            CheckRequestWithinLimit(context, declared, "Cpu", baseValues["CpuRequest"], baseValues["CpuLimit"], ownRequest: true, ownLimit: true);
            CheckRequestWithinLimit(context, declared, "Memory", baseValues["MemoryRequest"], baseValues["MemoryLimit"], ownRequest: true, ownLimit: true);
        }

        foreach (var overlay in service.All(KnownAttributes.EnvironmentOverlay))
        {
            CheckQuantities(context, overlay);
        }

        // Each environment as it runs: the base's requests and limits with the overlay's in their place.
        var everyEnvironmentLimited = true;
        foreach (var environment in context.Environments)
        {
            var values = environment.Model.Resources;
            if (environment.Sets("MemoryLimit"))
            {
                CheckMemoryFloor(context, environment.Overlay, values?.MemoryLimit);
            }

            CheckRequestWithinLimit(
                context, environment.Overlay, "Cpu", values?.CpuRequest, values?.CpuLimit, environment.Sets("CpuRequest"), environment.Sets("CpuLimit"));
            CheckRequestWithinLimit(
                context, environment.Overlay, "Memory", values?.MemoryRequest, values?.MemoryLimit, environment.Sets("MemoryRequest"), environment.Sets("MemoryLimit"));
            everyEnvironmentLimited &= values?.MemoryLimit is not null;
        }

        // Without declared overlays the environments are the base's (the default ones); with them, a limit in each is enough.
        if (baseValues["MemoryLimit"] is null && (context.Environments.Count == 0 || !everyEnvironmentLimited))
        {
            context.Report(
                RuleCatalog.MissingMemoryLimit,
                resources?.Location ?? service.Service.Location,
                resources is null ? "The service (it has no [Resources])" : "[Resources]");
        }

        CheckUtilizationRequests(context, baseValues);
    }

    private static void CheckQuantities(RuleContext context, DeclaredAttribute attribute)
    {
        foreach (var property in Properties)
        {
            if (attribute.Read.String(property) is { } text)
            {
                CheckQuantity(context, attribute, property, text);
            }
        }
    }

    private static void CheckQuantity(RuleContext context, DeclaredAttribute attribute, string property, string text)
    {
        var isMemory = property.StartsWith("Memory", System.StringComparison.Ordinal);
        var location = attribute.LocationOf(property);
        var name = attribute.Property(property);
        if (!Quantity.TryParse(text, out var amount, out var suffix, out var whole) || Quantity.IsNegative(text))
        {
            // The suggestions drop a sign: "-2" gives "2".
            var suggestions = Quantity.SuggestValidForms(text, isMemory);
            var advice = suggestions.Count > 0
                ? "write " + Describe(suggestions, isMemory)
                : isMemory
                    ? "write bytes with a suffix and no space, such as \"512Mi\" (2^20 bytes), \"500M\" (10^6 bytes) or \"1Gi\""
                    : "write cores such as \"0.5\" or \"2\", or millicores such as \"500m\"";
            if (text.Length > 0 && text[0] == '-')
            {
                advice = "a request or limit cannot be negative; " + advice;
            }

            context.Report(RuleCatalog.InvalidQuantity, location, FindingProperties.Replacements(suggestions, Notes(suggestions, isMemory)), name, text, advice);
        }
        else if (isMemory && !whole)
        {
            var suggestions = Quantity.SuggestForWrongUnit(text, isMemory: true);
            context.Report(
                RuleCatalog.QuantityUnitMismatch, location, FindingProperties.Replacements(suggestions, Notes(suggestions, true)),
                name, text, Quantity.Describe(amount, isMemory: true) + (suffix == "m" ? " ('m' is milli, not mega)" : ""),
                suggestions.Count > 0 ? Describe(suggestions, true) : "whole bytes with a suffix such as \"512Mi\"");
        }
        else if (!isMemory && suffix.Length > 0 && suffix[0] is 'k' or 'K' or 'M' or 'G' or 'T' or 'P' or 'E')
        {
            var suggestions = Quantity.SuggestForWrongUnit(text, isMemory: false);
            context.Report(
                RuleCatalog.QuantityUnitMismatch, location, FindingProperties.Replacements(suggestions),
                name, text, Quantity.Describe(amount, isMemory: false) + (suffix.EndsWith("i", System.StringComparison.Ordinal) ? " (a byte suffix on CPU)" : ""),
                suggestions.Count > 0 ? Describe(suggestions, false) : "cores such as \"0.5\" or millicores such as \"500m\"");
        }
        else if (suffix.Length == 0 && (isMemory ? amount > 0 && amount < Quantity.OneMebibyte : amount >= Quantity.ImplausibleCores))
        {
            var suggestions = Quantity.SuggestForMissingUnit(text, isMemory);
            context.Report(
                RuleCatalog.QuantityMissingUnit, location, FindingProperties.Replacements(suggestions, Notes(suggestions, isMemory)),
                name, text, Quantity.Describe(amount, isMemory), suggestions.Count > 0 ? Describe(suggestions, isMemory) : "a value with a unit");
        }
    }

    /// <summary>
    /// A memory limit the process cannot start in (the base's, or an environment's that its overlay writes), on the
    /// attribute that writes it. Only a limit the quantity rules accept: an invalid one, one in
    /// milli-bytes or a unitless one below 1 MiB is already reported as such (CR1001, CR1005, CR1006).
    /// </summary>
    private static void CheckMemoryFloor(RuleContext context, DeclaredAttribute attribute, string? limit)
    {
        if (limit is not { } text
            || !Quantity.TryParse(text, out var amount, out var suffix, out var whole)
            || text[0] == '-' || !whole || amount <= 0 || (suffix.Length == 0 && amount < Quantity.OneMebibyte))
        {
            return;
        }

        var web = context.Service.App.IsWebApp;
        var floor = web ? WebAppMemoryFloorMebibytes : WorkerMemoryFloorMebibytes;
        if (amount >= floor * Quantity.OneMebibyte)
        {
            return;
        }

        context.Report(
            RuleCatalog.MemoryLimitBelowRuntimeFloor, attribute.LocationOf("MemoryLimit"),
            attribute.Property("MemoryLimit"), text, Mebibytes(amount), Text(floor), web ? "web app" : "worker",
            Text(web ? WebAppStartMebibytes : WorkerStartMebibytes), Text(web ? WebAppNativeAotStartMebibytes : WorkerNativeAotStartMebibytes),
            web ? "256Mi" : "128Mi");
    }

    /// <summary>"16 MiB", "0.5 MiB".</summary>
    private static string Mebibytes(double bytes) =>
        (bytes / Quantity.OneMebibyte).ToString("0.##", CultureInfo.InvariantCulture) + " MiB";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Request above limit, comparing what the pod gets (the base's values, or an environment's, where the overlay's
    /// replace the base's). Reported on the request (or on the limit when only that is <paramref name="attribute"/>'s);
    /// nothing when <paramref name="attribute"/> writes neither (an environment then has the base's own finding).
    /// </summary>
    private static void CheckRequestWithinLimit(
        RuleContext context, DeclaredAttribute attribute, string resource, string? request, string? limit, bool ownRequest, bool ownLimit)
    {
        var isMemory = resource == "Memory";
        string requestName = resource + "Request", limitName = resource + "Limit";
        if ((!ownRequest && !ownLimit)
            || !Quantity.IsValid(request, isMemory) || !Quantity.IsValid(limit, isMemory)
            || !Quantity.IsAbove(request!, limit!))
        {
            return;
        }

        var location = attribute.LocationOf(ownRequest ? requestName : limitName);
        var properties = ownRequest && ownLimit
            ? FindingProperties.Empty.Add(SwapWithProperty, limitName)
            : FindingProperties.Empty;
        var requestOwner = ownRequest ? attribute.Property(requestName) : "Resources." + requestName;
        var limitOwner = ownLimit ? attribute.Property(limitName) : "Resources." + limitName;
        context.Report(RuleCatalog.RequestAboveLimit, location, properties, requestOwner, request, limitOwner, limit);
    }

    /// <summary>The autoscaler's default metric is CPU: without any target it still needs a CPU request.</summary>
    private static void CheckUtilizationRequests(RuleContext context, Dictionary<string, string?> baseValues)
    {
        if (context.Service.Single(KnownAttributes.Autoscaling) is not { } autoscaling)
        {
            return;
        }

        var cpu = autoscaling.Read.Int("CpuUtilization");
        var memory = autoscaling.Read.Int("MemoryUtilization");
        // Under [LatencyProfile] a limit is the request too (LatencyProfile.Guaranteed).
        var profile = context.Service.Single(KnownAttributes.LatencyProfile) is not null;
        if ((cpu is not null || memory is null) && baseValues["CpuRequest"] is null && !(profile && baseValues["CpuLimit"] is not null))
        {
            var subject = cpu is not null ? "Autoscaling.CpuUtilization = " + cpu.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "[Autoscaling] (CPU is its default metric)";
            context.Report(RuleCatalog.UtilizationWithoutRequest, autoscaling.LocationOf("CpuUtilization"), subject, "CPU", "CpuRequest", "250m");
        }

        if (memory is not null && baseValues["MemoryRequest"] is null && !(profile && baseValues["MemoryLimit"] is not null))
        {
            var subject = "Autoscaling.MemoryUtilization = " + memory.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Report(RuleCatalog.UtilizationWithoutRequest, autoscaling.LocationOf("MemoryUtilization"), subject, "memory", "MemoryRequest", "256Mi");
        }
    }

    /// <summary>"\"500M\" (10^6 bytes) or \"500Mi\" (2^20 bytes)".</summary>
    private static string Describe(IReadOnlyList<string> suggestions, bool isMemory)
    {
        var notes = Notes(suggestions, isMemory);
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < suggestions.Count; i++)
        {
            text.Append(i == 0 ? "" : " or ").Append('"').Append(suggestions[i]).Append('"');
            if (notes[i].Length > 0)
            {
                text.Append(" (").Append(notes[i]).Append(')');
            }
        }

        return text.ToString();
    }

    /// <summary>What a suffix multiplies by, to tell decimal and binary alternatives apart.</summary>
    private static IReadOnlyList<string> Notes(IReadOnlyList<string> suggestions, bool isMemory)
    {
        var notes = new string[suggestions.Count];
        for (var i = 0; i < suggestions.Count; i++)
        {
            Quantity.TryParse(suggestions[i], out _, out var suffix);
            notes[i] = !isMemory || suffix.Length == 0 ? "" : suffix switch
            {
                "k" => "10^3 bytes",
                "M" => "10^6 bytes",
                "G" => "10^9 bytes",
                "T" => "10^12 bytes",
                "P" => "10^15 bytes",
                "E" => "10^18 bytes",
                "Ki" => "2^10 bytes",
                "Mi" => "2^20 bytes",
                "Gi" => "2^30 bytes",
                "Ti" => "2^40 bytes",
                "Pi" => "2^50 bytes",
                "Ei" => "2^60 bytes",
                _ => "",
            };
        }

        return notes;
    }
}
