using Polca.Actors;
using Polca.Datacenter.Power;
using Polca.Datacenter.Telemetry;
using Polca.Datacenter.Workloads;
using Polca.Datacenter.Workloads.Engine;

namespace Polca.Datacenter.Hardware;

/// <summary>
/// An inference server: its GPUs (children gpu-0..n), an inference engine with continuous batching, a BMC that applies
/// out-of-band clock caps and the power brake after their delays, and exact power accounting: it tells its rack of every
/// change of its power (phase, clock, power cut), never on a tick.
/// </summary>
public sealed class ServerActor : UntypedActor, IEngineListener
{
    private readonly ServerSetup _setup;
    private readonly GpuSku _gpu;
    private readonly InferenceEngine _engine;
    private readonly IActorRef[] _gpus;
    private readonly double?[] _locks;
    private readonly double[] _limits;
    private readonly bool[] _brakes;
    private readonly SampledPowerSensor _sensor;
    private readonly Random _oobRandom;
    private long _lastCapSequence = -1;
    private long _lastBrakeSequence = -1;
    private long _lastLimitSequence = -1;
    private bool _powered = true;
    private long _gpuMw;
    private long _hostMw;
    private long _lastTicks;
    private Int128 _gpuEnergy;
    private Int128 _hostEnergy;
    private ICancelable? _wake;
    private long _wakeAt = long.MaxValue;

    /// <summary>Creates the server; its GPUs start unlocked and idle.</summary>
    public ServerActor(ServerSetup setup)
    {
        _setup = setup;
        _gpu = setup.Sku.Gpu;
        var n = setup.Sku.Gpus;
        _gpus = new IActorRef[n];
        _locks = new double?[n];
        _limits = new double[n];
        _brakes = new bool[n];
        Array.Fill(_limits, _gpu.PowerLimitMaxW);
        _engine = new InferenceEngine(setup.Perf, setup.Limits, _gpu, ClockFor, this);
        _sensor = new SampledPowerSensor(setup.Settings.Telemetry.GpuPeriod.Ticks, setup.Settings.Telemetry.GpuWindow.Ticks);
        _oobRandom = Context.System.CreateRandom("oob/" + setup.Name);
    }

    private long Now => Context.System.Clock.Elapsed.Ticks;

    /// <inheritdoc />
    protected override void PreStart()
    {
        for (var i = 0; i < _gpus.Length; i++)
        {
            var index = i;
            _gpus[i] = Context.ActorOf(Props.Create(() => new GpuActor(_gpu, index)), "gpu-" + index);
        }

        _lastTicks = Now;
        SetPower(GpuPowerModel.PowerW(_gpu, GpuPhase.Idle, 0), Now);
    }

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case EnqueueRequest enqueue:
                Enqueue(enqueue);
                break;
            case EngineWake:
                _wakeAt = long.MaxValue;
                _wake = null;
                _engine.Wake(Now);
                ScheduleWake();
                break;
            case ApplyClockCap cap:
                Context.System.Scheduler.ScheduleTellOnce(OobDelay(), Self, new BmcCommandDue(cap), Self);
                break;
            case ApplyPowerLimit limit:
                Context.System.Scheduler.ScheduleTellOnce(OobDelay(), Self, new BmcCommandDue(limit), Self);
                break;
            case ApplyPowerBrake brake:
                Context.System.Scheduler.ScheduleTellOnce(_setup.Settings.Actuation.BrakeDelay, Self, new BmcCommandDue(brake), Self);
                break;
            case BmcCommandDue due:
                ApplyBmcCommand(due.Command);
                break;
            case GpuSettingsChanged changed:
                _locks[changed.Index] = changed.ClockLockMhz;
                _limits[changed.Index] = changed.PowerLimitW;
                _brakes[changed.Index] = changed.Brake;
                if (_powered)
                {
                    _engine.ClockChanged(Now);
                    ScheduleWake();
                }
                break;
            case CutPower cut:
                Cut(cut.Reason);
                break;
            case RestorePower:
                if (!_powered)
                {
                    _powered = true;
                    SetPower(GpuPowerModel.PowerW(_gpu, GpuPhase.Idle, 0), Now);
                }
                break;
            case GetServerStatus:
                Sender.Tell(Status(), Self);
                break;
            case AuditEnergy audit:
                Audit(audit.ReplyTo);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <inheritdoc />
    public void OnFirstToken(EngineRequest request, long atTicks) => request.Requester.Tell(new FirstToken(atTicks), Self);

    /// <inheritdoc />
    public void OnCompleted(EngineRequest request, long atTicks)
    {
        request.Requester.Tell(new RequestCompleted(atTicks, request.Generated, request.MaxGapTicks, _setup.Name), Self);
        _setup.Row.Tell(new ServerRequestDone(_setup.Index), Self);
    }

    /// <inheritdoc />
    public void OnPhaseChanged(GpuPhase phase, double clockMhz, long atTicks)
    {
        if (_powered) SetPower(GpuPowerModel.PowerW(_gpu, phase, clockMhz), atTicks);
    }

    private void Enqueue(EnqueueRequest enqueue)
    {
        var r = enqueue.Request;
        var request = new EngineRequest(r.Id, r.PromptTokens, r.OutputTokens, r.Priority, enqueue.Requester, r.ArrivedTicks);
        if (!_powered || !_engine.CanEverFit(request))
        {
            enqueue.Requester.Tell(new RequestFailed(Now, _powered ? "too-large" : "no-power"), Self);
            _setup.Row.Tell(new ServerRequestDone(_setup.Index), Self);
            return;
        }

        _engine.Submit(request, Now);
        ScheduleWake();
    }

