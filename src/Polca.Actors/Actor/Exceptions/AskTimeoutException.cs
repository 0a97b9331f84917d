namespace Polca.Actors;

/// <summary>An Ask got no reply within its timeout.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);
