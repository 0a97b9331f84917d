namespace Polca.Actors;

/// <summary>Outcomes of asynchronous operations, as sent by PipeTo and understood by Ask.</summary>
public static class Status
{
    /// <summary>The operation succeeded with <paramref name="Payload"/>.</summary>
    public sealed record Success(object? Payload);

    /// <summary>The operation failed with <paramref name="Cause"/>; Ask turns it into a faulted task.</summary>
    public sealed record Failure(Exception Cause, object? State = null);
}
