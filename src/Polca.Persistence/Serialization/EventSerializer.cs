using System.Collections.Concurrent;
using System.Text.Json;
using Polca.Actors;

namespace Polca.Persistence;

/// <summary>
/// System.Text.Json serialization of events and snapshots against an explicit allow-list: each type is registered
/// with a stable manifest, and only manifests on the list (or read by an upcaster) are ever deserialized: no type
/// name is read from stored data.
/// </summary>
public sealed class EventSerializer
{
    private readonly ConcurrentDictionary<Type, string> _manifests = new();
    private readonly ConcurrentDictionary<string, Type> _types = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IEventUpcaster> _upcasters = new(StringComparer.Ordinal);
    private readonly Lock _adaptersLock = new();

    /// <summary>The adapters in registration order; replaced whole on registration, so reads take no lock.</summary>
    private volatile IEventAdapter[] _adapters = [];

    /// <summary>Creates a serializer; references in events are written as paths and resolved through <paramref name="system"/>.</summary>
    public EventSerializer(ActorSystem? system = null)
    {
        Options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            IncludeFields = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        if (system is not null) Options.Converters.Add(new ActorRefJsonConverter(system));
    }

    /// <summary>The JSON options (add converters before first use).</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>Allows <typeparamref name="T"/> under <paramref name="manifest"/>.</summary>
    public EventSerializer Register<T>(string manifest) => Register(typeof(T), manifest);

    /// <summary>Allows <paramref name="type"/> under <paramref name="manifest"/>; a manifest names one type for good.</summary>
    public EventSerializer Register(Type type, string manifest)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        if (_types.TryGetValue(manifest, out var existing) && existing != type)
            throw new ArgumentException($"manifest '{manifest}' is already registered for {existing.Name}", nameof(manifest));
        if (_manifests.TryGetValue(type, out var other) && other != manifest)
            throw new ArgumentException($"{type.Name} is already registered as '{other}'", nameof(type));
        _types[manifest] = type;
        _manifests[type] = manifest;
        return this;
    }

    /// <summary>Reads events stored under an old manifest through <paramref name="upcaster"/>.</summary>
    public EventSerializer RegisterUpcaster(IEventUpcaster upcaster)
    {
        _upcasters[upcaster.FromManifest] = upcaster;
        return this;
    }

    /// <summary>Adds an event adapter, consulted in registration order.</summary>
    public EventSerializer RegisterAdapter(IEventAdapter adapter)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        lock (_adaptersLock) _adapters = [.. _adapters, adapter];
        return this;
    }

    /// <summary>True when <paramref name="type"/> is on the allow-list.</summary>
    public bool IsRegistered(Type type) => _manifests.ContainsKey(type);

    /// <summary>The registered manifests.</summary>
    public IReadOnlyCollection<string> Manifests => _types.Keys.ToArray();

    /// <summary>The form of a domain event that is stored (after adapters).</summary>
    public object ToJournal(object domainEvent)
    {
        foreach (var adapter in _adapters)
            if (adapter.Handles(domainEvent)) return adapter.ToJournal(domainEvent);
        return domainEvent;
    }

    /// <summary>True when event adapters are registered (replay then consults them).</summary>
    public bool HasAdapters => _adapters.Length > 0;

    /// <summary>The domain events a stored event stands for (after adapters).</summary>
    public IReadOnlyList<object> FromJournal(object storedEvent, string manifest)
    {
        foreach (var adapter in _adapters)
        {
            var events = adapter.FromJournal(storedEvent, manifest);
            if (events.Count != 1 || !ReferenceEquals(events[0], storedEvent)) return events;
        }
        return [storedEvent];
    }

    /// <summary>The manifest of <paramref name="value"/>'s type; rejects types not on the allow-list.</summary>
    public string ManifestOf(object value) =>
        _manifests.TryGetValue(value.GetType(), out var manifest)
            ? manifest
            : throw new EventSerializationException($"{value.GetType().FullName} is not registered with the event serializer (register it with a stable manifest)");

    /// <summary>Serializes <paramref name="value"/> to UTF-8 JSON and returns its manifest.</summary>
    public byte[] Serialize(object value, out string manifest)
    {
        manifest = ManifestOf(value);
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new EventSerializationException($"{value.GetType().Name} ('{manifest}') cannot be serialized: {e.Message}", e);
        }
    }

    /// <summary>Deserializes a payload stored under <paramref name="manifest"/>; unknown manifests are refused.</summary>
    public object Deserialize(ReadOnlySpan<byte> payload, string manifest)
    {
        try
        {
            if (_types.TryGetValue(manifest, out var type))
                return JsonSerializer.Deserialize(payload, type, Options) ?? throw new EventSerializationException($"stored '{manifest}' is null");
            if (_upcasters.TryGetValue(manifest, out var upcaster))
            {
                using var document = JsonDocument.Parse(payload.ToArray());
                return upcaster.Upcast(document.RootElement, Options);
            }
        }
        catch (JsonException e)
        {
            throw new EventSerializationException($"stored '{manifest}' is not valid: {e.Message}", e);
        }
        throw new EventSerializationException($"unknown manifest '{manifest}' (not on the serializer's allow-list)");
    }
}
