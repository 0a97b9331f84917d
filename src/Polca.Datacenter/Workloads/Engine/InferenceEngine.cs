using Polca.Datacenter.Hardware;

namespace Polca.Datacenter.Workloads.Engine;

/// <summary>
/// Iteration-level continuous batching on one model instance. Waiting prompts go first: a prefill iteration takes queued
/// requests in arrival order up to the prompt-token limit (at least one), provided the KV cache can hold their prompts and
/// outputs; otherwise the running batch decodes one token per request per step. Step times come from the profiling table,
/// stretched by the clock. Decode steps are not simulated one by one: a run of equal steps is planned up to the next
/// completion and cut at the next step boundary when something changes (a new request or clock), so the server wakes only
/// at events that change power or a request's fate.
/// </summary>
public sealed class InferenceEngine
{
    private const long TicksPerMs = TimeSpan.TicksPerMillisecond;
    private readonly PerfProfile _perf;
    private readonly EngineLimits _limits;
    private readonly GpuSku _gpu;
    private readonly Func<GpuPhase, double> _clockFor;
    private readonly IEngineListener _listener;
    private readonly Queue<EngineRequest> _waiting = new();
    // The decode batch, by the engine-wide decode step at which each request has its last token: the next completion is
    // the head, so a run of steps costs nothing per running request.
    private readonly PriorityQueue<EngineRequest, (long DoneAtStep, long Id)> _running = new();
    // Requests whose prefill finished and that decode from the next decode run on.
    private readonly List<EngineRequest> _joining = [];
    private readonly List<EngineRequest> _prefillBatch = [];
    // Longest token gap of every decode run (its step plus the stall before it), kept as a stack decreasing in gap: the
    // longest gap over the runs since a request joined is the first entry from its joining run on.
    private readonly List<(long Run, long Gap)> _runGaps = [];
    private long _steps;
    private long _stepsAtRunStart;
    private long _run;
    private long _lastDecodeEnd = -1;
    private long _kvUsed;
    private long _iterationStart;
    private long _iterationEnd;
    private long _stepTicks;

    /// <summary>Creates an idle engine; <paramref name="clockFor"/> gives the clock the GPUs would run a phase at now.</summary>
    public InferenceEngine(PerfProfile perf, EngineLimits limits, GpuSku gpu, Func<GpuPhase, double> clockFor, IEngineListener listener)
    {
        _perf = perf;
        _limits = limits;
        _gpu = gpu;
        _clockFor = clockFor;
        _listener = listener;
    }

    /// <summary>What the engine is doing.</summary>
    public GpuPhase Phase { get; private set; } = GpuPhase.Idle;

    /// <summary>The clock of the current iteration, MHz.</summary>
    public double ClockMhz { get; private set; }

    /// <summary>When the engine must be woken next (elapsed ticks), or <see cref="long.MaxValue"/> when idle.</summary>
    public long NextWakeTicks { get; private set; } = long.MaxValue;

    /// <summary>Decode steps the engine has run, over all its decode runs.</summary>
    public long DecodeSteps => _steps;

    /// <summary>When the engine's last decode step ended (elapsed ticks), −1 before any.</summary>
    public long LastDecodeEnd => _lastDecodeEnd;

    /// <summary>Requests queued or running.</summary>
    public int Outstanding => _waiting.Count + _running.Count + _joining.Count + _prefillBatch.Count;

    /// <summary>Requests in the decode batch.</summary>
    public int Running => _running.Count + _joining.Count;

    /// <summary>True when <paramref name="request"/> could ever fit in the KV cache.</summary>
    public bool CanEverFit(EngineRequest request) => request.KvTokens <= _limits.KvCapacityTokens;

    /// <summary>Queues a request at <paramref name="now"/>; an idle engine starts it, a decoding one re-plans at its next step boundary.</summary>
    public void Submit(EngineRequest request, long now)
    {
        _waiting.Enqueue(request);
        if (Phase == GpuPhase.Idle) StartNext(now);
        else if (Phase == GpuPhase.Decode && CanAdmit(request)) CutAtNextBoundary(now);
    }

    /// <summary>The GPUs' clocks changed: the next iteration runs at the new clock (a decode run is cut at its next boundary).</summary>
    public void ClockChanged(long now)
    {
        if (Phase == GpuPhase.Decode) CutAtNextBoundary(now);
    }

    /// <summary>Advances to <paramref name="now"/> (at or after <see cref="NextWakeTicks"/>): finishes the iteration or run due, and starts the next.</summary>
    public void Wake(long now)
    {
        if (now < NextWakeTicks) return;
        var boundary = NextWakeTicks;
        if (Phase == GpuPhase.Prefill) FinishPrefill(boundary);
        else if (Phase == GpuPhase.Decode) FinishDecode(boundary);
        StartNext(boundary);
    }

    /// <summary>Drops every request (a power cut) and goes idle; returns them, queued and running, for the caller to fail.</summary>
    public List<EngineRequest> Abort(long now)
    {
        var all = new List<EngineRequest>(_prefillBatch);
        foreach (var (request, _) in _running.UnorderedItems)
        {
            request.Generated = request.Generated;
            request.LastTokenTicks = request.LastTokenTicks;
            request.Decoding = null;
        }

        all.AddRange(_running.UnorderedItems.Select(item => item.Element).OrderBy(r => r.Id));
        all.AddRange(_joining);
        all.AddRange(_waiting);
        _prefillBatch.Clear();
        _running.Clear();
        _joining.Clear();
        _waiting.Clear();
        _runGaps.Clear();
        _lastDecodeEnd = -1;
        _kvUsed = 0;
        NextWakeTicks = long.MaxValue;
        SetPhase(GpuPhase.Idle, 0, now);
        return all;
    }

