namespace Polca.Actors;

/// <summary>A message the runtime handles itself before the actor's behaviour sees it.</summary>
public interface IAutoReceivedMessage;
