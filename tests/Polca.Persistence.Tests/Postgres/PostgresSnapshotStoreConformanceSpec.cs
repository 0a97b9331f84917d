using Polca.Persistence.Postgres;
using Polca.Persistence.Tests.Conformance;
using Polca.Persistence.Tests.Services;

namespace Polca.Persistence.Tests.Postgres;

/// <summary>The snapshot store conformance cases against <see cref="PostgresSnapshotStore"/>, each test in a fresh schema (dropped afterwards).</summary>
[RequiresPostgres]
public sealed class PostgresSnapshotStoreConformanceSpec : SnapshotStoreConformanceSpec
{
    private PostgresTestSchema? _schema;

    /// <inheritdoc />
    protected override async Task<SnapshotStore> CreateSnapshotStoreAsync()
    {
        _schema ??= await PostgresTestSchema.CreateAsync();
        return new PostgresSnapshotStore(_schema.Settings);
    }

    /// <inheritdoc />
    protected override async Task DeleteStorageAsync()
    {
        if (_schema is not null) await _schema.DisposeAsync();
        _schema = null;
    }
}
