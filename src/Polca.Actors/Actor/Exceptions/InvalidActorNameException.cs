namespace Polca.Actors;

/// <summary>A child name is invalid or already taken.</summary>
public sealed class InvalidActorNameException(string message) : ArgumentException(message);