    private void ScheduleWake()
    {
        var next = _engine.NextWakeTicks;
        if (next == _wakeAt) return;
        _wake?.Cancel();
        _wakeAt = next;
        _wake = next == long.MaxValue ? null
            : Context.System.Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromTicks(Math.Max(0, next - Now)), Self, EngineWake.Instance, Self);
    }

    private TimeSpan OobDelay()
    {
        var a = _setup.Settings.Actuation;
        return a.OobDelayMin + TimeSpan.FromTicks((long)(_oobRandom.NextDouble() * (a.OobDelayMax - a.OobDelayMin).Ticks));
    }

    private void ApplyBmcCommand(object command)
    {
        switch (command)
        {
            case ApplyClockCap cap when cap.Sequence > _lastCapSequence:
                _lastCapSequence = cap.Sequence;
                foreach (var gpu in _gpus) gpu.Tell(new SetClockLock(cap.Mhz), Self);
                break;
            case ApplyPowerLimit limit when limit.Sequence > _lastLimitSequence:
                _lastLimitSequence = limit.Sequence;
                foreach (var gpu in _gpus) gpu.Tell(new SetPowerLimit(limit.Watts), Self);
                break;
            case ApplyPowerBrake brake when brake.Sequence > _lastBrakeSequence:
                _lastBrakeSequence = brake.Sequence;
                foreach (var gpu in _gpus) gpu.Tell(new SetPowerBrake(brake.On), Self);
                break;
        }
    }

    // The clock the GPUs run a phase at: tensor-parallel GPUs step together, so the slowest GPU sets it.
    private double ClockFor(GpuPhase phase)
    {
        var clock = _gpu.ClockMaxMhz;
        for (var i = 0; i < _gpus.Length; i++) clock = Math.Min(clock, AllowedClock(i, phase));
        return clock;
    }

    private double AllowedClock(int gpu, GpuPhase phase)
    {
        if (_brakes[gpu]) return _gpu.BrakeClockMhz;
        var clock = _locks[gpu] ?? _gpu.ClockMaxMhz;
        return Math.Min(clock, GpuPowerModel.ClockForPowerLimit(_gpu, phase, _limits[gpu]));
    }

    private void Cut(string reason)
    {
        if (!_powered) return;
        var now = Now;
        foreach (var request in _engine.Abort(now))
        {
            request.Requester.Tell(new RequestFailed(now, reason), Self);
            _setup.Row.Tell(new ServerRequestDone(_setup.Index), Self);
        }

        ScheduleWake();
        _powered = false;
        SetPowerMw(0, 0, now);
    }

    private void SetPower(double gpuW, long at)
    {
        var gpuMw = (long)Math.Round(gpuW * 1000);
        var hostMw = (long)Math.Round(GpuPowerModel.HostPowerW(_setup.Sku, gpuW * _gpus.Length) * 1000);
        SetPowerMw(gpuMw, hostMw, at);
    }

    private void SetPowerMw(long gpuMw, long hostMw, long at)
    {
        Integrate(at);
        var before = _gpuMw * _gpus.Length + _hostMw;
        _gpuMw = gpuMw;
        _hostMw = hostMw;
        _sensor.Record(at, gpuMw);
        var delta = _gpuMw * _gpus.Length + _hostMw - before;
        if (delta != 0) _setup.Rack.Tell(new PowerChanged(delta, at), Self);
    }

    private void Integrate(long at)
    {
        if (at <= _lastTicks) return;
        var span = at - _lastTicks;
        _gpuEnergy += (Int128)_gpuMw * span;
        _hostEnergy += (Int128)_hostMw * span;
        _lastTicks = at;
    }

    private ServerStatus Status()
    {
        var now = Now;
        var sensed = new double[_gpus.Length];
        var throttle = new ThrottleReasons[_gpus.Length];
        for (var i = 0; i < _gpus.Length; i++)
        {
            sensed[i] = _sensor.Read(now, i * _setup.Settings.Telemetry.GpuPeriod.Ticks / _gpus.Length) / 1000.0;
            var reasons = ThrottleReasons.None;
            if (_engine.Phase == GpuPhase.Idle) reasons |= ThrottleReasons.GpuIdle;
            if (_brakes[i]) reasons |= ThrottleReasons.HwPowerBrakeSlowdown;
            if (_locks[i] is { } l && l < _gpu.ClockMaxMhz) reasons |= ThrottleReasons.ApplicationsClocksSetting;
            if (_engine.Phase != GpuPhase.Idle && GpuPowerModel.ClockForPowerLimit(_gpu, _engine.Phase, _limits[i]) < (_locks[i] ?? _gpu.ClockMaxMhz))
                reasons |= ThrottleReasons.SwPowerCap;
            throttle[i] = reasons;
        }

        return new ServerStatus(_setup.Name, _powered, _engine.Phase, _engine.ClockMhz, _gpuMw / 1000.0, _hostMw / 1000.0, sensed, throttle,
            (double?[])_locks.Clone(), _engine.Outstanding);
    }

    private void Audit(IActorRef replyTo)
    {
        var now = Now;
        Integrate(now);
        var path = Self.Path.ToString();
        for (var i = 0; i < _gpus.Length; i++) replyTo.Tell(new EnergyAuditEntry(_gpus[i].Path.ToString(), "gpu", path, _gpuEnergy, now));
        replyTo.Tell(new EnergyAuditEntry(path + "/host", "host", path, _hostEnergy, now));
        replyTo.Tell(new EnergyAuditEntry(path, "server", _setup.Rack.Path.ToString(), _gpuEnergy * _gpus.Length + _hostEnergy, now));
    }
}
