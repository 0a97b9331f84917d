namespace Polca.Persistence;

/// <summary>Akka.Persistence's event adapter: converts domain events to what is stored and back (e.g. to split or merge events).</summary>
public interface IEventAdapter
{
    /// <summary>True for events this adapter converts on the way to the journal.</summary>
    bool Handles(object domainEvent);

    /// <summary>The stored form of a domain event.</summary>
    object ToJournal(object domainEvent);

    /// <summary>The domain events a stored event stands for (empty to drop it).</summary>
    IReadOnlyList<object> FromJournal(object storedEvent, string manifest);
}
