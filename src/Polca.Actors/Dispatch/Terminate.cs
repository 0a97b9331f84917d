namespace Polca.Actors.Dispatch;

/// <summary>Stop the actor: children first, then PostStop.</summary>
internal sealed class Terminate : SystemMessage;
