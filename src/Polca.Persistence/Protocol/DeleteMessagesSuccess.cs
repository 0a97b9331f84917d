namespace Polca.Persistence;

/// <summary>Events up to <paramref name="ToSequenceNr"/> are deleted.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);
