using System.Globalization;

namespace Polca.Datacenter.Workloads;

/// <summary>
/// Replays an <see cref="LlmTrace"/>, scaled up by superimposing circularly shifted copies of it, so each copy keeps
/// the trace's own bursts.
/// </summary>
/// <remarks>
/// The copies are merged lazily (never materialised). With rate multiplier m (times the envelope's peak factor when a diurnal envelope is
/// given), the integer part gives whole copies and the fractional part one more copy keeping each request with that
/// probability. The first copy is the trace itself, so m = 1 replays it faithfully; every other copy is shifted by
/// an independent uniform offset within the trace span and wraps around. Trace time x maps to run time
/// <c>(x − start-offset) / time-compression</c>. A loop repeats the same copies every span / time-compression.
/// A diurnal envelope then thins each arrival by its run time, so the mean rate over a cycle stays m times the trace's.
/// </remarks>
public sealed class ReplayArrivals : IArrivalSource
{
    private readonly LlmTrace _trace;
    private readonly Run[] _runs;
    // The next request of every run, ordered as a sort of all copies would order them: by trace position, then copy,
    // then trace index. A k-way merge, so the copies are never materialised and a multiplier of thousands costs a heap
    // of that many cursors.
    private readonly PriorityQueue<int, (long Position, int Copy, int Index)> _merge = new();
    private readonly long _spanTicks;
    private readonly long _startTicks;
    private readonly double _compression;
    private readonly bool _loop;
    private readonly DiurnalEnvelope? _diurnal;
    private readonly PriorityPolicy _priority;
    private readonly int _stream;
    private readonly Random _random;

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

        _trace = trace;
        _startTicks = startOffset.Ticks;
        _compression = timeCompression;
        _loop = loop;
        _diurnal = diurnal;
        _priority = priority;
        _stream = stream;
        _random = random;
        _runs = BuildRuns(trace, rateMultiplier * (diurnal?.PeakFactor ?? 1), random);
        for (var r = 0; r < _runs.Length; r++)
        {
            _runs[r].SkipBefore(_startTicks);
            if (Ready(_runs[r])) _merge.Enqueue(r, Key(_runs[r]));
        }
    }

    /// <summary>How many requests one pass over the superimposed copies holds (before diurnal thinning).</summary>
    public int RequestsPerPass => _runs.Sum(r => r.Count);

    /// <inheritdoc/>
    public bool TryNext(out ArrivalSpec arrival)
    {
        while (_merge.TryPeek(out var r, out var key))
        {
            var index = key.Index;
            var run = _runs[r];
            run.Advance();
            // One sift for the pop and the push of the same run.
            if (Ready(run)) _merge.DequeueEnqueue(r, Key(run));
            else _merge.Dequeue();

            var x = key.Position - _startTicks;
            var ticks = _compression == 1 ? x : (long)Math.Round(x / _compression);
            if (_diurnal is not null && !_diurnal.Accept(ticks, _random))
            {
                continue;
            }

            var request = _trace.Requests[index];
            arrival = new ArrivalSpec(ticks, request.PromptTokens, request.OutputTokens, _priority.Draw(_random), _stream);
            return true;
        }

        arrival = default;
        return false;
    }

    // Whether the run has a next request: at the end of a pass a looping replay starts the run's next pass.
    private bool Ready(Run run)
    {
        if (!run.AtPassEnd) return true;
        if (!_loop || run.Count == 0) return false;
        run.NextPass();
        return true;
    }

    private static (long Position, int Copy, int Index) Key(Run run) => (run.CurrentPosition, run.Copy, run.CurrentIndex);

    // The random draws happen in the order the copies were once built in (a shift per copy after the first, then a
    // keep-or-drop per request of the thinned copy), so a seed gives the same arrivals as ever. A copy shifted by s is
    // two runs: the requests pushed past the span's end, wrapped to its start, and the rest.
    private static Run[] BuildRuns(LlmTrace trace, double copies, Random random)
    {
        var whole = (int)Math.Floor(copies);
        var fraction = copies - whole;
        var span = trace.SpanTicks;
        var n = trace.Count;
        var copyCount = whole + (fraction > 0 ? 1 : 0);
        var runs = new List<Run>(2 * copyCount);
        for (var copy = 0; copy < copyCount; copy++)
        {
            var shift = copy == 0 || span == 0 ? 0 : random.NextInt64(span);
            bool[]? keep = null;
            if (copy == whole)
            {
                keep = new bool[n];
                for (var i = 0; i < keep.Length; i++) keep[i] = random.NextDouble() < fraction;
            }

            var firstWrapped = n;
            if (shift > 0)
            {
                int lo = 0, hi = n;
                while (lo < hi)
                {
                    var mid = (lo + hi) >>> 1;
                    if (trace.OffsetTicks(mid) + shift >= span) hi = mid;
                    else lo = mid + 1;
                }

                firstWrapped = lo;
            }

            if (firstWrapped > 0) runs.Add(new Run(trace, copy, 0, firstWrapped, shift, keep));
            if (firstWrapped < n) runs.Add(new Run(trace, copy, firstWrapped, n, shift - span, keep));
        }

        return [.. runs];
    }

    /// <summary>The requests [from, to) of one copy, moved by Offset; every pass adds one span.</summary>
    private sealed class Run
    {
        private readonly LlmTrace _trace;
        private readonly int _from;
        private readonly int _to;
        private readonly long _offset;
        private readonly bool[]? _keep;
        private int _k;
        private long _passOffset;

        public Run(LlmTrace trace, int copy, int from, int to, long offset, bool[]? keep)
        {
            _trace = trace;
            Copy = copy;
            _from = from;
            _to = to;
            _offset = offset;
            _keep = keep;
            _k = from;
            var count = 0;
            for (var i = from; i < to; i++) if (keep is null || keep[i]) count++;
            Count = count;
            SkipDropped();
        }

        /// <summary>The copy the run belongs to.</summary>
        public int Copy { get; }

        /// <summary>Requests of the run in one pass.</summary>
        public int Count { get; }

        public bool AtPassEnd => _k >= _to;

        /// <summary>The trace index of the current request.</summary>
        public int CurrentIndex => _k;

        /// <summary>The current request's position in trace time, counting whole passes.</summary>
        public long CurrentPosition => _trace.OffsetTicks(_k) + _offset + _passOffset;

        public void Advance()
        {
            _k++;
            SkipDropped();
        }

        public void NextPass()
        {
            _k = _from;
            _passOffset += _trace.SpanTicks;
            SkipDropped();
        }

        /// <summary>Moves past the requests of the first pass before <paramref name="position"/> (the start offset).</summary>
        public void SkipBefore(long position)
        {
            while (!AtPassEnd && CurrentPosition < position) Advance();
        }

        private void SkipDropped()
        {
            while (_keep is not null && _k < _to && !_keep[_k]) _k++;
        }
    }
}
