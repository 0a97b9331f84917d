namespace Polca.Persistence;

/// <summary>One event could not be written because its batch failed; the actor stops.</summary>
public sealed record WriteMessageFailure(Persistent Persistent, Exception Cause, int ActorInstanceId);
