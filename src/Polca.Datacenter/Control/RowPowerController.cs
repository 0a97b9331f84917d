using Polca.Actors;
using Polca.Datacenter.Hardware;
using Polca.Datacenter.Power;
using Polca.Datacenter.Telemetry;
using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Control;

/// <summary>
/// A row: supervisor of its PDU and racks, router of its requests (join the shortest queue among powered servers of the
/// request's class), and its power controller. It sees only the PDU's readings: on each it runs the policy (POLCA caps
/// low-priority servers first, through the out-of-band path) and the power brake, and it cuts the row when the breaker trips.
/// Every decision and every second of the row goes to the recorder.
/// </summary>
public sealed class RowPowerController : UntypedActor
{
    private readonly RowSetup _setup;
    private readonly IActorRef?[] _servers;
    private readonly int[] _outstanding;
    // The row's server indexes per priority class (indexed by RequestPriority), in row order.
    private readonly int[][] _serversOfClass;
    private readonly List<IActorRef> _racks = [];
    private readonly PolcaPolicy _polca;
    private readonly PowerBrakeGuard _brake;
    private readonly List<(SubmitRequest Request, IActorRef Requester)> _early = [];
    private IActorRef _pdu = ActorRefs.Nobody;
    private int _racksReady;
    private long _sequence;
    private bool _powered = true;
    private bool _tripped;
    private bool _facilityOut;
    private double _sensedW;
    private double _lastFraction;
    private double? _lowCapMhz;
    private double? _highCapMhz;

    /// <summary>Creates the row; it builds its PDU, racks and servers on start.</summary>
    public RowPowerController(RowSetup setup)
    {
        _setup = setup;
        _servers = new IActorRef?[setup.ServerPriorities.Count];
        _outstanding = new int[_servers.Length];
        _serversOfClass = [.. Enum.GetValues<RequestPriority>().Select(p => Enumerable.Range(0, _servers.Length).Where(i => setup.ServerPriorities[i] == p).ToArray())];
        _polca = new PolcaPolicy(setup.Settings.Polca);
        _brake = new PowerBrakeGuard(setup.Settings.PowerBrake);
    }

