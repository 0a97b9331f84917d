using Polca.Datacenter.Power;
using static Polca.Datacenter.Tests.Models.ModelFixtures;

namespace Polca.Datacenter.Tests.Models;

/// <summary>The row breaker's inverse-time trip curve and thermal accumulator, with the curve of reference.conf (MODELS 1.8).</summary>
public sealed class BreakerModelSpec
{
    private static IReadOnlyList<TripCurvePoint> Curve => Reference.Breaker.TripCurve;

    private static BreakerModel Breaker() => new(Curve, Reference.Breaker.CoolingTimeConstant.TotalSeconds);

    [Fact]
    public void Reference_curve_is_the_documented_one()
    {
        Assert.Equal(
            new[] { (1.05, 600.0), (1.10, 120.0), (1.25, 30.0), (1.50, 5.0), (2.00, 1.0), (5.00, 0.1), (10.0, 0.01) },
            Curve.Select(p => (p.Multiple, p.Seconds)));
        Assert.Equal(60, Reference.Breaker.CoolingTimeConstant.TotalSeconds);
        Assert.Equal(1.0, Reference.Breaker.RatingFraction);
    }

    [Fact]
    public void TripSeconds_equals_the_curve_at_its_points()
    {
        var breaker = Breaker();
        foreach (var point in Curve) Near(point.Seconds, breaker.TripSeconds(point.Multiple), 1e-12);
    }

    [Fact]
    public void TripSeconds_interpolates_on_log_log_scales_between_points()
    {
        var breaker = Breaker();
        for (var i = 1; i < Curve.Count; i++)
        {
            var (a, b) = (Curve[i - 1], Curve[i]);
            foreach (var f in new[] { 0.1, 0.25, 0.5, 0.9 })
            {
                var multiple = Math.Exp(Math.Log(a.Multiple) + f * (Math.Log(b.Multiple) - Math.Log(a.Multiple)));
                var expected = Math.Exp(Math.Log(a.Seconds) + f * (Math.Log(b.Seconds) - Math.Log(a.Seconds)));
                Near(expected, breaker.TripSeconds(multiple), 1e-9);
            }
        }

        // The geometric middle of 1.10x/120 s and 1.25x/30 s trips after the geometric middle, 60 s.
        Near(60, breaker.TripSeconds(Math.Sqrt(1.10 * 1.25)), 1e-9);
    }

    [Fact]
    public void TripSeconds_decreases_monotonically_with_the_load()
    {
        var breaker = Breaker();
        var previous = double.PositiveInfinity;
        for (var multiple = 1.001; multiple <= 10.0; multiple *= 1.001)
        {
            var seconds = breaker.TripSeconds(multiple);
            Assert.True(seconds < previous, $"{multiple}x: {seconds} s, not below {previous} s");
            Assert.True(seconds > 0);
            previous = seconds;
        }

        // Beyond the last point it stays at the last point's time (instantaneous).
        Assert.Equal(0.01, breaker.TripSeconds(10), 12);
        Assert.Equal(0.01, breaker.TripSeconds(50));
    }

    [Fact]
    public void Between_the_rating_and_the_first_point_the_time_grows_without_bound()
    {
        var breaker = Breaker();
        Assert.True(breaker.TripSeconds(1.01) > 600);
        Assert.True(breaker.TripSeconds(1.0001) > 1e5);
        Near(600, breaker.TripSeconds(1.05 - 1e-9), 1e-6); // continuous at the first point
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    [InlineData(1.0)]
    public void Never_trips_at_or_below_its_rating(double multiple)
    {
        var breaker = Breaker();
        Assert.Equal(double.PositiveInfinity, breaker.TripSeconds(multiple));
        Assert.Null(breaker.SecondsToTrip(multiple));
        for (var i = 0; i < 100; i++) Assert.Null(breaker.Hold(multiple, 3600));
        Assert.Equal(0, breaker.Heat);
    }

    [Theory]
    [InlineData(1.05)]
    [InlineData(1.17)]
    [InlineData(1.25)]
    [InlineData(2.0)]
    [InlineData(7.0)]
    [InlineData(20.0)]
    public void A_constant_overload_from_cold_trips_after_exactly_TripSeconds(double multiple)
    {
        var trip = Breaker().TripSeconds(multiple);

        var once = Breaker();
        Assert.Equal(trip, once.SecondsToTrip(multiple));
        Assert.Equal(trip, once.Hold(multiple, trip * 3));
        Assert.Equal(1, once.Heat);

        // Held in ten slices, it trips in the last one, at the same instant.
        var sliced = Breaker();
        var slice = trip / 9.5;
        for (var i = 0; i < 9; i++) Assert.Null(sliced.Hold(multiple, slice));
        var at = sliced.Hold(multiple, slice);
        Assert.NotNull(at);
        Near(trip, 9 * slice + at!.Value, 1e-9);

        // Just short of the time it does not trip.
        Assert.Null(Breaker().Hold(multiple, trip * (1 - 1e-9)));
    }

    [Fact]
    public void Heat_accumulates_across_spans_of_different_loads()
    {
        var breaker = Breaker();
        Assert.Null(breaker.Hold(1.25, 15)); // half of its 30 s
        Near(0.5, breaker.Heat, 1e-12);
        Near(15, breaker.SecondsToTrip(1.25)!.Value, 1e-9);
        Near(2.5, breaker.SecondsToTrip(1.5)!.Value, 1e-9);

        var at = breaker.Hold(1.5, 10); // half of its 5 s is left
        Near(2.5, at!.Value, 1e-9);
    }

    [Fact]
    public void Heat_cools_exponentially_below_the_rating()
    {
        var breaker = Breaker();
        breaker.Hold(1.25, 15);
        Assert.Null(breaker.Hold(0.8, 60)); // one time constant
        Near(0.5 * Math.Exp(-1), breaker.Heat, 1e-12);
        Near((1 - 0.5 * Math.Exp(-1)) * 30, breaker.SecondsToTrip(1.25)!.Value, 1e-9);

        // Cooled for long, it is cold again: a fresh overload takes the full time.
        breaker.Hold(1.0, 3600);
        Assert.True(breaker.Heat < 1e-20);
        Near(30, breaker.Hold(1.25, 100)!.Value, 1e-9);
    }

    [Fact]
    public void A_short_overload_after_cooling_trips_later_than_it_would_without_the_pause()
    {
        var paused = Breaker();
        paused.Hold(1.5, 4);
        paused.Hold(0.9, 30);
        var resumed = paused.Hold(1.5, 10)!.Value;

        var straight = Breaker();
        straight.Hold(1.5, 4);
        var continued = straight.Hold(1.5, 10)!.Value;

        Near(1, continued, 1e-9);
        Assert.True(resumed > continued);
        Near((1 - 0.8 * Math.Exp(-0.5)) * 5, resumed, 1e-9);
    }

    [Fact]
    public void A_tripped_breaker_reports_zero_for_an_empty_span_and_reset_makes_it_cold()
    {
        var breaker = Breaker();
        Assert.Null(breaker.Hold(2, 0));
        breaker.Hold(2, 5);
        Assert.Equal(0.0, breaker.Hold(2, 0));
        Assert.Equal(0.0, breaker.SecondsToTrip(2));
        breaker.Reset();
        Assert.Equal(0, breaker.Heat);
        Assert.Equal(1.0, breaker.SecondsToTrip(2));
    }

    [Fact]
    public void An_empty_curve_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new BreakerModel([], 60));
    }
}
