namespace Polca.Persistence;

/// <summary>An event or snapshot that cannot be written or read: an unregistered type, an unknown manifest, bad data.</summary>
public sealed class EventSerializationException(string message, Exception? inner = null) : Exception(message, inner);
