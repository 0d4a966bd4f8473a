using System.Runtime.CompilerServices;
using ClusterReady.Hosting.Listener;
using Xunit;

namespace ClusterReady.Hosting.Tests;

/// <summary>
/// The listener's async method builder behaves as the default one: same task states, same execution-context flow.
/// Methods compiled in Debug have class state machines; the hand-written struct machine below is what a Release
/// build of the listener gives the builder.
/// </summary>
public sealed class LocalTaskMethodBuilderTests
{
    private static readonly AsyncLocal<string?> Flowed = new();

    [Fact]
    public void A_method_that_never_waits_returns_a_completed_task()
    {
        var task = CompletesAsync(Task.CompletedTask);

        Assert.True(task.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_method_completes_when_what_it_awaits_completes()
    {
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        var steps = new List<int>();

        var task = StepsAsync([first.Task, second.Task], steps);
        Assert.False(task.IsCompleted);

        first.SetResult();
        Assert.False(task.IsCompleted);
        second.SetResult();
        await task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([1, 2], steps);
    }

    [Fact]
    public async Task An_exception_before_or_after_an_await_faults_the_task_instead_of_escaping()
    {
        var before = ThrowsAsync(Task.CompletedTask);
        Assert.True(before.IsFaulted);
        Assert.IsType<InvalidOperationException>(before.Exception!.InnerException);

        var wait = new TaskCompletionSource();
        var after = ThrowsAsync(wait.Task);
        Assert.False(after.IsCompleted);
        wait.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => after.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task An_operation_canceled_exception_cancels_the_task_with_its_token()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        var wait = new TaskCompletionSource();

        var task = CancelsAsync(wait.Task, source.Token);
        wait.SetResult();
        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.True(task.IsCanceled);
        Assert.Equal(source.Token, exception.CancellationToken);
    }

    [Fact]
    public async Task The_execution_context_flows_into_continuations_and_does_not_leak_to_the_caller()
    {
        var wait = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new StrongBox<string?>();
        Flowed.Value = "caller";

        var task = SetsThenAwaitsAsync(wait.Task, seen);
        Assert.Equal("caller", Flowed.Value);

        // Completed from a thread pool thread whose context has no value: the continuation must bring its own.
        await Task.Run(() =>
        {
            Flowed.Value = null;
            wait.SetResult();
        });
        await task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("method", seen.Value);
        Assert.Equal("caller", Flowed.Value);
    }

    [Fact]
    public async Task A_struct_state_machine_keeps_its_state_across_awaits()
    {
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        var machine = new CountingStateMachine
        {
            Builder = LocalTaskMethodBuilder.Create(),
            State = -1,
            Waits = [Task.CompletedTask, first.Task, Task.CompletedTask, second.Task, Task.CompletedTask],
            Counted = new StrongBox<int>(),
        };

        machine.Builder.Start(ref machine);
        var task = machine.Builder.Task;
        Assert.False(task.IsCompleted);

        first.SetResult();
        Assert.False(task.IsCompleted);
        second.SetResult();
        await task.WaitAsync(TimeSpan.FromSeconds(10));

        // Counted by the boxed copy: the machine that the first await boxed is the one that resumed each time.
        Assert.Equal(5, machine.Counted.Value);
    }

    [Fact]
    public async Task A_struct_state_machine_faults_the_task_with_the_awaited_exception()
    {
        var failing = new TaskCompletionSource();
        var machine = new CountingStateMachine
        {
            Builder = LocalTaskMethodBuilder.Create(),
            State = -1,
            Waits = [failing.Task],
            Counted = new StrongBox<int>(),
        };

        machine.Builder.Start(ref machine);
        var task = machine.Builder.Task;
        failing.SetException(new TimeoutException("late"));

        var exception = await Assert.ThrowsAsync<TimeoutException>(() => task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("late", exception.Message);
    }

    [AsyncMethodBuilder(typeof(LocalTaskMethodBuilder))]
    private static async Task CompletesAsync(Task wait)
    {
        await wait.ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(LocalTaskMethodBuilder))]
    private static async Task StepsAsync(Task[] waits, List<int> steps)
    {
        var step = 0;
        foreach (var wait in waits)
        {
            await wait.ConfigureAwait(false);
            steps.Add(++step);
        }
    }

    [AsyncMethodBuilder(typeof(LocalTaskMethodBuilder))]
    private static async Task ThrowsAsync(Task wait)
    {
        await wait.ConfigureAwait(false);
        throw new InvalidOperationException("thrown by the method");
    }

    [AsyncMethodBuilder(typeof(LocalTaskMethodBuilder))]
    private static async Task CancelsAsync(Task wait, CancellationToken token)
    {
        await wait.ConfigureAwait(false);
        token.ThrowIfCancellationRequested();
    }

    [AsyncMethodBuilder(typeof(LocalTaskMethodBuilder))]
    private static async Task SetsThenAwaitsAsync(Task wait, StrongBox<string?> seen)
    {
        Flowed.Value = "method";
        await wait.ConfigureAwait(false);
        seen.Value = Flowed.Value;
    }

    /// <summary>What the C# compiler generates in Release for a loop that awaits each task in turn and counts.</summary>
    private struct CountingStateMachine : IAsyncStateMachine
    {
        public LocalTaskMethodBuilder Builder;
        public int State;
        public Task[] Waits;
        public StrongBox<int> Counted;
        private int _count;
        private ConfiguredTaskAwaitable.ConfiguredTaskAwaiter _awaiter;

        public void MoveNext()
        {
            try
            {
                if (State == 1)
                {
                    State = -1;
                    var resumed = _awaiter;
                    _awaiter = default;
                    resumed.GetResult();
                    _count++;
                }

                while (_count < Waits.Length)
                {
                    var awaiter = Waits[_count].ConfigureAwait(false).GetAwaiter();
                    if (!awaiter.IsCompleted)
                    {
                        State = 1;
                        _awaiter = awaiter;
                        Builder.AwaitUnsafeOnCompleted(ref awaiter, ref this);
                        return;
                    }

                    awaiter.GetResult();
                    _count++;
                }
            }
            catch (Exception exception)
            {
                State = -2;
                Builder.SetException(exception);
                return;
            }

            State = -2;
            Counted.Value = _count;
            Builder.SetResult();
        }

        public void SetStateMachine(IAsyncStateMachine stateMachine) => Builder.SetStateMachine(stateMachine);
    }
}
