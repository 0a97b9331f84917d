namespace Polca.Persistence;

/// <summary>The whole batch failed; a WriteMessageFailure follows for each event.</summary>
public sealed record WriteMessagesFailed(Exception Cause, int WriteCount);
