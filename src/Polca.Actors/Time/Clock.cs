namespace Polca.Actors;

/// <summary>The one clock of an actor system, read by every actor, the scheduler and the timers. It never goes backwards.</summary>
public abstract class Clock
{
    /// <summary>Creates a clock that starts at <paramref name="start"/>.</summary>
    protected Clock(DateTimeOffset start) => Start = start;

    /// <summary>The emulated instant the system started at.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Emulated time since the system started.</summary>
    public abstract TimeSpan Elapsed { get; }

    /// <summary>The emulated instant now.</summary>
    public DateTimeOffset Now => Start + Elapsed;

    /// <summary>Real or virtual.</summary>
    public abstract ClockMode Mode { get; }

    /// <summary>Emulated seconds per wall-clock second (real time); infinity for virtual time.</summary>
    public abstract double Pace { get; }
}
