namespace Polca.Actors;

/// <summary>An actor selection resolved to no actor.</summary>
public sealed class ActorNotFoundException(string message, Exception? innerException = null) : Exception(message, innerException);
