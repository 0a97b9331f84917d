namespace Polca.Actors;

/// <summary>A behaviour of an <see cref="UntypedActor"/>; call Unhandled for messages it does not handle.</summary>
public delegate void UntypedReceive(object message);
