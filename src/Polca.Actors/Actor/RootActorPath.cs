namespace Polca.Actors;

/// <summary>The root of an actor system's tree: <c>protocol://system/</c>.</summary>
public sealed class RootActorPath(Address address) : ActorPath
{
    /// <inheritdoc />
    public override Address Address { get; } = address;

    /// <inheritdoc />
    public override string Name => "/";

    /// <inheritdoc />
    public override ActorPath Parent => this;

    /// <inheritdoc />
    public override RootActorPath Root => this;

    /// <inheritdoc />
    public override long Uid => UndefinedUid;

    /// <inheritdoc />
    public override int Depth => 0;

    /// <inheritdoc />
    public override ActorPath WithUid(long uid) =>
        uid == UndefinedUid ? this : throw new InvalidOperationException("the root path has no uid");
}
