namespace Polca.Actors;

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/>; the default supervisor stops it.</summary>
public sealed class Kill : IAutoReceivedMessage
{
    /// <summary>The one instance.</summary>
    public static readonly Kill Instance = new();

    private Kill() { }

    /// <inheritdoc />
    public override string ToString() => "<Kill>";
}
