using Polca.Actors;
using Polca.Datacenter.Workloads;
using Polca.Datacenter.Workloads.Engine;

namespace Polca.Datacenter.Hardware;

/// <summary>What a server actor is built from: its place in the row, hardware, model step times, class and the run's settings.</summary>
public sealed record ServerSetup(
    string Name,
    int Index,
    ServerSku Sku,
    PerfProfile Perf,
    EngineLimits Limits,
    RequestPriority Priority,
    IActorRef Row,
    IActorRef Rack,
    DatacenterSettings Settings);
