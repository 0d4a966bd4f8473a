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

    [Fact]
    public async Task The_drain_token_is_cancelled_when_draining_begins_and_is_born_cancelled_after_it()
    {
        var state = new HealthState(_lifetime);
        var token = state.DrainToken;
        Assert.False(token.IsCancellationRequested);

        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => cancelled.SetResult());
        Assert.True(state.TryBeginDrain());
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var late = new HealthState(new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance));
        late.TryBeginDrain();
        Assert.True(late.DrainToken.IsCancellationRequested);
    }

    [Fact]
    public void Warming_up_is_held_between_its_begin_and_its_end()
    {
        var state = new HealthState(_lifetime);
        Assert.False(state.IsWarmingUp);

        state.BeginWarmup();
        _lifetime.NotifyStarted();
        Assert.True(state.IsStarted && state.IsWarmingUp);

        state.EndWarmup();
        Assert.False(state.IsWarmingUp);
    }
}
