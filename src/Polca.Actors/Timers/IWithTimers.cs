namespace Polca.Actors;

/// <summary>An actor with named timers; the runtime sets <see cref="Timers"/> before the constructor body runs.</summary>
public interface IWithTimers
{
    /// <summary>The actor's timers; all are cancelled when the actor restarts or stops.</summary>
    ITimerScheduler Timers { get; set; }
}
