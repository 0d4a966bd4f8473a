using ClusterReady.Model.Rules;
using CsCheck;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The shutdown budget (<see cref="ShutdownBudget"/>) on generated timelines, by what it must mean rather than by its
/// formula: a timeline fits the grace period computed for it with nothing to spare, every second more of any part is a
/// second of overrun, and the margin is part of the budget. The resolver's grace period is the budget's.
/// </summary>
public sealed class ShutdownPropertyTests
{
    private static readonly Gen<(long Drain, long Timeout, long Margin)> Timelines =
        Gen.Select(Gen.Long[0, 3_600], Gen.Long[1, 3_600], Gen.Long[0, 600]);

    [Fact]
    public void A_timeline_ends_exactly_at_its_own_grace_period() =>
        Timelines.Sample(t =>
        {
            var grace = ShutdownBudget.GracePeriodSeconds(t.Drain, t.Timeout, t.Margin);
            Assert.Equal(0, ShutdownBudget.Overrun(t.Drain, t.Timeout, t.Margin, grace));
        });

    [Fact]
    public void Every_second_added_to_a_part_of_the_timeline_is_a_second_of_overrun() =>
        Gen.Select(Timelines, Gen.Long[1, 600], Gen.Int[0, 2]).Sample((t, extra, part) =>
        {
            var grace = ShutdownBudget.GracePeriodSeconds(t.Drain, t.Timeout, t.Margin);
            var overrun = part switch
            {
                0 => ShutdownBudget.Overrun(t.Drain + extra, t.Timeout, t.Margin, grace),
                1 => ShutdownBudget.Overrun(t.Drain, t.Timeout + extra, t.Margin, grace),
                _ => ShutdownBudget.Overrun(t.Drain, t.Timeout, t.Margin + extra, grace),
            };
            Assert.Equal(extra, overrun);

            // And the grace period grows by the same seconds when the declaration asks for them.
            var longer = part switch
            {
                0 => ShutdownBudget.GracePeriodSeconds(t.Drain + extra, t.Timeout, t.Margin),
                1 => ShutdownBudget.GracePeriodSeconds(t.Drain, t.Timeout + extra, t.Margin),
                _ => ShutdownBudget.GracePeriodSeconds(t.Drain, t.Timeout, t.Margin + extra),
            };
            Assert.Equal(grace + extra, longer);
        });

    [Fact]
    public void A_host_timeout_that_ends_inside_the_margin_overruns_it() =>
        Gen.Select(Timelines.Where(t => t.Margin > 0), Gen.Double[0, 1]).Sample((t, share) =>
        {
            var grace = ShutdownBudget.GracePeriodSeconds(t.Drain, t.Timeout, t.Margin);
            // Ends after the declared timeout but before the grace period: the kubelet has not killed it, the margin is gone.
            var intoTheMargin = t.Timeout + Math.Max(share * t.Margin, 0.001);
            Assert.True(t.Drain + intoTheMargin <= grace);
            Assert.True(ShutdownBudget.Overrun(t.Drain, intoTheMargin, t.Margin, grace) > 0);
        });

    [Fact]
    public void The_resolved_grace_period_is_the_budget_of_the_declared_timeline() =>
        Gen.Select(Gen.Int[0, 300], Gen.Int[1, 300], Gen.Int[0, 60]).Sample((drain, timeout, margin) =>
        {
            var service = Declarations.Service(("GracefulShutdown", [("DrainDelaySeconds", drain), ("ShutdownTimeoutSeconds", timeout), ("MarginSeconds", margin)]));
            var shutdown = Resolution.ModelResolver.Resolve(service).Shutdown;

            Assert.Equal(0, ShutdownBudget.Overrun(drain, timeout, margin, shutdown.TerminationGracePeriodSeconds));
            Assert.True(ShutdownBudget.Overrun(drain, timeout + 1, margin, shutdown.TerminationGracePeriodSeconds) > 0);
        }, iter: 500);

    /// <summary>Each setting left out (null), at or around its lower bound, or anywhere up to well past 300 s in all.</summary>
    private static readonly Gen<int?> Setting = Gen.Frequency(
        (1, Gen.Const((int?)null)),
        (3, Gen.Int[-2, 2].Select(s => (int?)s)),
        (3, Gen.Int[-5, 250].Select(s => (int?)s)));

    [Fact]
    public void The_shutdown_rules_report_exactly_the_settings_out_of_range_zero_margins_and_drains_and_long_budgets() =>
        Gen.Select(Setting, Setting, Setting, Gen.Bool).Sample((drain, timeout, margin, appPort) =>
        {
            var settings = new List<(string, object)>();
            foreach (var (name, value) in new[] { ("DrainDelaySeconds", drain), ("ShutdownTimeoutSeconds", timeout), ("MarginSeconds", margin) })
            {
                if (value is { } seconds)
                {
                    settings.Add((name, seconds));
                }
            }

            (string, (string, object)[])[] attributes = appPort
                ? [("GracefulShutdown", settings.ToArray()), ("ContainerPort", [("Port", 8080)])]
                : [("GracefulShutdown", settings.ToArray())];
            var findings = Rulebook.Check(Declarations.Service(attributes));

            var outOfRange = new[] { drain < 0 ? "DrainDelaySeconds" : null, timeout < 1 ? "ShutdownTimeoutSeconds" : null, margin < 0 ? "MarginSeconds" : null }.OfType<string>();
            Assert.Equal(outOfRange, findings.Where(f => f.Rule == RuleCatalog.ShutdownTimingOutOfRange).Select(f => f.Site.Argument));
            Assert.Equal(timeout == 0, findings.Any(f => f.Rule == RuleCatalog.ShutdownTimingOutOfRange && f.Message.Contains("0 drops in-flight work", StringComparison.Ordinal)));
            Assert.All(findings.Where(f => f.Rule == RuleCatalog.ShutdownTimingOutOfRange), f => Assert.Contains(
                f.Site.Argument == "ShutdownTimeoutSeconds" ? (timeout == 0 ? "use at least 1 second, such as 20" : "use at least 1 second so in-flight work can finish") : "use 0 or more seconds",
                f.Message,
                StringComparison.Ordinal));

            // The defaults (5, 20, 5) for what is left out; a budget past 300 s is reported when every part is in range.
            var overrun = ShutdownBudget.Overrun(drain ?? 5, timeout ?? 20, margin ?? 5, 300);
            Assert.Equal(!outOfRange.Any() && overrun > 0, findings.Any(f => f.Rule == RuleCatalog.LongTerminationGracePeriod));
            // On the setting that causes them.
            Assert.Equal(margin == 0, findings.Any(f => f.Rule == RuleCatalog.NoShutdownMargin && f.Site.Argument == "MarginSeconds"));
            Assert.Equal(drain == 0 && appPort, findings.Any(f => f.Rule == RuleCatalog.NoDrainDelay && f.Site.Argument == "DrainDelaySeconds"));
        }, iter: 2_000, print: t => $"drain {t.Item1}, timeout {t.Item2}, margin {t.Item3}, app port {t.Item4}");
}
