using Polca.Actors;
using Polca.Datacenter.Hardware;
using Polca.Datacenter.Workloads;
using Polca.Datacenter.Workloads.Engine;

namespace Polca.Datacenter.Control;

/// <summary>What a row is built from: name, budget, servers (SKU, class of each), racks, step times, policy and settings.</summary>
public sealed record RowSetup(
    string Name,
    double BudgetW,
    ServerSku Sku,
    PerfProfile Perf,
    EngineLimits Limits,
    IReadOnlyList<RequestPriority> ServerPriorities,
    int Racks,
    ControlPolicy Policy,
    DatacenterSettings Settings,
    IActorRef Recorder);
