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
}
