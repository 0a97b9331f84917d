namespace Polca.Persistence.Tests.Sqlite;

/// <summary>A fresh database path in the temp folder, and the removal of the file with its WAL and shared-memory companions.</summary>
public sealed class SqliteTestFile
{
    /// <summary>A path no file has yet.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"polca-journal-{Guid.NewGuid():N}.db");

    /// <summary>Deletes the database file, its -wal and -shm files.</summary>
    public void Delete()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            try
            {
                File.Delete(Path + suffix);
            }
            catch (IOException)
            {
                // A file still held open is left to the temp folder's cleaning.
            }
        }
    }
}
