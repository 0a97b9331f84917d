using Polca.Actors.Event;
using Polca.Hocon;

namespace Polca.Actors;

/// <summary>
/// The settings of an actor system. <c>new ActorSystemSettings()</c> starts from the embedded reference.conf; change what you
/// need with an object initializer, or read them all from HOCON with <see cref="FromConfig"/>.
/// </summary>
public sealed record ActorSystemSettings
{
    private static readonly Lazy<ActorSystemSettings> ReferenceSettings = new(() => ActorSystemConfigReader.Read(Config.Empty));

    /// <summary>Settings from the embedded reference.conf.</summary>
    public ActorSystemSettings() : this(ReferenceSettings.Value) { }

    private ActorSystemSettings(Config config, LoggingSettings logging)
    {
        Config = config;
        Logging = logging;
    }

    /// <summary>Reads every setting from <paramref name="config"/>, with the embedded reference.conf underneath.</summary>
    public static ActorSystemSettings FromConfig(Config config) => ActorSystemConfigReader.Read(config);

    /// <summary>Builds settings from a configuration already merged with the reference.</summary>
    internal static ActorSystemSettings CreateFrom(Config merged, LoggingSettings logging) => new(merged, logging)
    {
        Throughput = ActorSystemConfigReader.Positive(merged, "polca.actor.throughput"),
        HandoffLimit = ActorSystemConfigReader.NonNegative(merged, "polca.actor.handoff-limit"),
        PreferLocalQueue = merged.GetBoolean("polca.actor.prefer-local-queue"),
        Deterministic = merged.GetBoolean("polca.actor.deterministic"),
        AskTimeout = merged.GetTimeSpan("polca.actor.ask-timeout"),
        MailboxFirstBlock = ActorSystemConfigReader.Positive(merged, "polca.actor.mailbox.first-block"),
        MailboxMaxBlock = ActorSystemConfigReader.Positive(merged, "polca.actor.mailbox.max-block"),
        MailboxRetainedBlock = ActorSystemConfigReader.NonNegative(merged, "polca.actor.mailbox.retained-block"),
        ClockMode = ActorSystemConfigReader.OneOf(merged, "polca.clock.mode", "real-time", "virtual") == "virtual" ? ClockMode.VirtualTime : ClockMode.RealTime,
        Pace = ActorSystemConfigReader.PositiveFinite(merged, "polca.clock.pace"),
        VirtualTimeAdvance = ActorSystemConfigReader.OneOf(merged, "polca.clock.virtual-advance", "manual", "automatic") == "manual"
            ? VirtualTimeAdvance.Manual : VirtualTimeAdvance.Automatic,
        StartTime = ActorSystemConfigReader.Instant(merged, "polca.clock.start"),
        QuiescenceTimeout = ActorSystemConfigReader.PositiveDuration(merged, "polca.clock.quiescence-timeout"),
        SchedulerResolution = ActorSystemConfigReader.PositiveDuration(merged, "polca.scheduler.resolution"),
        Seed = merged.GetInt("polca.random.seed"),
        Host = merged.GetString("polca.remote.hostname", null),
        Port = merged.HasPath("polca.remote.port") ? merged.GetInt("polca.remote.port") : null,
        LogLevel = ActorSystemConfigReader.Level(merged, "polca.logging.level"),
    };

    /// <summary>The whole configuration these settings came from (reference defaults included); later modules read their sections from it.</summary>
    public Config Config { get; init; }

    /// <summary>Log sinks and dead-letter logging.</summary>
    public LoggingSettings Logging { get; init; }

    /// <summary>Real time (with <see cref="Pace"/>) or virtual time.</summary>
    public ClockMode ClockMode { get; init; }

    /// <summary>Emulated seconds per wall-clock second in real time; 1.0 is real time.</summary>
    public double Pace { get; init; }

    /// <summary>Who advances a virtual clock: explicit calls (tests) or the system itself as fast as possible.</summary>
    public VirtualTimeAdvance VirtualTimeAdvance { get; init; }

    /// <summary>The emulated instant the clock starts at.</summary>
    public DateTimeOffset StartTime { get; init; }

    /// <summary>One dispatcher thread running mailboxes in first-come order; with virtual time and a seed, runs repeat bit for bit.</summary>
    public bool Deterministic { get; init; }

    /// <summary>Seed of every random stream the system hands out (<see cref="ActorSystem.CreateRandom"/>).</summary>
    public int Seed { get; init; }

    /// <summary>User messages an actor processes per turn before yielding its thread.</summary>
    public int Throughput { get; init; }

    /// <summary>Whether a mailbox scheduled from a pool thread goes to that thread's local queue (better locality, less fairness).</summary>
    public bool PreferLocalQueue { get; init; }

    /// <summary>How many mailboxes in a row a pool thread may run by direct hand-over before going back to the pool's queue; 0 disables hand-over.</summary>
    public int HandoffLimit { get; init; }

    /// <summary>Size of the first block of a mailbox's queue.</summary>
    public int MailboxFirstBlock { get; init; }

    /// <summary>Size of the largest block of a mailbox's queue.</summary>
    public int MailboxMaxBlock { get; init; }

    /// <summary>Largest drained block a mailbox keeps for reuse.</summary>
    public int MailboxRetainedBlock { get; init; }

    /// <summary>Slot width of the real-time scheduler's timing wheel.</summary>
    public TimeSpan SchedulerResolution { get; init; }

    /// <summary>Timeout of Ask when none is given.</summary>
    public TimeSpan AskTimeout { get; init; }

    /// <summary>Lowest level of log events that are published.</summary>
    public LogLevel LogLevel { get; init; }

    /// <summary>Host of this system for remote addressing; null for a purely local system.</summary>
    public string? Host { get; init; }

    /// <summary>Port of this system for remote addressing.</summary>
    public int? Port { get; init; }

    /// <summary>In virtual time, how long (wall clock) to wait for the system to become idle before declaring it stuck.</summary>
    public TimeSpan QuiescenceTimeout { get; init; }

    /// <summary>Checks the settings, naming the first wrong one.</summary>
    public void Validate()
    {
        if (!(Pace > 0) || double.IsInfinity(Pace)) throw new ArgumentOutOfRangeException(nameof(Pace), Pace, "pace must be a positive finite number");
        if (Throughput < 1) throw new ArgumentOutOfRangeException(nameof(Throughput), Throughput, "throughput must be at least 1");
        if (HandoffLimit < 0) throw new ArgumentOutOfRangeException(nameof(HandoffLimit), HandoffLimit, "the hand-over limit cannot be negative");
        if (MailboxFirstBlock < 1 || MailboxMaxBlock < MailboxFirstBlock)
            throw new ArgumentOutOfRangeException(nameof(MailboxMaxBlock), MailboxMaxBlock, "mailbox blocks: first-block must be at least 1 and max-block at least first-block");
        if (SchedulerResolution <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(SchedulerResolution), SchedulerResolution, "the scheduler resolution must be positive");
        if (QuiescenceTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(QuiescenceTimeout), QuiescenceTimeout, "the quiescence timeout must be positive");
        if (AskTimeout != Timeout.InfiniteTimeSpan && AskTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(AskTimeout), AskTimeout, "the ask timeout must be positive or infinite");
        if (Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(Port), Port, "a port is 0 to 65535");
    }
}
