using System.Runtime.CompilerServices;

namespace ClusterReady.Hosting.Listener;

/// <summary>
/// The async method builder of the listener's accept loop and connection loop: the same <see cref="Task"/> they
/// would return with the default builder, built by generic code of this assembly.
/// </summary>
/// <remarks>
/// <para>
/// The default builder's code for a method is an instantiation of the shared framework's generic types
/// (<c>AsyncTaskMethodBuilder</c>'s state machine box) over the method's state machine, a struct of this assembly.
/// ReadyToRun cannot precompile another assembly's generic code over this one's structs, so the JIT compiled about
/// twenty methods for these two loops while the first probe waited. With this builder every instantiation is of
/// this assembly's generic code, which the package precompiles with the rest.
/// </para>
/// <para>
/// Semantics follow the default builder: the method runs synchronously until its first await that does not complete
/// at once; the execution context flows to its continuations and changes made before that await do not leak to the
/// caller; an <see cref="OperationCanceledException"/> cancels the task, any other exception faults it.
/// </para>
/// </remarks>
internal struct LocalTaskMethodBuilder
{
    private StateMachineBox? _box;
    private Task? _task;

    public static LocalTaskMethodBuilder Create() => default;

    /// <summary>The method's task; read by the caller once <see cref="Start{TStateMachine}"/> has returned.</summary>
    public Task Task => _task ?? GetBox().Completion.Task;

    public void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine
    {
        var context = ExecutionContext.Capture();
        try
        {
            stateMachine.MoveNext();
        }
        finally
        {
            if (context is not null && ExecutionContext.Capture() != context)
            {
                ExecutionContext.Restore(context);
            }
        }
    }

    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
        // Only called for state machines that are classes (debug builds); a struct is boxed by the first await.
    }

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine
    {
        var box = GetBox();
        // Boxed once, after _box is set, so that the boxed copy's builder points at the same box.
        box.StateMachine ??= stateMachine;
        // A safe awaiter flows the execution context itself.
        awaiter.OnCompleted(box.Continue(null));
    }

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine
    {
        // The JIT compiles this method once per awaiter type (the awaiters are the shared framework's), so it does no
        // more than box the state machine; the rest is in methods that are precompiled.
        var box = GetBox();
        box.StateMachine ??= stateMachine;
        awaiter.UnsafeOnCompleted(box.Continue(ExecutionContext.Capture()));
    }

    public void SetResult()
    {
        if (_box is null)
        {
            _task = Task.CompletedTask;
        }
        else
        {
            _box.Completion.TrySetResult();
        }
    }

    public void SetException(Exception exception)
    {
        var box = GetBox();
        if (exception is OperationCanceledException canceled)
        {
            box.Completion.TrySetCanceled(canceled.CancellationToken);
        }
        else
        {
            box.Completion.TrySetException(exception);
        }
    }

    // Not inlined, here and in Continue: ReadyToRun emits no code of its own for a method that it inlines into every
    // precompiled caller, and the JIT's first-tier code of AwaitUnsafeOnCompleted calls rather than inlines.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private StateMachineBox GetBox() => _box ??= new StateMachineBox();

    /// <summary>
    /// The method's task and, once it has awaited, its state machine boxed as <see cref="IAsyncStateMachine"/>: no
    /// generic code over the state machine, so nothing of it is left for the JIT.
    /// </summary>
    private sealed class StateMachineBox
    {
        private static readonly ContextCallback MoveNextInContext = static stateMachine => ((IAsyncStateMachine)stateMachine!).MoveNext();

        private readonly Action _moveNext;
        private ExecutionContext? _context;

        public StateMachineBox()
        {
            _moveNext = MoveNext;
        }

        public readonly TaskCompletionSource Completion = new();

        public IAsyncStateMachine? StateMachine;

        /// <summary>The continuation of an await: resumes in <paramref name="context"/>, or as the awaiter calls it when null.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public Action Continue(ExecutionContext? context)
        {
            _context = context;
            return _moveNext;
        }

        private void MoveNext()
        {
            var context = _context;
            if (context is null)
            {
                StateMachine!.MoveNext();
            }
            else
            {
                ExecutionContext.Run(context, MoveNextInContext, StateMachine);
            }
        }
    }
}
