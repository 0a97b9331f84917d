namespace Polca.Actors;

/// <summary>Virtual time: stands still until advanced; advancing backwards is refused.</summary>
public sealed class VirtualClock(DateTimeOffset start) : Clock(start)
{
    private long _elapsedTicks;

    /// <inheritdoc />
    public override TimeSpan Elapsed => TimeSpan.FromTicks(Volatile.Read(ref _elapsedTicks));

    /// <inheritdoc />
    public override ClockMode Mode => ClockMode.VirtualTime;

    /// <inheritdoc />
    public override double Pace => double.PositiveInfinity;

    /// <summary>Elapsed time in ticks.</summary>
    internal long ElapsedTicks => Volatile.Read(ref _elapsedTicks);

    /// <summary>Moves the clock to <paramref name="elapsedTicks"/>; throws if that is in the past.</summary>
    internal void AdvanceTo(long elapsedTicks)
    {
        var current = Volatile.Read(ref _elapsedTicks);
        if (elapsedTicks < current)
            throw new InvalidOperationException($"virtual time cannot go backwards (from {TimeSpan.FromTicks(current)} to {TimeSpan.FromTicks(elapsedTicks)})");
        Volatile.Write(ref _elapsedTicks, elapsedTicks);
    }
}
