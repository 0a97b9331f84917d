namespace Polca.Actors;

/// <summary>Delivered when an actor has received nothing for its receive timeout.</summary>
public sealed class ReceiveTimeout : IPossiblyHarmful
{
    /// <summary>The one instance.</summary>
    public static readonly ReceiveTimeout Instance = new();

    private ReceiveTimeout() { }

    /// <inheritdoc />
    public override string ToString() => "<ReceiveTimeout>";
}
