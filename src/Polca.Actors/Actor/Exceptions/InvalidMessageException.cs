namespace Polca.Actors;

/// <summary>A message that cannot be sent, such as null.</summary>
public sealed class InvalidMessageException(string message) : ArgumentException(message);
