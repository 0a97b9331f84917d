namespace Polca.Actors;

/// <summary>Every actor answers this with an <see cref="ActorIdentity"/> carrying the same id.</summary>
public sealed record Identify(object? MessageId) : IAutoReceivedMessage, INotInfluenceReceiveTimeout;
