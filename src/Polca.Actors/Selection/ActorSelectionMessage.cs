namespace Polca.Actors;

/// <summary>A message travelling down the tree to the actors an <see cref="ActorSelection"/> matches.</summary>
internal sealed record ActorSelectionMessage(object Message, IReadOnlyList<string> Elements, int Index) : IAutoReceivedMessage, IPossiblyHarmful;
