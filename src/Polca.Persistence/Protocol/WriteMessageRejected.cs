namespace Polca.Persistence;

/// <summary>One event was refused (e.g. it cannot be serialized); the actor continues.</summary>
public sealed record WriteMessageRejected(Persistent Persistent, Exception Cause, int ActorInstanceId);
