namespace Polca.Actors;

/// <summary>Tell and Forward with the sender taken from the actor being run on this thread.</summary>
public static class ActorRefImplicitSenderExtensions
{
    /// <summary>Sends <paramref name="message"/> with the current actor as sender (no sender outside actors).</summary>
    public static void Tell(this ICanTell receiver, object message) => receiver.Tell(message, ActorCell.Current?.Self);

    /// <summary>Sends <paramref name="message"/> keeping the current message's sender.</summary>
    public static void Forward(this ICanTell receiver, object message)
    {
        var current = ActorCell.Current ?? throw new InvalidOperationException("Forward is only possible inside an actor");
        receiver.Tell(message, current.Sender);
    }
}