    private long Now => Context.System.Clock.Elapsed.Ticks;

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Escalate);

    /// <inheritdoc />
    protected override void PreStart()
    {
        var s = _setup.Settings;
        var breaker = new BreakerModel(s.Breaker.TripCurve, s.Breaker.CoolingTimeConstant.TotalSeconds);
        _pdu = Context.ActorOf(Props.Create(() => new PduActor(_setup.BudgetW * s.Breaker.RatingFraction, breaker, s.Telemetry.RowPeriod)), "pdu-" + _setup.Name);
        var perRack = (_servers.Length + _setup.Racks - 1) / _setup.Racks;
        for (var rack = 0; rack < _setup.Racks; rack++)
        {
            var builders = new List<Func<IActorRef, ServerSetup>>();
            for (var slot = 0; slot < perRack; slot++)
            {
                var index = rack * perRack + slot;
                if (index >= _servers.Length) break;
                var name = $"server-{_setup.Name}{rack + 1:00}-{slot + 1}";
                var priority = _setup.ServerPriorities[index];
                builders.Add(rackRef => new ServerSetup(name, index, _setup.Sku, _setup.Perf, _setup.Limits, priority, Self, rackRef, s));
            }

            if (builders.Count == 0) break;
            var pdu = _pdu;
            _racks.Add(Context.ActorOf(Props.Create(() => new RackActor(builders, pdu)), $"rack-{_setup.Name}{rack + 1:00}"));
        }

        if (_setup.Policy == ControlPolicy.StaticCap)
        {
            _lowCapMhz = _highCapMhz = Scale(s.StaticCapClockMhz);
        }
    }

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case SubmitRequest request:
                if (_racksReady < _racks.Count) _early.Add((request, Sender));
                else Route(request, Sender);
                break;
            case ServerRequestDone done:
                _outstanding[done.ServerIndex]--;
                break;
            case PduReading reading:
                OnReading(reading);
                break;
            case RowSecond second:
                _setup.Recorder.Tell(new TimeseriesRow(second.Second, _setup.Name, second.MeanW, _sensedW, _setup.BudgetW,
                    _lowCapMhz is null ? 0 : CountServers(RequestPriority.Low), _highCapMhz is null ? 0 : CountServers(RequestPriority.High),
                    _brake.Asserted ? _servers.Length : 0), Self);
                break;
            case RackServers ready:
                foreach (var (index, server) in ready.Servers) _servers[index] = server;
                if (++_racksReady == _racks.Count) StartRouting();
                break;
            case CutPower cut when Sender.Equals(Context.Parent):
                _facilityOut = true;
                if (_powered)
                {
                    _powered = false;
                    foreach (var rack in _racks) rack.Tell(cut, Self);
                    Record(cut.Reason, _lastFraction);
                }
                break;
            case RestorePower when Sender.Equals(Context.Parent):
                _facilityOut = false;
                if (!_powered && !_tripped)
                {
                    _powered = true;
                    foreach (var rack in _racks) rack.Tell(RestorePower.Instance, Self);
                    Record("power-restored", _lastFraction);
                }
                break;
            case BreakerTripped trip:
                OnTrip(trip);
                break;
            case BreakerReset reset:
                _tripped = false;
                _pdu.Tell(reset, Self);
                if (_facilityOut) break;
                _powered = true;
                foreach (var rack in _racks) rack.Tell(RestorePower.Instance, Self);
                Record("breaker-reset", _lastFraction);
                break;
            case AuditEnergy audit:
                _pdu.Tell(audit, Self);
                foreach (var rack in _racks) rack.Tell(audit, Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void StartRouting()
    {
        if (_lowCapMhz is not null || _highCapMhz is not null) SendCaps();
        if (_setup.Policy == ControlPolicy.StaticPowerLimit)
        {
            var watts = _setup.Sku.Gpu.TdpW * _setup.Settings.StaticPowerLimitFraction;
            var seq = ++_sequence;
            foreach (var server in _servers) server?.Tell(new ApplyPowerLimit(watts, seq), Self);
        }

        foreach (var (request, requester) in _early) Route(request, requester);
        _early.Clear();
    }

    private void Route(SubmitRequest request, IActorRef requester)
    {
        var best = -1;
        if (_powered)
        {
            foreach (var i in _serversOfClass[(int)request.Priority])
            {
                if (best < 0 || _outstanding[i] < _outstanding[best]) best = i;
            }
        }

        if (best < 0)
        {
            requester.Tell(new RequestFailed(Now, _powered ? "no-server" : _tripped ? "breaker-trip" : "power-outage"), Self);
            return;
        }

        _outstanding[best]++;
        _servers[best]!.Tell(new EnqueueRequest(request, requester), Self);
    }

    private void OnReading(PduReading reading)
    {
        _sensedW = reading.Watts;
        var fraction = reading.Watts / _setup.BudgetW;
        _lastFraction = fraction;
        if (!_powered) return;
        if (_brake.Observe(fraction, reading.AtTicks))
        {
            var seq = ++_sequence;
            foreach (var server in _servers) server?.Tell(new ApplyPowerBrake(_brake.Asserted, seq), Self);
            Record(_brake.Asserted ? "brake-on" : "brake-off", fraction);
        }

        if (_setup.Policy == ControlPolicy.Polca && _polca.Observe(fraction, reading.AtTicks))
        {
            var p = _setup.Settings.Polca;
            _lowCapMhz = _polca.Low switch
            {
                CapLevel.T1 => Scale(p.LowPriorityT1ClockMhz),
                CapLevel.T2 => Scale(p.LowPriorityT2ClockMhz),
                _ => null,
            };
            _highCapMhz = _polca.High ? Scale(p.HighPriorityT2ClockMhz) : null;
            SendCaps();
            Record("caps", fraction);
        }
    }

    private void SendCaps()
    {
        var seq = ++_sequence;
        for (var i = 0; i < _servers.Length; i++)
        {
            var cap = _setup.ServerPriorities[i] == RequestPriority.Low ? _lowCapMhz : _highCapMhz;
            _servers[i]?.Tell(new ApplyClockCap(cap, seq), Self);
        }
    }

    private void OnTrip(BreakerTripped trip)
    {
        if (_tripped) return;
        _tripped = true;
        _powered = false;
        foreach (var rack in _racks) rack.Tell(new CutPower("breaker-trip"), Self);
        Record("breaker-trip", trip.LoadMultiple * _setup.Settings.Breaker.RatingFraction);
        if (_setup.Settings.Breaker.ResetAfter > TimeSpan.Zero)
            Context.System.Scheduler.ScheduleTellOnce(_setup.Settings.Breaker.ResetAfter, Self, new BreakerReset(Now), Self);
    }

    private void Record(string kind, double fraction) =>
        _setup.Recorder.Tell(new ControlDecision(Now, _setup.Name, kind, fraction, _lowCapMhz, _highCapMhz,
            _lowCapMhz is null ? 0 : CountServers(RequestPriority.Low), _highCapMhz is null ? 0 : CountServers(RequestPriority.High), _brake.Asserted), Self);

    private int CountServers(RequestPriority priority) => _serversOfClass[(int)priority].Length;

    // POLCA's clocks are A100 values; other GPUs scale them by their clock range (MODELS 1.5).
    private double Scale(double referenceMhz) => referenceMhz * _setup.Sku.Gpu.ClockMaxMhz / _setup.Settings.Polca.ReferenceMaxClockMhz;
}
