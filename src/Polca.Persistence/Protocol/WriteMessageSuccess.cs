namespace Polca.Persistence;

/// <summary>One event is durable.</summary>
public sealed record WriteMessageSuccess(Persistent Persistent, int ActorInstanceId);
