using Polca.Actors;

namespace Polca.Datacenter.Telemetry;

/// <summary>
/// Measures how far the emulation runs behind the wall clock: a timer due every period; the lag is how far the reference
/// (the wall clock times the pace, in emulated ticks) is past the timer's due time when it is handled (zero at max speed,
/// where the reference is the emulated clock itself). Samples before the warm-up's end (the world being built and warming
/// up while the wall clock already runs) are kept apart.
/// </summary>
public sealed class LagProbe : UntypedActor
{
    private readonly TimeSpan _period;
    private readonly LatencyHistogram _lagMs = new();
    private readonly LatencyHistogram _warmupLagMs = new();
    private readonly long _warmupTicks;
    private readonly Func<long> _referenceTicks;
    private long _due;

    /// <summary>
    /// A probe with a timer every <paramref name="period"/>, measuring against <paramref name="referenceTicks"/> (emulated
    /// ticks the wall clock stands at); samples due before <paramref name="warmup"/> are counted apart.
    /// </summary>
    public LagProbe(TimeSpan period, TimeSpan warmup, Func<long> referenceTicks)
    {
        _period = period;
        _warmupTicks = warmup.Ticks;
        _referenceTicks = referenceTicks;
    }

    /// <inheritdoc />
    protected override void PreStart() => Arm();

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ProbeTick:
                var lag = Math.Max(0, (_referenceTicks() - _due) / (double)TimeSpan.TicksPerMillisecond);
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
