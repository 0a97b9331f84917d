using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Polca.Persistence.Sqlite;

/// <summary>
/// One prepared SQLite statement on a Microsoft.Data.Sqlite connection, driven through SQLitePCL.raw: bind, step,
/// read columns, reset and run again, with no per-execution objects. Errors throw <see cref="SqliteException"/>.
/// The calls made per row or per value go straight to the statement pointer (<see cref="SqliteNative"/>).
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;

    /// <summary>Prepares <paramref name="sql"/> (one statement) on <paramref name="connection"/>, which must be open.</summary>
    public SqliteStatement(SqliteConnection connection, string sql)
        : this(connection.Handle ?? throw new InvalidOperationException("the connection is not open"), sql)
    {
    }

    /// <summary>Prepares <paramref name="sql"/> (one statement) on the open database <paramref name="db"/>.</summary>
    public SqliteStatement(sqlite3 db, string sql)
    {
        _db = db;
        var rc = raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            _statement?.Dispose();
            throw Error(rc);
        }
        // Valid while _statement lives: it is finalized only by Dispose.
        _handle = _statement.DangerousGetHandle();
    }

    /// <summary>Binds an integer to parameter <paramref name="index"/> (from 1).</summary>
    public void Bind(int index, long value) => Check(SqliteNative.BindInt64(_handle, index, value));

    /// <summary>Binds a text (UTF-8) to parameter <paramref name="index"/>.</summary>
    public void Bind(int index, string value) => Check(raw.sqlite3_bind_text(_statement, index, value));

    /// <summary>Binds UTF-8 text (copied by SQLite) to parameter <paramref name="index"/>; empty binds '' (not NULL).</summary>
    public void BindText(int index, ReadOnlySpan<byte> utf8) => Check(SqliteNative.BindText(_handle, index, utf8));

    /// <summary>Binds bytes to parameter <paramref name="index"/>; an empty array is stored as an empty blob, not NULL.</summary>
    public void BindBlob(int index, byte[] value) => Check(SqliteNative.BindBlob(_handle, index, value));

    /// <summary>Binds NULL to parameter <paramref name="index"/>.</summary>
    public void BindNull(int index) => Check(SqliteNative.BindNull(_handle, index));

    /// <summary>Runs to the next row: true when a row is ready, false when done. On error the statement is reset and the error thrown.</summary>
    public bool Step()
    {
        var rc = SqliteNative.Step(_handle);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        var error = Error(rc);
        SqliteNative.Reset(_handle);
        throw error;
    }

    /// <summary>Runs a statement that returns no rows, then resets it for the next run.</summary>
    public void Execute()
    {
        try
        {
            while (Step())
            {
            }
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Runs the statement and returns the first column of its first row (null when no row or NULL), then resets it.</summary>
    public long? ExecuteInt64()
    {
        try
        {
            return Step() && !IsNull(0) ? Int64(0) : null;
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Makes the statement ready to run again (bindings stay).</summary>
    public void Reset() => SqliteNative.Reset(_handle);

    /// <summary>True when column <paramref name="column"/> (from 0) of the current row is NULL.</summary>
    public bool IsNull(int column) => SqliteNative.ColumnType(_handle, column) == raw.SQLITE_NULL;

    /// <summary>Column <paramref name="column"/> of the current row as an integer.</summary>
    public long Int64(int column) => SqliteNative.ColumnInt64(_handle, column);

    /// <summary>
    /// Column <paramref name="column"/> of the current row as raw bytes (a text column's UTF-8), valid until the next
    /// step or reset; empty for NULL.
    /// </summary>
    public ReadOnlySpan<byte> Bytes(int column) => SqliteNative.ColumnBytes(_handle, column);

    /// <summary>Column <paramref name="column"/> of the current row as a string.</summary>
    public string Text(int column) => System.Text.Encoding.UTF8.GetString(Bytes(column));

    /// <summary>Finalizes the statement.</summary>
    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) throw Error(rc);
    }

    private SqliteException Error(int rc) =>
        new($"SQLite Error {rc}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(_db));
}
