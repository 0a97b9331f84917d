using Polca.Actors.Event;

namespace Polca.Actors;

/// <summary>The settings of an actor system; every field has a default, and a HOCON Config can fill them.</summary>
public sealed record ActorSystemSettings
{
    /// <summary>Real time (with <see cref="Pace"/>) or virtual time.</summary>
    public ClockMode ClockMode { get; init; } = ClockMode.RealTime;

    /// <summary>Emulated seconds per wall-clock second in real time; 1.0 is real time.</summary>
    public double Pace { get; init; } = 1.0;

    /// <summary>Who advances a virtual clock: explicit calls (tests) or the system itself as fast as possible.</summary>
    public VirtualTimeAdvance VirtualTimeAdvance { get; init; } = VirtualTimeAdvance.Manual;

    /// <summary>The emulated instant the clock starts at.</summary>
    public DateTimeOffset StartTime { get; init; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One dispatcher thread running mailboxes in first-come order; with virtual time and a seed, runs repeat bit for bit.</summary>
    public bool Deterministic { get; init; }

    /// <summary>Seed of every random stream the system hands out (<see cref="ActorSystem.CreateRandom"/>).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>User messages an actor processes per turn before yielding its thread.</summary>
    public int Throughput { get; init; } = 100;

    /// <summary>Whether a mailbox scheduled from a pool thread goes to that thread's local queue (better locality, less fairness).</summary>
    public bool PreferLocalQueue { get; init; }

    /// <summary>How many mailboxes in a row a pool thread may run by direct hand-over before going back to the pool's queue; 0 disables hand-over.</summary>
    public int HandoffLimit { get; init; } = 64;

    /// <summary>Slot width of the real-time scheduler's timing wheel.</summary>
    public TimeSpan SchedulerResolution { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Timeout of Ask when none is given; infinite by default.</summary>
    public TimeSpan AskTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Lowest level of log events that are published.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.InfoLevel;

    /// <summary>Host of this system for remote addressing; null for a purely local system.</summary>
    public string? Host { get; init; }

    /// <summary>Port of this system for remote addressing.</summary>
    public int? Port { get; init; }

    /// <summary>In virtual time, how long (wall clock) to wait for the system to become idle before declaring it stuck.</summary>
    public TimeSpan QuiescenceTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the settings, naming the first wrong one.</summary>
    public void Validate()
    {
        if (!(Pace > 0) || double.IsInfinity(Pace)) throw new ArgumentOutOfRangeException(nameof(Pace), Pace, "pace must be a positive finite number");
        if (Throughput < 1) throw new ArgumentOutOfRangeException(nameof(Throughput), Throughput, "throughput must be at least 1");
        if (HandoffLimit < 0) throw new ArgumentOutOfRangeException(nameof(HandoffLimit), HandoffLimit, "the hand-over limit cannot be negative");
        if (SchedulerResolution <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(SchedulerResolution), SchedulerResolution, "the scheduler resolution must be positive");
        if (QuiescenceTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(QuiescenceTimeout), QuiescenceTimeout, "the quiescence timeout must be positive");
        if (Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(Port), Port, "a port is 0 to 65535");
    }
}
