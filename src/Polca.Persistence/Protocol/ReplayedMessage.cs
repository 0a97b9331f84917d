namespace Polca.Persistence;

/// <summary>One replayed event, still serialized (the actor deserializes it, so reading and applying run in parallel).</summary>
public sealed record ReplayedMessage(Persistent Persistent);
