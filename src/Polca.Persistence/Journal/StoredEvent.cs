namespace Polca.Persistence;

/// <summary>An event as a journal row holds it, with its global ordering: what journals hand to queries.</summary>
public sealed record StoredEvent(long Ordering, Persistent Event);
