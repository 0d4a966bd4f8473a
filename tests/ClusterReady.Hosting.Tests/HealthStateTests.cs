using System.Collections.Concurrent;
using ClusterReady.Hosting.Health;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClusterReady.Hosting.Tests;

/// <summary>The parts of readiness that are not checks: started, draining, and the work deferred until the start.</summary>
public sealed class HealthStateTests
{
    private readonly ApplicationLifetime _lifetime = new(NullLogger<ApplicationLifetime>.Instance);

    [Fact]
    public async Task Work_added_before_the_start_runs_after_it_in_order_past_a_throwing_action_and_later_work_runs_at_once()
    {
        var state = new HealthState(_lifetime);
        var ran = new ConcurrentQueue<string>();
        var firstBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        state.AfterStarted(() => ran.Enqueue("first"));
        state.AfterStarted(() => throw new InvalidOperationException("a logging provider that throws"));
        state.AfterStarted(() =>
        {
            ran.Enqueue("second");
            firstBatch.SetResult();
        });

        // Nothing is queued before the start: this is not a race.
        Assert.False(state.IsStarted);
        Assert.Empty(ran);

        _lifetime.NotifyStarted();
        Assert.True(state.IsStarted);
        await firstBatch.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["first", "second"], ran);

        var later = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        state.AfterStarted(() => later.SetResult());
        await later.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Draining_begins_once_and_the_stop_signal_begins_it()
    {
        var state = new HealthState(_lifetime);
        Assert.False(state.IsDraining);

        Assert.True(state.TryBeginDrain());
        Assert.True(state.IsDraining);
        Assert.False(state.TryBeginDrain());

        var other = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var stopped = new HealthState(other);
        other.StopApplication();
        Assert.True(stopped.IsDraining);
        Assert.False(stopped.TryBeginDrain());
    }
}
