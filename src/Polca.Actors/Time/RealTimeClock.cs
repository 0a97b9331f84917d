using System.Diagnostics;

namespace Polca.Actors;

/// <summary>Wall-clock time from a monotonic stopwatch, scaled by a pace factor.</summary>
public sealed class RealTimeClock : Clock
{
    private readonly long _origin;
    private readonly double _emulatedTicksPerStopwatchTick;

    /// <summary>Creates a clock starting now at <paramref name="start"/> that runs <paramref name="pace"/> times faster than the wall clock.</summary>
    public RealTimeClock(DateTimeOffset start, double pace) : base(start)
    {
        if (!(pace > 0) || double.IsInfinity(pace)) throw new ArgumentOutOfRangeException(nameof(pace), pace, "the pace must be a positive finite number");
        Pace = pace;
        _origin = Stopwatch.GetTimestamp();
        _emulatedTicksPerStopwatchTick = pace * TimeSpan.TicksPerSecond / Stopwatch.Frequency;
    }

    /// <inheritdoc />
    public override double Pace { get; }

    /// <inheritdoc />
    public override ClockMode Mode => ClockMode.RealTime;

    /// <inheritdoc />
    public override TimeSpan Elapsed => TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - _origin) * _emulatedTicksPerStopwatchTick));

    /// <summary>The stopwatch timestamp the clock started at.</summary>
    internal long OriginTimestamp => _origin;

    /// <summary>Converts an emulated duration to stopwatch ticks of wall time.</summary>
    internal long ToWallTicks(TimeSpan emulated) => (long)Math.Ceiling(emulated.Ticks / _emulatedTicksPerStopwatchTick);

    /// <summary>Converts stopwatch ticks of wall time since the origin to emulated time.</summary>
    internal TimeSpan ToEmulated(long wallTicksSinceOrigin) => TimeSpan.FromTicks((long)(wallTicksSinceOrigin * _emulatedTicksPerStopwatchTick));
}
