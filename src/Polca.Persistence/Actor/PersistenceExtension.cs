using System.Collections.Concurrent;
using Polca.Actors;
using Polca.Persistence.Query;

namespace Polca.Persistence;

/// <summary>
/// Persistence for one actor system: the event serializer (allow-list of event types), and per plugin one journal actor,
/// one snapshot store actor and a read journal for queries. Plugins are chosen in HOCON (<c>polca.persistence</c>).
/// </summary>
public sealed class PersistenceExtension : IExtension
{
    private readonly ActorSystem _system;
    private readonly ConcurrentDictionary<string, Lazy<PluginInstance>> _plugins = new(StringComparer.Ordinal);

    private sealed record PluginInstance(AsyncWriteJournal Journal, SnapshotStore Snapshots, IActorRef JournalActor, IActorRef SnapshotActor, IReadJournal ReadJournal);

    internal PersistenceExtension(ActorSystem system)
    {
        _system = system;
        Settings = PersistenceSettings.From(system);
        Serializer = new EventSerializer(system);
        system.RegisterOnTermination(Close);
    }

    /// <summary>The settings read from <c>polca.persistence</c>.</summary>
    public PersistenceSettings Settings { get; }

    /// <summary>The serializer of events and snapshots; register every persisted type with a stable manifest.</summary>
    public EventSerializer Serializer { get; }

    /// <summary>The journal actor of <paramref name="plugin"/> (null: the configured default).</summary>
    public IActorRef JournalFor(string? plugin = null) => Plugin(plugin ?? Settings.JournalPlugin).JournalActor;

    /// <summary>The snapshot store actor of <paramref name="plugin"/> (null: the configured default).</summary>
    public IActorRef SnapshotStoreFor(string? plugin = null) => Plugin(plugin ?? Settings.SnapshotPlugin).SnapshotActor;

    /// <summary>Queries over the journal of <paramref name="plugin"/> (null: the configured default).</summary>
    public IReadJournal ReadJournalFor(string? plugin = null) => Plugin(plugin ?? Settings.JournalPlugin).ReadJournal;

    /// <summary>The journal plugin itself (the SPI object), for tools.</summary>
    public AsyncWriteJournal JournalPluginFor(string? plugin = null) => Plugin(plugin ?? Settings.JournalPlugin).Journal;

    private PluginInstance Plugin(string name) =>
        _plugins.GetOrAdd(name, n => new Lazy<PluginInstance>(() => Create(n))).Value;

    private PluginInstance Create(string name)
    {
        var (journal, snapshots) = JournalPlugins.Create(name, Settings);
        var breaker = new CircuitBreaker(_system.Clock, Settings.BreakerMaxFailures, Settings.BreakerCallTimeout, Settings.BreakerResetTimeout);
        var systemImpl = (ActorSystemImpl)_system;
        var journalActor = systemImpl.SystemActorOf(Props.Create(() => new JournalActor(journal, Serializer, breaker, Settings.MaxBatchEvents)), $"journal-{name}");
        var snapshotActor = systemImpl.SystemActorOf(Props.Create(() => new SnapshotStoreActor(snapshots, Serializer)), $"snapshot-store-{name}");
        var read = journal is IEventLog log ? new EventLogReadJournal(log, Serializer) : throw new NotSupportedException($"journal plugin {name} does not support queries");
        return new PluginInstance(journal, snapshots, journalActor, snapshotActor, read);
    }

    private void Close()
    {
        foreach (var plugin in _plugins.Values.Where(p => p.IsValueCreated).Select(p => p.Value))
        {
            plugin.Journal.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
            if (!ReferenceEquals(plugin.Snapshots, plugin.Journal)) plugin.Snapshots.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
        }
    }
}
