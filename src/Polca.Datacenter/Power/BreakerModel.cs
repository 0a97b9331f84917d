namespace Polca.Datacenter.Power;

/// <summary>
/// A breaker's inverse-time trip behaviour as a thermal accumulator: above its rating, heat rises at 1 / (trip time at the
/// load) per second and the breaker trips when it reaches 1; at or below the rating it cools exponentially. A constant
/// overload thus trips exactly after the curve's time; varying overloads add up as in a real thermal element.
/// </summary>
public sealed class BreakerModel
{
    private readonly TripCurvePoint[] _curve;
    private readonly double _coolingSeconds;

    /// <summary>A breaker with the given curve (multiples ascending, seconds descending) and cooling time constant.</summary>
    public BreakerModel(IReadOnlyList<TripCurvePoint> curve, double coolingSeconds)
    {
        if (curve.Count == 0) throw new ArgumentException("a trip curve needs at least one point", nameof(curve));
        _curve = [.. curve];
        _coolingSeconds = coolingSeconds;
    }

    /// <summary>Accumulated heat, 0 (cold) to 1 (trips).</summary>
    public double Heat { get; private set; }

    /// <summary>Seconds to trip at a constant <paramref name="multiple"/> of the rating from cold; infinity at or below 1.</summary>
    public double TripSeconds(double multiple)
    {
        if (multiple <= 1) return double.PositiveInfinity;
        var first = _curve[0];
        if (multiple <= first.Multiple) return first.Seconds * (first.Multiple - 1) / (multiple - 1);
        for (var i = 1; i < _curve.Length; i++)
        {
            var b = _curve[i];
            if (multiple > b.Multiple) continue;
            var a = _curve[i - 1];
            var f = Math.Log(multiple / a.Multiple) / Math.Log(b.Multiple / a.Multiple);
            return Math.Exp(Math.Log(a.Seconds) + f * (Math.Log(b.Seconds) - Math.Log(a.Seconds)));
        }

        return _curve[^1].Seconds;
    }

    /// <summary>
    /// Holds <paramref name="multiple"/> for <paramref name="seconds"/>; returns the seconds into that span at which the breaker
    /// trips, or null when it does not.
    /// </summary>
    public double? Hold(double multiple, double seconds)
    {
        if (seconds <= 0) return Heat >= 1 ? 0 : null;
        var trip = TripSeconds(multiple);
        if (double.IsPositiveInfinity(trip))
        {
            Heat *= Math.Exp(-seconds / _coolingSeconds);
            return null;
        }

        var toTrip = (1 - Heat) * trip;
        if (toTrip <= seconds)
        {
            Heat = 1;
            return Math.Max(0, toTrip);
        }

        Heat += seconds / trip;
        return null;
    }

    /// <summary>Seconds until a trip if <paramref name="multiple"/> holds from now, or null when it never trips.</summary>
    public double? SecondsToTrip(double multiple)
    {
        var trip = TripSeconds(multiple);
        return double.IsPositiveInfinity(trip) ? null : Math.Max(0, (1 - Heat) * trip);
    }

    /// <summary>Closes the breaker again, cold.</summary>
    public void Reset() => Heat = 0;
}
