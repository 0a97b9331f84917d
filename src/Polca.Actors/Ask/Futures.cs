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

    internal static async Task<T> AskInternal<T>(ActorSystemImpl? system, ICanTell receiver, object message, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        system ??= SystemOf(receiver);
        var effective = timeout ?? system.Settings.AskTimeout;
        if (effective != Timeout.InfiniteTimeSpan && effective <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "an Ask timeout must be positive");
        var promise = new PromiseActorRef(system);
        ICancelable? timer = null;
        if (effective != Timeout.InfiniteTimeSpan)
        {
            timer = system.Scheduler.Advanced.ScheduleOnce(effective, () =>
                promise.Fail(new AskTimeoutException($"Ask timed out on {Describe(receiver)} after {effective.TotalMilliseconds:0.###} ms (message {message.GetType().Name})")));
        }
        await using var registration = cancellationToken.CanBeCanceled ? cancellationToken.Register(() => promise.Cancel(cancellationToken)) : default;
        receiver.Tell(message, promise);
        object reply;
        try
        {
            reply = await promise.Task.ConfigureAwait(false);
        }
        finally
        {
            timer?.Cancel();
        }
        return reply switch
        {
            T typed => typed,
            Status.Success { Payload: T payload } => payload,
            null when default(T) is null => default!,
            _ => throw new InvalidCastException($"Ask<{typeof(T).Name}> to {Describe(receiver)} got a reply of type {reply?.GetType().Name ?? "null"}"),
        };
    }

    private static string Describe(ICanTell receiver) => receiver is IActorRef r ? r.Path.ToString() : receiver.ToString() ?? "?";

    private static ActorSystemImpl SystemOf(ICanTell receiver) => receiver switch
    {
        LocalActorRef local => local.Cell.SystemImpl,
        ActorSelection { Anchor: LocalActorRef anchor } => anchor.Cell.SystemImpl,
        _ => ActorCell.Current?.SystemImpl
             ?? throw new NotSupportedException($"Cannot Ask {receiver}: its actor system is unknown (ask from inside an actor or ask a local reference)"),
    };
}
