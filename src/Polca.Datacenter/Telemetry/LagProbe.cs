using Polca.Actors;

namespace Polca.Datacenter.Telemetry;

/// <summary>
/// Measures how far the emulation runs behind its clock: a timer due every period; the lag is how late it is handled
/// (zero in virtual time, where the clock waits for the actors). Samples before the warm-up's end (the world being
/// built and warming up while the wall clock already runs) are kept apart.
/// </summary>
public sealed class LagProbe : UntypedActor
{
    private readonly TimeSpan _period;
    private readonly LatencyHistogram _lagMs = new();
    private readonly LatencyHistogram _warmupLagMs = new();
    private readonly long _warmupTicks;
    private long _due;

    /// <summary>A probe with a timer every <paramref name="period"/>; samples due before <paramref name="warmup"/> are counted apart.</summary>
    public LagProbe(TimeSpan period, TimeSpan warmup)
    {
        _period = period;
        _warmupTicks = warmup.Ticks;
    }

    /// <inheritdoc />
    protected override void PreStart() => Arm();

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ProbeTick:
                var lag = Math.Max(0, (Context.System.Clock.Elapsed.Ticks - _due) / (double)TimeSpan.TicksPerMillisecond);
                (_due < _warmupTicks ? _warmupLagMs : _lagMs).Add(lag);
                Arm();
                break;
            case GetLag:
                Sender.Tell(new LagReport(_lagMs.Count, _lagMs.Quantile(0.99), _lagMs.Quantile(1.0), _warmupLagMs.Quantile(1.0)), Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Arm()
    {
        _due = Context.System.Clock.Elapsed.Ticks + _period.Ticks;
        Context.System.Scheduler.ScheduleTellOnce(_period, Self, ProbeTick.Instance, Self);
    }

    private sealed class ProbeTick
    {
        public static ProbeTick Instance { get; } = new();
    }
}
