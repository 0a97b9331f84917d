namespace Polca.Persistence;

/// <summary>Wrap an event in this when persisting it to attach tags; the handler receives the event itself.</summary>
public sealed record Tagged(object Payload, IReadOnlyList<string> Tags)
{
    /// <summary>Tags an event.</summary>
    public Tagged(object payload, params string[] tags) : this(payload, (IReadOnlyList<string>)tags) { }
}
