using Polca.Actors;
using Polca.Datacenter.Control;
using Polca.Datacenter.Power;
using Polca.Datacenter.Telemetry;
using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Scenario;

/// <summary>
/// The facility (/user/datacenter): it builds the telemetry recorder, the rows and the load generator, and stops the
/// emulation on any failure below it rather than hiding it: the failure is kept for the runner to report. Its energy is
/// its rows' (each row PDU keeps its exact sum).
/// </summary>
public sealed class DatacenterActor : UntypedActor
{
    private readonly WorldSetup _setup;
    private readonly List<IActorRef> _rows = [];
    private IActorRef _recorder = ActorRefs.Nobody;
    private IActorRef _load = ActorRefs.Nobody;
    private UpsState _ups = UpsState.Utility;

    /// <summary>Creates the facility; it builds its tree on start.</summary>
    public DatacenterActor(WorldSetup setup) => _setup = setup;

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        _setup.Failure.Record(e);
        return Directive.Stop;
    });

    /// <inheritdoc />
    protected override void PreStart()
    {
        var aggregator = _setup.Aggregator;
        var interval = _setup.FlushInterval;
        _recorder = Context.ActorOf(Props.Create(() => new RunRecorder(aggregator, interval)), "telemetry");
        _recorder.Tell(_setup.Started, Self);
        var rowRefs = new List<(IActorRef, int, int)>();
        foreach (var build in _setup.Rows)
        {
            var row = build(_recorder);
            var high = row.ServerPriorities.Count(p => p == RequestPriority.High);
            var actor = Context.ActorOf(Props.Create(() => new RowPowerController(row)), "row-" + row.Name);
            _rows.Add(actor);
            rowRefs.Add((actor, high, row.ServerPriorities.Count - high));
        }

        var source = _setup.Arrivals;
        var end = _setup.EndTicks;
        var recorder = _recorder;
        var routing = Context.System.CreateRandom("routing");
        _load = Context.ActorOf(Props.Create(() => new LoadGenerator(source, rowRefs, recorder, end, routing)), "load");
        for (var i = 0; i < _setup.Faults.Count; i++)
            Context.System.Scheduler.ScheduleTellOnce(_setup.Faults[i].At, Self, new UpsEvent("feed-loss", i), Self);
    }

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case AuditEnergy audit:
                foreach (var row in _rows) row.Tell(audit, Self);
                break;
            case UpsEvent ups:
                OnUpsEvent(ups);
                break;
            case GetWorldRefs:
                Sender.Tell(new WorldRefs(_recorder, _load, _rows), Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    // The UPS (MODELS 1.4, 6.5): after a feed loss it carries the load for its ride-through; generators take over after
    // their start time. If they start later than the ride-through lasts, the rows lose power in between.
    private void OnUpsEvent(UpsEvent e)
    {
        var ups = _setup.Ups;
        var scheduler = Context.System.Scheduler;
        switch (e.Kind)
        {
            case "feed-loss" when _ups == UpsState.Utility:
                _ups = UpsState.Battery;
                scheduler.ScheduleTellOnce(ups.RideThrough, Self, new UpsEvent("ride-through-over", e.Fault), Self);
                scheduler.ScheduleTellOnce(ups.GeneratorStart, Self, new UpsEvent("generator-on", e.Fault), Self);
                scheduler.ScheduleTellOnce(_setup.Faults[e.Fault].Duration, Self, new UpsEvent("feed-restored", e.Fault), Self);
                break;
            case "ride-through-over" when _ups == UpsState.Battery:
                _ups = UpsState.Outage;
                foreach (var row in _rows) row.Tell(new CutPower("power-outage"), Self);
                break;
            case "generator-on" when _ups is UpsState.Battery or UpsState.Outage:
                if (_ups == UpsState.Outage) foreach (var row in _rows) row.Tell(RestorePower.Instance, Self);
                _ups = UpsState.Generator;
                break;
            case "feed-restored" when _ups != UpsState.Utility:
                if (_ups == UpsState.Outage) foreach (var row in _rows) row.Tell(RestorePower.Instance, Self);
                _ups = UpsState.Utility;
                break;
            default:
                return;
        }

        _recorder.Tell(new ControlDecision(Context.System.Clock.Elapsed.Ticks, "facility", e.Kind, 0, null, null, 0, 0, false), Self);
    }
}
