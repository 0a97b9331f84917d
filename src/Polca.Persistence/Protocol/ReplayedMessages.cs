namespace Polca.Persistence;

/// <summary>A chunk of replayed events in sequence order, still serialized (the recovering actor deserializes them).</summary>
public sealed record ReplayedMessages(IReadOnlyList<Persistent> Events);
