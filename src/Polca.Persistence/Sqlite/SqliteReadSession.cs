using SQLitePCL;

namespace Polca.Persistence.Sqlite;

/// <summary>
/// A read connection with the statements it has prepared, kept by <see cref="SqliteReaderPool"/> between reads. Each
/// read runs inside one read transaction, so all its statements see the same snapshot (WAL lets it run while the
/// writer commits).
/// </summary>
internal sealed class SqliteReadSession : IDisposable
{
    private readonly sqlite3 _db;
    private readonly Dictionary<string, SqliteStatement> _statements = new(StringComparer.Ordinal);
    private readonly SqliteStatement _begin;
    private readonly SqliteStatement _rollback;

    /// <summary>Opens a read connection to <paramref name="storage"/>'s file.</summary>
    public SqliteReadSession(SqliteStorage storage)
    {
        _db = storage.OpenReadDatabase();
        try
        {
            _begin = new SqliteStatement(_db, "BEGIN;");
            _rollback = new SqliteStatement(_db, "ROLLBACK;");
        }
        catch
        {
            _begin?.Dispose();
            _db.Dispose();
            throw;
        }
    }

    /// <summary>Starts the read transaction.</summary>
    public void Begin() => _begin.Execute();

    /// <summary>Resets the statements and ends the read transaction.</summary>
    public void End()
    {
        foreach (var statement in _statements.Values) statement.Reset();
        if (raw.sqlite3_get_autocommit(_db) == 0) _rollback.Execute();
    }

    /// <summary>The statement for <paramref name="sql"/>, prepared on first use on this connection.</summary>
    public SqliteStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement)) _statements[sql] = statement = new SqliteStatement(_db, sql);
        return statement;
    }

    /// <summary>Finalizes the statements and closes the connection (ending any transaction).</summary>
    public void Dispose()
    {
        foreach (var statement in _statements.Values) statement.Dispose();
        _statements.Clear();
        _begin.Dispose();
        _rollback.Dispose();
        _db.Dispose();
    }
}
