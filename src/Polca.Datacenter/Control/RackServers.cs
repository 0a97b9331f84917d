using Polca.Actors;

namespace Polca.Datacenter.Control;

/// <summary>A rack tells its row the servers it created, by their index in the row.</summary>
public sealed record RackServers(IReadOnlyList<(int Index, IActorRef Server)> Servers);
