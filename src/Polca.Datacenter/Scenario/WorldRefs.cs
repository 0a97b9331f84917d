using Polca.Actors;

namespace Polca.Datacenter.Scenario;

/// <summary>The datacenter's recorder, load generator and rows.</summary>
public sealed record WorldRefs(IActorRef Recorder, IActorRef Load, IReadOnlyList<IActorRef> Rows);
