namespace Polca.Actors;

/// <summary>Ask: send a message and get the first reply as a task.</summary>
public static class Futures
{
    /// <summary>Sends <paramref name="message"/> and returns the reply; the system's default ask timeout applies.</summary>
    public static Task<T> Ask<T>(this ICanTell receiver, object message, CancellationToken cancellationToken = default) =>
        AskInternal<T>(null, receiver, message, null, cancellationToken);

    /// <summary>Sends <paramref name="message"/> and returns the reply; <see cref="AskTimeoutException"/> when none comes within <paramref name="timeout"/>.</summary>
    public static Task<T> Ask<T>(this ICanTell receiver, object message, TimeSpan? timeout, CancellationToken cancellationToken = default) =>
        AskInternal<T>(null, receiver, message, timeout, cancellationToken);

    /// <summary>Sends <paramref name="message"/> and returns the reply as an object.</summary>
    public static Task<object> Ask(this ICanTell receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        AskInternal<object>(null, receiver, message, timeout, cancellationToken);

    /// <summary>
    /// The ask behind every public overload. The returned task is completed synchronously where the promise completes
    /// (its own continuations still run asynchronously), so that under virtual time a reply or a timeout is visible in
    /// the task before the system can look idle. <paramref name="complete"/>, when given, turns the completed promise
    /// into the result (or throws); by default the reply is cast to <typeparamref name="T"/>.
    /// </summary>
    internal static Task<T> AskInternal<T>(ActorSystemImpl? system, ICanTell receiver, object message, TimeSpan? timeout,
        CancellationToken cancellationToken, Func<Task<object>, T>? complete = null)
    {
        TimeSpan effective;
        try
        {
            system ??= SystemOf(receiver);
            effective = timeout ?? system.Settings.AskTimeout;
            if (effective != Timeout.InfiniteTimeSpan && effective <= TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "an Ask timeout must be positive");
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
        var promise = new PromiseActorRef(system);
        // The promise rides along as the task's state, so that PipeTo can find it (see WhenAskCompleted).
        var result = new TaskCompletionSource<T>(promise, TaskCreationOptions.RunContinuationsAsynchronously);
        ICancelable? timer = null;
        var registration = default(CancellationTokenRegistration);
        promise.OnCompleted(() =>
        {
            timer?.Cancel();
            registration.Unregister();
            var outcome = promise.Task;
            if (complete is null && outcome.IsCanceled)
            {
                result.TrySetCanceled(cancellationToken);
                return;
            }
            if (complete is null && outcome.IsFaulted)
            {
                result.TrySetException(outcome.Exception!.InnerExceptions);
                return;
            }
            try
            {
                result.TrySetResult(complete is null ? Cast<T>(outcome.Result, receiver) : complete(outcome));
            }
            catch (Exception e)
            {
                result.TrySetException(e);
            }
        });
        if (cancellationToken.CanBeCanceled) registration = cancellationToken.Register(() => promise.Cancel(cancellationToken));
        // The message goes first: in virtual time a timeout set before it would be the next thing due while the system
        // still looks idle, and the clock would jump to it.
        receiver.Tell(message, promise);
        if (effective != Timeout.InfiniteTimeSpan)
        {
            timer = system.Scheduler.Advanced.ScheduleOnce(effective, () =>
                promise.Fail(new AskTimeoutException($"Ask timed out on {Describe(receiver)} after {effective.TotalMilliseconds:0.###} ms (message {message.GetType().Name})")));
            // A reply that came in before the timer existed could not cancel it.
            if (promise.IsTerminated) timer.Cancel();
        }
        return result.Task;
    }

    /// <summary>
    /// Runs <paramref name="callback"/> synchronously right after <paramref name="task"/>, an Ask's task, completes;
    /// false when the task is not an Ask's or has already completed (the caller then continues on its own).
    /// </summary>
    internal static bool WhenAskCompleted(Task task, Action callback) =>
        task.AsyncState is PromiseActorRef promise && promise.OnCompleted(callback);

    private static T Cast<T>(object reply, ICanTell receiver) => reply switch
    {
        T typed => typed,
        Status.Success { Payload: T payload } => payload,
        null when default(T) is null => default!,
        _ => throw new InvalidCastException($"Ask<{typeof(T).Name}> to {Describe(receiver)} got a reply of type {reply?.GetType().Name ?? "null"}"),
    };

    private static string Describe(ICanTell receiver) => receiver is IActorRef r ? r.Path.ToString() : receiver.ToString() ?? "?";

    private static ActorSystemImpl SystemOf(ICanTell receiver) => receiver switch
    {
        LocalActorRef local => local.Cell.SystemImpl,
        ActorSelection { Anchor: LocalActorRef anchor } => anchor.Cell.SystemImpl,
        _ => ActorCell.Current?.SystemImpl
             ?? throw new NotSupportedException($"Cannot Ask {receiver}: its actor system is unknown (ask from inside an actor or ask a local reference)"),
    };
}
