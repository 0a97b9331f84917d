using System.Globalization;

namespace Polca.Datacenter.Workloads;

/// <summary>
/// A daily load cycle: the arrival rate at run time t is <c>mean × (1 + Amplitude × cos(2π (t − PeakAt) / Period))</c>,
/// applied to a stream by thinning a process that runs at the peak rate <c>mean × (1 + Amplitude)</c>.
/// </summary>
public sealed class DiurnalEnvelope
{
    private readonly long _periodTicks;
    private readonly long _peakTicks;

    /// <summary>Creates an envelope; <paramref name="amplitude"/> must lie in [0, 1] and <paramref name="period"/> be positive.</summary>
    public DiurnalEnvelope(double amplitude, TimeSpan period, TimeSpan peakAt)
    {
        if (!(amplitude is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(amplitude), amplitude, $"expected an amplitude in [0, 1], found {amplitude.ToString(CultureInfo.InvariantCulture)}");
        }

        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"expected a positive period, found {period}");
        }

        Amplitude = amplitude;
        Period = period;
        PeakAt = peakAt;
        _periodTicks = period.Ticks;
        _peakTicks = peakAt.Ticks;
    }

    /// <summary>The relative swing of the rate around its mean, in [0, 1].</summary>
    public double Amplitude { get; }

    /// <summary>The length of one cycle.</summary>
    public TimeSpan Period { get; }

    /// <summary>The run time (since the run's start) at which the rate peaks.</summary>
    public TimeSpan PeakAt { get; }

    /// <summary>The peak rate as a multiple of the mean: <c>1 + Amplitude</c>.</summary>
    public double PeakFactor => 1 + Amplitude;

    /// <summary>The rate at <paramref name="ticks"/> since the run's start, as a multiple of the mean.</summary>
    public double Factor(long ticks)
    {
        var phase = (double)((ticks - _peakTicks) % _periodTicks) / _periodTicks;
        return 1 + (Amplitude * Math.Cos(2 * Math.PI * phase));
    }

    /// <summary>Keeps an arrival at <paramref name="ticks"/> with probability <c>Factor / PeakFactor</c> (thinning).</summary>
    public bool Accept(long ticks, Random random) => random.NextDouble() * PeakFactor < Factor(ticks);

    /// <summary>Renders the envelope for summaries.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"amplitude {Amplitude}, period {Period}, peak at {PeakAt}");
}
