namespace Polca.Actors;

/// <summary>A call was refused because the circuit breaker is open.</summary>
public sealed class OpenCircuitException(string message, TimeSpan remaining) : Exception(message)
{
    /// <summary>Time until the breaker lets a trial call through.</summary>
    public TimeSpan RemainingDuration { get; } = remaining;
}
