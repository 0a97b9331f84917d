namespace Polca.Persistence;

/// <summary>Deleting events failed.</summary>
public sealed record DeleteMessagesFailure(Exception Cause, long ToSequenceNr);
