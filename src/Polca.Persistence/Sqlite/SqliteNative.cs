using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Polca.Persistence.Sqlite;

/// <summary>
/// The few SQLite calls made once per row or per bound value, called on the raw statement pointer: SQLitePCL.raw's
/// wrappers pass a SafeHandle (two interlocked operations per call), which cost more than the calls themselves.
/// The column readers skip the GC transition: they only read the current row of a statement one thread uses.
/// </summary>
internal static class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_TRANSIENT: SQLite copies the bound bytes before the call returns.</summary>
    private static readonly IntPtr Transient = new(-1);

    /// <summary>sqlite3_step.</summary>
    [DllImport(Library, EntryPoint = "sqlite3_step")]
    public static extern int Step(IntPtr statement);

    /// <summary>sqlite3_reset.</summary>
    [DllImport(Library, EntryPoint = "sqlite3_reset")]
    public static extern int Reset(IntPtr statement);

    /// <summary>sqlite3_column_int64.</summary>
    [DllImport(Library, EntryPoint = "sqlite3_column_int64")]
    [SuppressGCTransition]
    public static extern long ColumnInt64(IntPtr statement, int column);

    /// <summary>sqlite3_column_type.</summary>
    [DllImport(Library, EntryPoint = "sqlite3_column_type")]
    [SuppressGCTransition]
    public static extern int ColumnType(IntPtr statement, int column);

    /// <summary>sqlite3_bind_int64.</summary>
    [DllImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [SuppressGCTransition]
    public static extern int BindInt64(IntPtr statement, int index, long value);

    /// <summary>sqlite3_bind_null.</summary>
    [DllImport(Library, EntryPoint = "sqlite3_bind_null")]
    [SuppressGCTransition]
    public static extern int BindNull(IntPtr statement, int index);

    /// <summary>Column <paramref name="column"/> of the current row as bytes (valid until the next step or reset); empty for NULL.</summary>
    public static ReadOnlySpan<byte> ColumnBytes(IntPtr statement, int column)
    {
        // Blob first, then its length (SQLite's documented order: the length of the value as converted).
        var pointer = ColumnBlob(statement, column);
        if (pointer == IntPtr.Zero) return [];
        var length = ColumnByteCount(statement, column);
        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AddByteOffset(ref Unsafe.NullRef<byte>(), pointer), length);
    }

    /// <summary>Binds a copy of <paramref name="bytes"/> as text (UTF-8); empty binds '' rather than NULL.</summary>
    public static int BindText(IntPtr statement, int index, ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> empty = [0];
        return BindText(statement, index, ref MemoryMarshal.GetReference(bytes.IsEmpty ? empty : bytes), bytes.Length, Transient);
    }

    /// <summary>Binds a copy of <paramref name="bytes"/> as a blob; empty binds an empty blob rather than NULL.</summary>
    public static int BindBlob(IntPtr statement, int index, ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> empty = [0];
        return BindBlob(statement, index, ref MemoryMarshal.GetReference(bytes.IsEmpty ? empty : bytes), bytes.Length, Transient);
    }

    [DllImport(Library, EntryPoint = "sqlite3_column_blob")]
    [SuppressGCTransition]
    private static extern IntPtr ColumnBlob(IntPtr statement, int column);

    [DllImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [SuppressGCTransition]
    private static extern int ColumnByteCount(IntPtr statement, int column);

    [DllImport(Library, EntryPoint = "sqlite3_bind_text")]
    private static extern int BindText(IntPtr statement, int index, ref byte text, int length, IntPtr destructor);

    [DllImport(Library, EntryPoint = "sqlite3_bind_blob")]
    private static extern int BindBlob(IntPtr statement, int index, ref byte blob, int length, IntPtr destructor);
}
