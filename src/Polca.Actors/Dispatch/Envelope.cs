namespace Polca.Actors.Dispatch;

/// <summary>A user message with its sender, as it waits in a mailbox.</summary>
internal readonly struct Envelope(object message, IActorRef sender)
{
    /// <summary>The message.</summary>
    public readonly object Message = message;

    /// <summary>Who sent it; dead letters when nobody did.</summary>
    public readonly IActorRef Sender = sender;
}
