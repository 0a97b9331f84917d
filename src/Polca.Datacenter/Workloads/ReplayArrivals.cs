using System.Globalization;

namespace Polca.Datacenter.Workloads;

/// <summary>
/// Replays an <see cref="LlmTrace"/>, scaled up by superimposing circularly shifted copies of it, so each copy keeps
/// the trace's own bursts.
/// </summary>
/// <remarks>
/// The copies are built once. With rate multiplier m (times the envelope's peak factor when a diurnal envelope is
/// given), the integer part gives whole copies and the fractional part one more copy keeping each request with that
/// probability. The first copy is the trace itself, so m = 1 replays it faithfully; every other copy is shifted by
/// an independent uniform offset within the trace span and wraps around. Trace time x maps to run time
/// <c>(x − start-offset) / time-compression</c>. A loop repeats the same copies every span / time-compression.
/// A diurnal envelope then thins each arrival by its run time, so the mean rate over a cycle stays m times the trace's.
/// </remarks>
public sealed class ReplayArrivals : IArrivalSource
{
    private readonly long[] _positions;
    private readonly int[] _prompts;
    private readonly int[] _outputs;
    private readonly long _spanTicks;
    private readonly long _startTicks;
    private readonly double _compression;
    private readonly bool _loop;
    private readonly DiurnalEnvelope? _diurnal;
    private readonly PriorityPolicy _priority;
    private readonly int _stream;
    private readonly Random _random;
    private long _pass;
    private int _next;

    /// <summary>
    /// Creates the replay. <paramref name="rateMultiplier"/> and <paramref name="timeCompression"/> must be positive,
    /// <paramref name="startOffset"/> within [0, span], and a looping trace must span more than 0 s.
    /// </summary>
    public ReplayArrivals(
        LlmTrace trace,
        double rateMultiplier,
        double timeCompression,
        bool loop,
        TimeSpan startOffset,
        DiurnalEnvelope? diurnal,
        PriorityPolicy priority,
        int stream,
        Random random)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(priority);
        ArgumentNullException.ThrowIfNull(random);
        if (!(double.IsFinite(rateMultiplier) && rateMultiplier > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(rateMultiplier), rateMultiplier, $"expected a positive rate multiplier, found {rateMultiplier.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!(double.IsFinite(timeCompression) && timeCompression > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(timeCompression), timeCompression, $"expected a positive time compression, found {timeCompression.ToString(CultureInfo.InvariantCulture)}");
        }

        _spanTicks = trace.SpanTicks;
        if (startOffset < TimeSpan.Zero || startOffset.Ticks > _spanTicks)
        {
            throw new ArgumentOutOfRangeException(nameof(startOffset), startOffset, $"expected a start offset within [0, {TimeSpan.FromTicks(_spanTicks)}] (the trace span), found {startOffset}");
        }

        if (loop && _spanTicks == 0)
        {
            throw new ArgumentException($"expected a trace spanning more than 0 s to loop, found {trace.Name} with all {trace.Count} requests at one instant", nameof(trace));
        }

        _startTicks = startOffset.Ticks;
        _compression = timeCompression;
        _loop = loop;
        _diurnal = diurnal;
        _priority = priority;
        _stream = stream;
        _random = random;
        (_positions, _prompts, _outputs) = BuildCopies(trace, rateMultiplier * (diurnal?.PeakFactor ?? 1), random);
        _next = LowerBound(_positions, _startTicks);
    }

    /// <summary>How many requests one pass over the superimposed copies holds (before diurnal thinning).</summary>
    public int RequestsPerPass => _positions.Length;

    /// <inheritdoc/>
    public bool TryNext(out ArrivalSpec arrival)
    {
        while (_positions.Length > 0)
        {
            if (_next == _positions.Length)
            {
                if (!_loop)
                {
                    break;
                }

                _pass++;
                _next = 0;
            }

            var i = _next++;
            var x = _positions[i] + (_pass * _spanTicks) - _startTicks;
            var ticks = _compression == 1 ? x : (long)Math.Round(x / _compression);
            if (_diurnal is not null && !_diurnal.Accept(ticks, _random))
            {
                continue;
            }

            arrival = new ArrivalSpec(ticks, _prompts[i], _outputs[i], _priority.Draw(_random), _stream);
            return true;
        }

        arrival = default;
        return false;
    }

    private static (long[] Positions, int[] Prompts, int[] Outputs) BuildCopies(LlmTrace trace, double copies, Random random)
    {
        var whole = (int)Math.Floor(copies);
        var fraction = copies - whole;
        var span = trace.SpanTicks;
        var n = trace.Count;
        var entries = new List<(long Position, int Copy, int Index)>((int)Math.Ceiling(copies) * n);
        var copyCount = whole + (fraction > 0 ? 1 : 0);
        for (var copy = 0; copy < copyCount; copy++)
        {
            var shift = copy == 0 || span == 0 ? 0 : random.NextInt64(span);
            var thinned = copy == whole;
            for (var i = 0; i < n; i++)
            {
                if (thinned && random.NextDouble() >= fraction)
                {
                    continue;
                }

                var position = trace.OffsetTicks(i) + shift;
                if (shift > 0 && position >= span)
                {
                    position -= span;
                }

                entries.Add((position, copy, i));
            }
        }

        entries.Sort();
        var positions = new long[entries.Count];
        var prompts = new int[entries.Count];
        var outputs = new int[entries.Count];
        for (var k = 0; k < entries.Count; k++)
        {
            var (position, _, index) = entries[k];
            var request = trace.Requests[index];
            positions[k] = position;
            prompts[k] = request.PromptTokens;
            outputs[k] = request.OutputTokens;
        }

        return (positions, prompts, outputs);
    }

    private static int LowerBound(long[] sorted, long value)
    {
        var index = Array.BinarySearch(sorted, value);
        if (index < 0)
        {
            return ~index;
        }

        while (index > 0 && sorted[index - 1] == value)
        {
            index--;
        }

        return index;
    }
}
