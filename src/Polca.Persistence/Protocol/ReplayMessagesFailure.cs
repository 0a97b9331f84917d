namespace Polca.Persistence;

/// <summary>Replay failed.</summary>
public sealed record ReplayMessagesFailure(Exception Cause);
