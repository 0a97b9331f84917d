namespace Polca.Actors;

/// <summary>Stops the actor once every message queued before it has been processed.</summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    /// <summary>The one instance.</summary>
    public static readonly PoisonPill Instance = new();

    private PoisonPill() { }

    /// <inheritdoc />
    public override string ToString() => "<PoisonPill>";
}
