namespace Polca.Actors;

/// <summary>How a <see cref="BackoffSupervisor"/> recreates its child: after it stops, with growing delays.</summary>
/// <param name="ChildProps">Props of the child.</param>
/// <param name="ChildName">Name of the child.</param>
/// <param name="MinBackoff">Delay before the first restart.</param>
/// <param name="MaxBackoff">Largest delay; delays double up to it.</param>
/// <param name="RandomFactor">Random extra delay, as a fraction of the delay (0.2 adds up to 20 %).</param>
/// <param name="ResetBackoffAfter">A child that lived this long starts the delays again from the minimum; null means MinBackoff.</param>
/// <param name="MaxRestarts">Restarts allowed before the supervisor stops itself; null for no limit.</param>
public sealed record BackoffOptions(Props ChildProps, string ChildName, TimeSpan MinBackoff, TimeSpan MaxBackoff, double RandomFactor,
    TimeSpan? ResetBackoffAfter = null, int? MaxRestarts = null)
{
    /// <summary>Restarts the child after it stops (for example a persistent actor whose journal write failed).</summary>
    public static BackoffOptions OnStop(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor) =>
        new(childProps, childName, minBackoff, maxBackoff, randomFactor);

    /// <summary>The delay before restart number <paramref name="restart"/> (0-based), without randomness.</summary>
    public TimeSpan DelayFor(int restart)
    {
        var factor = Math.Pow(2, Math.Min(restart, 30));
        var delay = MinBackoff.TotalMilliseconds * factor;
        return TimeSpan.FromMilliseconds(Math.Min(delay, MaxBackoff.TotalMilliseconds));
    }
}
