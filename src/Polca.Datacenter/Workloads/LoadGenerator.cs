using Polca.Actors;

namespace Polca.Datacenter.Workloads;

/// <summary>
/// Turns the workload's arrivals into request actors (its children) at their emulated arrival times, each sent to a row
/// chosen in proportion to the row's servers of the request's class. It tallies arrivals for the recorder every second.
/// </summary>
public sealed class LoadGenerator : UntypedActor
{
    private readonly IArrivalSource _source;
    private readonly IActorRef[] _rows;
    // Running totals of the rows' servers per class: row i takes the picks in [cumulative[i - 1], cumulative[i]).
    private readonly int[] _cumulativeHigh;
    private readonly int[] _cumulativeLow;
    private readonly IActorRef _recorder;
    private readonly long _endTicks;
    private readonly Random _routing;
    private ArrivalSpec _next;
    private bool _hasNext;
    private long _nextId;
    private long _tallyHigh;
    private long _tallyLow;
    private long _tallySecond;

    /// <summary>Creates the generator; arrivals at or after <paramref name="endTicks"/> are not emitted.</summary>
    public LoadGenerator(IArrivalSource source, IReadOnlyList<(IActorRef Row, int High, int Low)> rows, IActorRef recorder, long endTicks, Random routing)
    {
        _source = source;
        _rows = rows.Select(r => r.Row).ToArray();
        _cumulativeHigh = Cumulative(rows.Select(r => r.High));
        _cumulativeLow = Cumulative(rows.Select(r => r.Low));
        _recorder = recorder;
        _endTicks = endTicks;
        _routing = routing;
    }

    private long Now => Context.System.Clock.Elapsed.Ticks;

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Escalate);

    /// <inheritdoc />
    protected override void PreStart()
    {
        _hasNext = _source.TryNext(out _next);
        ScheduleNext();
    }

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ArrivalsDue:
                Emit();
                break;
            case CountRequestsInFlight:
                Sender.Tell((long)Context.GetChildren().Count(), Self);
                break;
            case FlushArrivals:
                Tally();
                Sender.Tell(FlushArrivals.Instance, Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Emit()
    {
        var now = Now;
        if (now / TimeSpan.TicksPerSecond != _tallySecond) Tally();
        while (_hasNext && _next.ArrivalTicks <= now && _next.ArrivalTicks < _endTicks)
        {
            var arrival = _next;
            var request = new SubmitRequest(_nextId++, arrival.PromptTokens, arrival.OutputTokens, arrival.Priority, arrival.Stream, arrival.ArrivalTicks);
            if (arrival.Priority == RequestPriority.High) _tallyHigh++;
            else _tallyLow++;
            var row = PickRow(arrival.Priority);
            var recorder = _recorder;
            Context.ActorOf(Props.Create(() => new RequestActor(request, row, recorder)));
            _hasNext = _source.TryNext(out _next);
        }

        ScheduleNext();
    }

    private IActorRef PickRow(RequestPriority priority)
    {
        var cumulative = priority == RequestPriority.High ? _cumulativeHigh : _cumulativeLow;
        var total = cumulative[^1];
        if (total == 0 || _rows.Length == 1) return _rows[0];
        // The first row whose running total exceeds the pick (rows with no server of the class are never chosen).
        var pick = _routing.Next(total);
        int low = 0, high = cumulative.Length - 1;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (cumulative[middle] > pick) high = middle;
            else low = middle + 1;
        }

        return _rows[low];
    }

    private static int[] Cumulative(IEnumerable<int> counts)
    {
        var sum = 0;
        return counts.Select(count => sum += count).ToArray();
    }

    private void ScheduleNext()
    {
        if (!_hasNext || _next.ArrivalTicks >= _endTicks) return;
        Context.System.Scheduler.ScheduleTellOnce(TimeSpan.FromTicks(Math.Max(0, _next.ArrivalTicks - Now)), Self, ArrivalsDue.Instance, Self);
    }

    private void Tally()
    {
        _tallySecond = Now / TimeSpan.TicksPerSecond;
        if (_tallyHigh == 0 && _tallyLow == 0) return;
        _recorder.Tell(new ArrivalsTally(_tallyHigh, _tallyLow), Self);
        _tallyHigh = _tallyLow = 0;
    }

    private sealed class ArrivalsDue
    {
        public static ArrivalsDue Instance { get; } = new();
    }
}
