namespace Polca.Actors;

/// <summary>Something a message can be sent to.</summary>
public interface ICanTell
{
    /// <summary>Sends <paramref name="message"/> without waiting; replies go to <paramref name="sender"/>.</summary>
    void Tell(object message, IActorRef? sender);
}
