using Polca.Actors;

namespace Polca.Datacenter.Power;

/// <summary>
/// A row PDU: the exact sum of its racks' power and its energy, a metered reading every reporting period (the mean over
/// the period: all a controller sees), the exact mean of every emulated second for the time series, and the row breaker
/// with its inverse-time trip curve. It reports to its parent, the row's controller.
/// </summary>
public sealed class PduActor : UntypedActor
{
    private readonly double _ratingW;
    private readonly BreakerModel _breaker;
    private readonly TimeSpan _reportPeriod;
    private long _milliwatts;
    private long _lastTicks;
    private Int128 _energy;
    private Int128 _energyAtSecond;
    private Int128 _energyAtReport;
    private long _second;
    private long _breakerTicks;
    private bool _tripped;
    private ICancelable? _tripTimer;

    /// <summary>A PDU whose breaker is rated <paramref name="ratingW"/> and whose meter reports every <paramref name="reportPeriod"/>.</summary>
    public PduActor(double ratingW, BreakerModel breaker, TimeSpan reportPeriod)
    {
        _ratingW = ratingW;
        _breaker = breaker;
        _reportPeriod = reportPeriod;
    }

    private long Now => Context.System.Clock.Elapsed.Ticks;

    /// <inheritdoc />
    protected override void PreStart()
    {
        _lastTicks = Now;
        _breakerTicks = _lastTicks;
        _second = _lastTicks / TimeSpan.TicksPerSecond;
        var scheduler = Context.System.Scheduler;
        var toSecond = TimeSpan.FromTicks(TimeSpan.TicksPerSecond - _lastTicks % TimeSpan.TicksPerSecond);
        scheduler.ScheduleTellRepeatedly(toSecond, TimeSpan.FromSeconds(1), Self, SecondTick.Instance, Self);
        scheduler.ScheduleTellRepeatedly(_reportPeriod, _reportPeriod, Self, ReportTick.Instance, Self);
    }

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case PowerChanged changed:
                UpdateBreaker(changed.AtTicks);
                PowerAccounting.Apply(ref _milliwatts, ref _energy, ref _lastTicks, changed);
                ScheduleTrip();
                break;
            case SecondTick:
            {
                var now = Now;
                PowerAccounting.IntegrateTo(_milliwatts, ref _energy, ref _lastTicks, now);
                var joules = (double)(_energy - _energyAtSecond) / 1000.0 / TimeSpan.TicksPerSecond;
                _energyAtSecond = _energy;
                _second++;
                Context.Parent.Tell(new RowSecond(_second, joules), Self);
                break;
            }
            case ReportTick:
            {
                var now = Now;
                PowerAccounting.IntegrateTo(_milliwatts, ref _energy, ref _lastTicks, now);
                var watts = (double)(_energy - _energyAtReport) / 1000.0 / _reportPeriod.Ticks;
                _energyAtReport = _energy;
                Context.Parent.Tell(new PduReading(now, watts), Self);
                break;
            }
            case TripCheck:
                _tripTimer = null;
                UpdateBreaker(Now);
                ScheduleTrip();
                break;
            case BreakerReset:
                _tripped = false;
                _breaker.Reset();
                _breakerTicks = Now;
                break;
            case AuditEnergy audit:
            {
                var now = Now;
                PowerAccounting.IntegrateTo(_milliwatts, ref _energy, ref _lastTicks, now);
                audit.ReplyTo.Tell(new EnergyAuditEntry(Self.Path.ToString(), "pdu", "", _energy, now));
                break;
            }
            default:
                Unhandled(message);
                break;
        }
    }

    private double Multiple => _milliwatts / 1000.0 / _ratingW;

    // Holds the load since the last breaker update; trips (at the exact instant within the span) when the heat reaches 1.
    private void UpdateBreaker(long now)
    {
        if (now <= _breakerTicks || _tripped)
        {
            _breakerTicks = Math.Max(_breakerTicks, now);
            return;
        }

        var multiple = Multiple;
        var tripAfter = _breaker.Hold(multiple, (now - _breakerTicks) / (double)TimeSpan.TicksPerSecond);
        if (tripAfter is { } seconds)
        {
            _tripped = true;
            var at = _breakerTicks + (long)(seconds * TimeSpan.TicksPerSecond);
            Context.Parent.Tell(new BreakerTripped(at, multiple), Self);
        }

        _breakerTicks = now;
    }

    private void ScheduleTrip()
    {
        _tripTimer?.Cancel();
        _tripTimer = null;
        if (_tripped || _breaker.SecondsToTrip(Multiple) is not { } seconds) return;
        _tripTimer = Context.System.Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond))),
            Self, TripCheck.Instance, Self);
    }

    private sealed class SecondTick
    {
        public static SecondTick Instance { get; } = new();
    }

    private sealed class ReportTick
    {
        public static ReportTick Instance { get; } = new();
    }

    private sealed class TripCheck
    {
        public static TripCheck Instance { get; } = new();
    }
}
