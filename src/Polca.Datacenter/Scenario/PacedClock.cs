using System.Diagnostics;
using Polca.Actors;

namespace Polca.Datacenter.Scenario;

/// <summary>
/// Drives a run's deterministic virtual clock. At max speed (no pace) it runs the system straight to each target. At a
/// pace it never lets the emulated clock run ahead of the wall clock times the pace: it runs the system up to that instant
/// whenever a timer is due by then, and otherwise waits for the wall clock to reach the next due timer. Either way the
/// same events happen in the same order, so a paced run equals the run at max speed.
/// </summary>
internal sealed class PacedClock
{
    // A wait for the wall clock is cut into slices this long, so that Ctrl-C and newly set timers are seen promptly.
    private static readonly long LongestWaitTicks = TimeSpan.FromMilliseconds(20).Ticks;

    private readonly VirtualTimeController _time;
    private readonly Stopwatch _wall;
    private readonly double? _pace;

    /// <summary>Paces <paramref name="time"/> against <paramref name="wall"/> (started with the clock) at <paramref name="pace"/>; null: max speed.</summary>
    public PacedClock(VirtualTimeController time, Stopwatch wall, double? pace)
    {
        _time = time;
        _wall = wall;
        _pace = pace;
    }

    /// <summary>Where the wall clock stands in emulated ticks (the emulated clock itself at max speed): the reference for lag.</summary>
    public long WallTicks() => _pace is { } pace ? (long)(_wall.Elapsed.Ticks * pace) : _time.Clock.Elapsed.Ticks;

    /// <summary>Runs the system until the emulated clock reaches <paramref name="targetTicks"/> (elapsed ticks) or cancellation.</summary>
    public void RunTo(long targetTicks, CancellationToken cancellation)
    {
        var start = _time.Clock.Start;
        if (_pace is not { } pace)
        {
            _time.RunUntil(() => cancellation.IsCancellationRequested, start + TimeSpan.FromTicks(targetTicks));
            return;
        }

        while (!cancellation.IsCancellationRequested)
        {
            var now = _time.Clock.Elapsed.Ticks;
            if (now >= targetTicks) return;
            var wallNow = WallTicks();
            var to = Math.Min(targetTicks, wallNow);
            var next = _time.NextTimerDue is { } due ? (due - start).Ticks : long.MaxValue;
            if (to == targetTicks || next <= to)
            {
                _time.RunUntil(() => cancellation.IsCancellationRequested, start + TimeSpan.FromTicks(to));
                continue;
            }

            // Caught up: nothing is due before the wall clock reaches the next timer (or the target).
            var waitTicks = (long)((Math.Min(next, targetTicks) - wallNow) / pace);
            Thread.Sleep(TimeSpan.FromTicks(Math.Clamp(waitTicks, 0, LongestWaitTicks)));
        }
    }
}
