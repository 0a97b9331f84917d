namespace Polca.Actors;

/// <summary>What a named timer sends: the user's message tagged with its key and generation.</summary>
internal sealed class TimerMessage(object key, long generation, object message, TimerScheduler owner)
{
    public object Key { get; } = key;
    public long Generation { get; } = generation;
    public object Message { get; } = message;
    public TimerScheduler Owner { get; } = owner;
}
