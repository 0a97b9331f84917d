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
    private readonly List<EngineRequest> _running = [];
    private readonly List<EngineRequest> _prefillBatch = [];
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

    /// <summary>Requests queued or running.</summary>
    public int Outstanding => _waiting.Count + _running.Count + _prefillBatch.Count;

    /// <summary>Requests in the decode batch.</summary>
    public int Running => _running.Count;

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
        all.AddRange(_running);
        all.AddRange(_waiting);
        _prefillBatch.Clear();
        _running.Clear();
        _waiting.Clear();
        _kvUsed = 0;
        NextWakeTicks = long.MaxValue;
        SetPhase(GpuPhase.Idle, 0, now);
        return all;
    }

    private bool CanAdmit(EngineRequest request) =>
        _running.Count + _prefillBatch.Count < _limits.MaxBatch && _kvUsed + request.KvTokens <= _limits.KvCapacityTokens;

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
        else if (_running.Count > 0)
        {
            var clock = _clockFor(GpuPhase.Decode);
            _stepTicks = Ticks(_perf.DecodeStepMs(_running.Count) * GpuPowerModel.Slowdown(_gpu, GpuPhase.Decode, clock));
            var fewest = int.MaxValue;
            foreach (var request in _running) fewest = Math.Min(fewest, request.OutputTokens - request.Generated);
            _iterationStart = now;
            NextWakeTicks = now + fewest * _stepTicks;
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
            else _running.Add(request);
        }

        _prefillBatch.Clear();
    }

    private void FinishDecode(long boundary)
    {
        var steps = (int)((boundary - _iterationStart) / _stepTicks);
        if (steps <= 0) return;
        var kept = 0;
        for (var i = 0; i < _running.Count; i++)
        {
            var request = _running[i];
            var remaining = request.OutputTokens - request.Generated;
            var made = Math.Min(steps, remaining);
            var firstGap = _iterationStart + _stepTicks - request.LastTokenTicks;
            request.MaxGapTicks = Math.Max(request.MaxGapTicks, made > 1 ? Math.Max(firstGap, _stepTicks) : firstGap);
            request.Generated += made;
            request.LastTokenTicks = _iterationStart + made * _stepTicks;
            if (request.Generated >= request.OutputTokens) Complete(request, request.LastTokenTicks);
            else _running[kept++] = request;
        }

        _running.RemoveRange(kept, _running.Count - kept);
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
