namespace Polca.Actors.Event;

/// <summary>A message that reached an actor whose behaviour did not handle it.</summary>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);
