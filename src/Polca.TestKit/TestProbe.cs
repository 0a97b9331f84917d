using Polca.Actors;

namespace Polca.TestKit;

/// <summary>An extra test actor with its own expectations, to stand in for another actor.</summary>
public sealed class TestProbe : TestKitBase, ICanTell
{
    internal TestProbe(ActorSystem system, string? name) : base(system, name is null ? null : name) { }

    /// <summary>The probe's reference.</summary>
    public IActorRef Ref => TestActor;

    /// <summary>Sends <paramref name="message"/> to the probe.</summary>
    public void Tell(object message, IActorRef? sender) => Ref.Tell(message, sender);

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with the probe as sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, Ref);

    /// <summary>Replies to the sender of the last message received.</summary>
    public void Reply(object message) => LastSender.Tell(message, Ref);

    /// <summary>Forwards the last message received to <paramref name="target"/>, keeping its sender.</summary>
    public void Forward(IActorRef target) => target.Tell(LastMessage ?? throw new InvalidOperationException("no message received yet"), LastSender);

    /// <inheritdoc />
    public override string ToString() => $"TestProbe({Ref.Path})";
}
