using System.Globalization;

namespace Polca.Datacenter.Workloads;

/// <summary>
/// Poisson arrivals at a mean rate, optionally shaped by a <see cref="DiurnalEnvelope"/> (thinning a Poisson process
/// at the envelope's peak rate). Each request takes the (prompt, output) pair of a uniformly drawn row of a trace.
/// Never ends.
/// </summary>
public sealed class PoissonArrivals : IArrivalSource
{
    private readonly double _peakRatePerS;
    private readonly LlmTrace _tokens;
    private readonly DiurnalEnvelope? _diurnal;
    private readonly PriorityPolicy _priority;
    private readonly int _stream;
    private readonly Random _random;
    private double _timeS;

    /// <summary>Creates the process; <paramref name="ratePerS"/> (the mean over a diurnal cycle) must be positive.</summary>
    public PoissonArrivals(double ratePerS, LlmTrace tokens, DiurnalEnvelope? diurnal, PriorityPolicy priority, int stream, Random random)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(priority);
        ArgumentNullException.ThrowIfNull(random);
        if (!(double.IsFinite(ratePerS) && ratePerS > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerS), ratePerS, $"expected a positive rate, found {ratePerS.ToString(CultureInfo.InvariantCulture)}");
        }

        _peakRatePerS = ratePerS * (diurnal?.PeakFactor ?? 1);
        _tokens = tokens;
        _diurnal = diurnal;
        _priority = priority;
        _stream = stream;
        _random = random;
    }

    /// <inheritdoc/>
    public bool TryNext(out ArrivalSpec arrival)
    {
        while (true)
        {
            _timeS += -Math.Log(1 - _random.NextDouble()) / _peakRatePerS;
            var ticks = (long)Math.Round(_timeS * TimeSpan.TicksPerSecond);
            if (_diurnal is not null && !_diurnal.Accept(ticks, _random))
            {
                continue;
            }

            var row = _tokens.Requests[_random.Next(_tokens.Count)];
            arrival = new ArrivalSpec(ticks, row.PromptTokens, row.OutputTokens, _priority.Draw(_random), _stream);
            return true;
        }
    }
}
