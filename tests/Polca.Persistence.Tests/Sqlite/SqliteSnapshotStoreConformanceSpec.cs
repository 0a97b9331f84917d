using Polca.Persistence.Sqlite;
using Polca.Persistence.Tests.Conformance;

namespace Polca.Persistence.Tests.Sqlite;

/// <summary>The snapshot store conformance cases against <see cref="SqliteSnapshotStore"/> on a fresh temp file per test.</summary>
public sealed class SqliteSnapshotStoreConformanceSpec : SnapshotStoreConformanceSpec
{
    private readonly SqliteTestFile _file = new();

    /// <inheritdoc />
    protected override Task<SnapshotStore> CreateSnapshotStoreAsync() =>
        Task.FromResult<SnapshotStore>(new SqliteSnapshotStore(new SqliteJournalSettings(_file.Path)));

    /// <inheritdoc />
    protected override Task DeleteStorageAsync()
    {
        _file.Delete();
        return Task.CompletedTask;
    }
}
