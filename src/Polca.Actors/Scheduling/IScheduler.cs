namespace Polca.Actors;

/// <summary>Sends messages or runs actions later, on the system clock (real, paced or virtual time).</summary>
public interface IScheduler
{
    /// <summary>The system clock's current instant.</summary>
    DateTimeOffset Now { get; }

    /// <summary>Emulated time since the system started.</summary>
    TimeSpan MonotonicClock { get; }

    /// <summary>Scheduling of actions rather than messages.</summary>
    IAdvancedScheduler Advanced { get; }

    /// <summary>Tells <paramref name="message"/> to <paramref name="receiver"/> after <paramref name="delay"/>.</summary>
    void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender);

    /// <summary>Like <see cref="ScheduleTellOnce(TimeSpan, ICanTell, object, IActorRef?)"/>, unless <paramref name="cancelable"/> is cancelled first.</summary>
    void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender, ICancelable cancelable);

    /// <summary>Tells <paramref name="message"/> after <paramref name="initialDelay"/> and then every <paramref name="interval"/>.</summary>
    void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender);

    /// <summary>Like <see cref="ScheduleTellRepeatedly(TimeSpan, TimeSpan, ICanTell, object, IActorRef?)"/>, until <paramref name="cancelable"/> is cancelled.</summary>
    void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender, ICancelable cancelable);

    /// <summary>Tells once after <paramref name="delay"/> and returns a handle that cancels it.</summary>
    ICancelable ScheduleTellOnceCancelable(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender);

    /// <summary>Tells repeatedly and returns a handle that cancels it.</summary>
    ICancelable ScheduleTellRepeatedlyCancelable(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender);
}
