namespace Polca.Datacenter.Telemetry;

/// <summary>
/// A power sensor as NVML's behaves (MODELS 6.2): the reading refreshes every period and is the mean of the true power over
/// the last window before the refresh, so short spikes between windows go unseen. A view over the recent true power history.
/// </summary>
public sealed class SampledPowerSensor
{
    private const int Capacity = 64;
    private readonly long _period;
    private readonly long _window;
    private readonly long[] _at = new long[Capacity];
    private readonly long[] _milliwatts = new long[Capacity];
    private int _count;
    private int _head;

    /// <summary>A sensor refreshing every <paramref name="periodTicks"/> with a <paramref name="windowTicks"/> averaging window.</summary>
    public SampledPowerSensor(long periodTicks, long windowTicks)
    {
        if (periodTicks <= 0 || windowTicks <= 0 || windowTicks > periodTicks) throw new ArgumentOutOfRangeException(nameof(windowTicks), "need 0 < window <= period");
        _period = periodTicks;
        _window = windowTicks;
    }

    /// <summary>The true power became <paramref name="milliwatts"/> at <paramref name="at"/> (times never decrease).</summary>
    public void Record(long at, long milliwatts)
    {
        if (_count > 0 && _at[(_head + _count - 1) % Capacity] == at)
        {
            _milliwatts[(_head + _count - 1) % Capacity] = milliwatts;
            return;
        }

        if (_count == Capacity)
        {
            _head = (_head + 1) % Capacity;
            _count--;
        }

        _at[(_head + _count) % Capacity] = at;
        _milliwatts[(_head + _count) % Capacity] = milliwatts;
        _count++;
    }

    /// <summary>The reading at <paramref name="now"/> of a sensor whose refreshes fall at offset + k × period, in mW.</summary>
    public double Read(long now, long offset)
    {
        var refresh = offset + (long)Math.Floor((now - offset) / (double)_period) * _period;
        return MeanOver(refresh - _window, refresh);
    }

    /// <summary>The exact mean of the recorded power over [from, to), in mW (history older than the buffer reads as its oldest value).</summary>
    public double MeanOver(long from, long to)
    {
        if (_count == 0 || to <= from) return _count == 0 ? 0 : ValueAt(to);
        Int128 energy = 0;
        for (var i = 0; i < _count; i++)
        {
            var idx = (_head + i) % Capacity;
            var start = i == 0 ? long.MinValue : _at[idx];
            var end = i + 1 < _count ? _at[(_head + i + 1) % Capacity] : long.MaxValue;
            var a = Math.Max(start, from);
            var b = Math.Min(end, to);
            if (b > a) energy += (Int128)_milliwatts[idx] * (b - a);
        }

        return (double)energy / (to - from);
    }

    private double ValueAt(long t)
    {
        var value = _milliwatts[_head];
        for (var i = 0; i < _count; i++)
        {
            var idx = (_head + i) % Capacity;
            if (_at[idx] <= t) value = _milliwatts[idx];
        }

        return value;
    }
}
