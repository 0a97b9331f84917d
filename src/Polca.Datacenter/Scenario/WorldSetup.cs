using Polca.Datacenter.Control;
using Polca.Datacenter.Telemetry;
using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Scenario;

/// <summary>
/// Everything the datacenter actor builds its tree from: rows (each given the recorder once it exists), the arrivals, the
/// end of the run, the aggregator fed by the recorder, and the run's start event.
/// </summary>
public sealed record WorldSetup(
    IReadOnlyList<Func<Polca.Actors.IActorRef, RowSetup>> Rows,
    IArrivalSource Arrivals,
    long EndTicks,
    RunAggregator Aggregator,
    RunStarted Started,
    TimeSpan FlushInterval,
    RunFailure Failure,
    IReadOnlyList<Faults.FaultSpec> Faults,
    UpsSettings Ups);
