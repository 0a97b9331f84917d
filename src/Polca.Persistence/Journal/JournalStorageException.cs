namespace Polca.Persistence;

/// <summary>
/// The storage under a journal or snapshot store cannot be used: a corrupt or foreign file, missing tables,
/// an unreachable database, or a write that failed as a whole. The message names the storage.
/// </summary>
public sealed class JournalStorageException(string message, Exception? inner = null) : Exception(message, inner);
