namespace Polca.Persistence.Tests.Conformance;

/// <summary>The snapshot store conformance cases against <see cref="InMemorySnapshotStore"/>.</summary>
public sealed class InMemorySnapshotStoreConformanceSpec : SnapshotStoreConformanceSpec
{
    /// <inheritdoc />
    protected override bool SupportsReopen => false;

    /// <inheritdoc />
    protected override Task<SnapshotStore> CreateSnapshotStoreAsync() => Task.FromResult<SnapshotStore>(new InMemorySnapshotStore());
}
