namespace Polca.Actors;

/// <summary>The reference to no actor: messages sent to it are dropped silently.</summary>
public sealed class Nobody : ActorRefBase
{
    /// <summary>The one instance.</summary>
    public static readonly Nobody Instance = new();

    private static readonly ActorPath NobodyPath = new RootActorPath(new Address(Address.LocalProtocol, "all-systems")) / "Nobody";

    private Nobody() { }

    /// <inheritdoc />
    public override ActorPath Path => NobodyPath;

    /// <inheritdoc />
    public override void Tell(object message, IActorRef? sender) { }
}