    private bool CanAdmit(EngineRequest request) =>
        Running + _prefillBatch.Count < _limits.MaxBatch && _kvUsed + request.KvTokens <= _limits.KvCapacityTokens;

    private void CutAtNextBoundary(long now)
    {
        var steps = (now - _iterationStart + _stepTicks - 1) / _stepTicks;
        var boundary = _iterationStart + steps * _stepTicks;
        if (boundary < NextWakeTicks) NextWakeTicks = boundary;
    }

    private void StartNext(long now)
    {
        if (_waiting.Count > 0 && CanAdmit(_waiting.Peek()))
        {
            var tokens = 0;
            var start = now;
            while (_waiting.Count > 0 && CanAdmit(_waiting.Peek()) && (tokens == 0 || tokens + _waiting.Peek().PromptTokens <= _limits.MaxPrefillTokens))
            {
                var request = _waiting.Dequeue();
                tokens += request.PromptTokens;
                _kvUsed += request.KvTokens;
                _prefillBatch.Add(request);
                // On a paced clock a wake-up can be handled late, after a request that arrived later than the step boundary
                // it processes: its prefill cannot start before it arrived.
                start = Math.Max(start, request.ArrivedTicks);
            }

            now = start;

            var clock = _clockFor(GpuPhase.Prefill);
            var duration = Ticks(_perf.PrefillMs(tokens) * GpuPowerModel.Slowdown(_gpu, GpuPhase.Prefill, clock));
            _iterationStart = now;
            _iterationEnd = now + duration;
            NextWakeTicks = _iterationEnd;
            SetPhase(GpuPhase.Prefill, clock, now);
        }
        else if (Running > 0)
        {
            var clock = _clockFor(GpuPhase.Decode);
            _stepTicks = Ticks(_perf.DecodeStepMs(Running) * GpuPowerModel.Slowdown(_gpu, GpuPhase.Decode, clock));
            _run++;
            // Requests already decoding waited since their last token (the end of the last decode run) for this run's first.
            if (_running.Count > 0) PushRunGap(now - _lastDecodeEnd + _stepTicks);
            foreach (var request in _joining)
            {
                request.JoinedRun = _run;
                request.MaxGapTicks = now + _stepTicks - request.FirstTokenTicks;
                request.DoneAtStep = _steps + request.OutputTokens - 1;
                request.JoinedAtStep = _steps;
                request.Decoding = this;
                _running.Enqueue(request, (request.DoneAtStep, request.Id));
            }

            _joining.Clear();
            _iterationStart = now;
            _stepsAtRunStart = _steps;
            _running.TryPeek(out _, out var head);
            NextWakeTicks = now + (head.DoneAtStep - _steps) * _stepTicks;
            SetPhase(GpuPhase.Decode, clock, now);
        }
        else
        {
            NextWakeTicks = long.MaxValue;
            SetPhase(GpuPhase.Idle, 0, now);
        }
    }

    private void FinishPrefill(long end)
    {
        foreach (var request in _prefillBatch)
        {
            request.Generated = 1;
            request.FirstTokenTicks = end;
            request.LastTokenTicks = end;
            _listener.OnFirstToken(request, end);
            if (request.OutputTokens <= 1) Complete(request, end);
            else _joining.Add(request);
        }

        _prefillBatch.Clear();
    }

    private void FinishDecode(long boundary)
    {
        var steps = (boundary - _iterationStart) / _stepTicks;
        if (steps <= 0) return;
        _steps += steps;
        _lastDecodeEnd = _iterationStart + steps * _stepTicks;
        while (_running.TryPeek(out var request, out var key) && key.DoneAtStep <= _steps)
        {
            _running.Dequeue();
            var at = _iterationStart + (key.DoneAtStep - _stepsAtRunStart) * _stepTicks;
            request.Decoding = null;
            request.Generated = request.OutputTokens;
            request.LastTokenTicks = at;
            request.MaxGapTicks = Math.Max(request.MaxGapTicks, LongestGapSince(request.JoinedRun + 1));
            Complete(request, at);
        }
    }

    // A run's gap (its step, plus the stall before it for requests already decoding); earlier runs with a shorter gap can
    // never be the longest for anyone who saw this run too.
    private void PushRunGap(long gap)
    {
        while (_runGaps.Count > 0 && _runGaps[^1].Gap <= gap) _runGaps.RemoveAt(_runGaps.Count - 1);
        _runGaps.Add((_run, gap));
        if (_runGaps.Count > 4096)
        {
            // Runs before every running request joined can no longer be asked about.
            var oldest = _running.UnorderedItems.Min(item => item.Element.JoinedRun);
            _runGaps.RemoveAll(entry => entry.Run <= oldest);
        }
    }

    // The longest gap over the runs from fromRun to now (0 when none): the first stack entry at or after fromRun.
    private long LongestGapSince(long fromRun)
    {
        int lo = 0, hi = _runGaps.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_runGaps[mid].Run < fromRun) lo = mid + 1;
            else hi = mid;
        }

        return lo < _runGaps.Count ? _runGaps[lo].Gap : 0;
    }

    private void Complete(EngineRequest request, long at)
    {
        _kvUsed -= request.KvTokens;
        _listener.OnCompleted(request, at);
    }

    private void SetPhase(GpuPhase phase, double clock, long now)
    {
        if (phase == Phase && clock == ClockMhz) return;
        Phase = phase;
        ClockMhz = clock;
        _listener.OnPhaseChanged(phase, clock, now);
    }

    private static long Ticks(double ms) => Math.Max(1, (long)Math.Round(ms * TicksPerMs));
}
