using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Polca.Persistence.Sqlite;

/// <summary>
/// Read sessions kept for reuse, so that a replay or a query page neither opens a connection nor prepares its
/// statements again. Any number of reads run at once; at most <see cref="MaxIdle"/> idle sessions are kept.
/// </summary>
internal sealed class SqliteReaderPool(SqliteStorage storage) : IDisposable
{
    private readonly ConcurrentBag<SqliteReadSession> _idle = [];
    private volatile bool _disposed;

    /// <summary>How many idle sessions are kept.</summary>
    public static int MaxIdle { get; } = Math.Max(4, Environment.ProcessorCount * 2);

    /// <summary>
    /// Runs <paramref name="read"/> in a read transaction on a pooled session. SQLite errors become
    /// <see cref="JournalStorageException"/>s naming the file; a session that failed is closed, not reused.
    /// </summary>
    public T Run<T>(Func<SqliteReadSession, T> read) => RunOnSession(read, inTransaction: true);

    /// <summary>
    /// Runs <paramref name="read"/> on a pooled session outside any transaction: each statement sees the newest
    /// commit (e.g. PRAGMA data_version, to learn whether anything was committed since). Errors as in <see cref="Run{T}"/>.
    /// </summary>
    public T RunOutsideTransaction<T>(Func<SqliteReadSession, T> read) => RunOnSession(read, inTransaction: false);

    private T RunOnSession<T>(Func<SqliteReadSession, T> read, bool inTransaction)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SqliteReadSession? session = null;
        try
        {
            session = _idle.TryTake(out var idle) ? idle : new SqliteReadSession(storage);
            if (inTransaction) session.Begin();
            var result = read(session);
            session.End();
            Return(session);
            session = null;
            return result;
        }
        catch (SqliteException e)
        {
            throw storage.Failure("cannot be read", e);
        }
        finally
        {
            session?.Dispose();
        }
    }

    /// <summary>Closes the idle sessions; sessions in use close when their read ends.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var session)) session.Dispose();
    }

    private void Return(SqliteReadSession session)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            session.Dispose();
            return;
        }
        _idle.Add(session);
        if (_disposed && _idle.TryTake(out var late)) late.Dispose();
    }
}
