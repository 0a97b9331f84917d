using Polca.Persistence.Tests.Services;
using static Polca.Persistence.Tests.Conformance.JournalTestData;

namespace Polca.Persistence.Tests.Conformance;

/// <summary>
/// What every snapshot store must do: derive once per store and implement <see cref="CreateSnapshotStoreAsync"/>.
/// xunit makes a new instance per test; each instance must start on EMPTY storage.
/// </summary>
public abstract class SnapshotStoreConformanceSpec : IAsyncLifetime
{
    private SnapshotStore? _store;

    /// <summary>Opens the store under test; called again by the durability case, and must then open the SAME storage.</summary>
    protected abstract Task<SnapshotStore> CreateSnapshotStoreAsync();

    /// <summary>Closes a store (the storage stays). The default disposes it.</summary>
    protected virtual Task DisposeSnapshotStoreAsync(SnapshotStore store) => store.DisposeAsync().AsTask();

    /// <summary>Removes this test instance's storage after the last store was disposed. The default does nothing.</summary>
    protected virtual Task DeleteStorageAsync() => Task.CompletedTask;

    /// <summary>True when snapshots survive close and reopen (false for in-memory stores: that case is then skipped).</summary>
    protected virtual bool SupportsReopen => true;

    /// <summary>The store of the running test.</summary>
    protected SnapshotStore Store => _store ?? throw new InvalidOperationException("the store is not open");

    /// <summary>Opens the store.</summary>
    public async Task InitializeAsync() => _store = await CreateSnapshotStoreAsync();

    /// <summary>Closes the store and deletes the storage.</summary>
    public async Task DisposeAsync()
    {
        if (_store is not null) await DisposeSnapshotStoreAsync(_store);
        _store = null;
        await DeleteStorageAsync();
    }

    [ServiceFact]
    public async Task The_latest_snapshot_is_loaded_with_its_fields()
    {
        await SaveAllAsync(Snapshot("a", 5), Snapshot("a", 15), Snapshot("a", 10), Snapshot("b", 20));

        var loaded = await Store.LoadAsync("a", SnapshotSelectionCriteria.Latest);

        Assert.NotNull(loaded);
        var expected = Snapshot("a", 15);
        Assert.Equal(expected.Metadata, loaded.Metadata);
        Assert.Equal(expected.Manifest, loaded.Manifest);
        Assert.Equal(expected.Payload, loaded.Payload);
    }

    [ServiceFact]
    public async Task An_unknown_persistence_id_has_no_snapshot()
    {
        Assert.Null(await Store.LoadAsync("nobody", SnapshotSelectionCriteria.Latest));
        await SaveAllAsync(Snapshot("a", 1));
        Assert.Null(await Store.LoadAsync("nobody", SnapshotSelectionCriteria.Latest));
        Assert.Null(await Store.LoadAsync("a", SnapshotSelectionCriteria.None));
    }

    [ServiceFact]
    public async Task Loading_honours_the_maximum_sequence_number()
    {
        await SaveAllAsync(Snapshot("a", 5), Snapshot("a", 10), Snapshot("a", 15));

        Assert.Equal(10, (await LoadAsync("a", new SnapshotSelectionCriteria(14, DateTimeOffset.MaxValue)))?.Metadata.SequenceNr);
        Assert.Equal(10, (await LoadAsync("a", new SnapshotSelectionCriteria(10, DateTimeOffset.MaxValue)))?.Metadata.SequenceNr);
        Assert.Null(await LoadAsync("a", new SnapshotSelectionCriteria(4, DateTimeOffset.MaxValue)));
    }

    [ServiceFact]
    public async Task Loading_honours_the_maximum_timestamp()
    {
        await SaveAllAsync(Snapshot("a", 5), Snapshot("a", 10), Snapshot("a", 15));

        Assert.Equal(10, (await LoadAsync("a", new SnapshotSelectionCriteria(long.MaxValue, SnapshotTimestampOf(10))))?.Metadata.SequenceNr);
        Assert.Equal(5, (await LoadAsync("a", new SnapshotSelectionCriteria(long.MaxValue, SnapshotTimestampOf(10).AddTicks(-1))))?.Metadata.SequenceNr);
        Assert.Null(await LoadAsync("a", new SnapshotSelectionCriteria(long.MaxValue, SnapshotTimestampOf(5).AddTicks(-1))));
        Assert.Equal(5, (await LoadAsync("a", new SnapshotSelectionCriteria(12, SnapshotTimestampOf(9))))?.Metadata.SequenceNr);
    }

    [ServiceFact]
    public async Task Loading_honours_the_minimum_sequence_number_and_timestamp()
    {
        await SaveAllAsync(Snapshot("a", 5), Snapshot("a", 10), Snapshot("a", 15));

        Assert.Equal(10, (await LoadAsync("a", new SnapshotSelectionCriteria(12, DateTimeOffset.MaxValue, 6)))?.Metadata.SequenceNr);
        Assert.Null(await LoadAsync("a", new SnapshotSelectionCriteria(12, DateTimeOffset.MaxValue, 11)));
        Assert.Equal(10, (await LoadAsync("a", new SnapshotSelectionCriteria(12, DateTimeOffset.MaxValue, 0, SnapshotTimestampOf(10))))?.Metadata.SequenceNr);
        Assert.Null(await LoadAsync("a", new SnapshotSelectionCriteria(12, DateTimeOffset.MaxValue, 0, SnapshotTimestampOf(10).AddTicks(1))));
    }

    [ServiceFact]
    public async Task Deleting_one_snapshot_leaves_the_others()
    {
        await SaveAllAsync(Snapshot("a", 5), Snapshot("a", 10), Snapshot("b", 10));

        await Store.DeleteAsync(Snapshot("a", 10).Metadata);

        Assert.Equal(5, (await LoadAsync("a", SnapshotSelectionCriteria.Latest))?.Metadata.SequenceNr);
        Assert.Equal(10, (await LoadAsync("b", SnapshotSelectionCriteria.Latest))?.Metadata.SequenceNr);
        await Store.DeleteAsync(new SnapshotMetadata("a", 99, Epoch));
        Assert.Equal(5, (await LoadAsync("a", SnapshotSelectionCriteria.Latest))?.Metadata.SequenceNr);
    }

    [ServiceFact]
    public async Task Deleting_by_criteria_removes_exactly_the_matching_snapshots()
    {
        await SaveAllAsync(Snapshot("a", 5), Snapshot("a", 10), Snapshot("a", 15), Snapshot("a", 20), Snapshot("b", 10));

        await Store.DeleteAsync("a", new SnapshotSelectionCriteria(15, DateTimeOffset.MaxValue, 10));

        Assert.Equal(20, (await LoadAsync("a", SnapshotSelectionCriteria.Latest))?.Metadata.SequenceNr);
        Assert.Equal(5, (await LoadAsync("a", new SnapshotSelectionCriteria(19, DateTimeOffset.MaxValue)))?.Metadata.SequenceNr);
        Assert.Equal(10, (await LoadAsync("b", SnapshotSelectionCriteria.Latest))?.Metadata.SequenceNr);

        await Store.DeleteAsync("a", new SnapshotSelectionCriteria(long.MaxValue, SnapshotTimestampOf(20).AddTicks(-1)));
        Assert.Equal(20, (await LoadAsync("a", SnapshotSelectionCriteria.Latest))?.Metadata.SequenceNr);
        Assert.Null(await LoadAsync("a", new SnapshotSelectionCriteria(19, DateTimeOffset.MaxValue)));

        await Store.DeleteAsync("a", SnapshotSelectionCriteria.Latest);
        Assert.Null(await LoadAsync("a", SnapshotSelectionCriteria.Latest));
        Assert.NotNull(await LoadAsync("b", SnapshotSelectionCriteria.Latest));
    }

    [ServiceFact]
    public async Task Saving_at_the_same_sequence_number_replaces_the_snapshot()
    {
        await SaveAllAsync(Snapshot("a", 5, [1, 2, 3]));
        var replacement = new StoredSnapshot(new SnapshotMetadata("a", 5, Epoch.AddDays(1)), "other-state", [4, 5]);

        await Store.SaveAsync(replacement);

        var loaded = await LoadAsync("a", SnapshotSelectionCriteria.Latest);
        Assert.NotNull(loaded);
        Assert.Equal(replacement.Metadata, loaded.Metadata);
        Assert.Equal("other-state", loaded.Manifest);
        Assert.Equal(new byte[] { 4, 5 }, loaded.Payload);
        await Store.DeleteAsync(replacement.Metadata);
        Assert.Null(await LoadAsync("a", SnapshotSelectionCriteria.Latest));
    }

    [ServiceFact]
    public async Task Large_and_empty_snapshots_round_trip_byte_exact()
    {
        var large = RandomBytes(1024 * 1024, 11);
        await SaveAllAsync(Snapshot("a", 1, large), Snapshot("b", 1, []));

        Assert.Equal(large, (await LoadAsync("a", SnapshotSelectionCriteria.Latest))?.Payload);
        Assert.Equal(Array.Empty<byte>(), (await LoadAsync("b", SnapshotSelectionCriteria.Latest))?.Payload);
    }

    [ServiceFact]
    public async Task Snapshots_survive_closing_and_reopening_the_store()
    {
        if (!SupportsReopen) return;
        await SaveAllAsync(Snapshot("a", 5), Snapshot("a", 10));

        await DisposeSnapshotStoreAsync(Store);
        _store = null;
        _store = await CreateSnapshotStoreAsync();

        var loaded = await LoadAsync("a", SnapshotSelectionCriteria.Latest);
        Assert.Equal(Snapshot("a", 10).Metadata, loaded?.Metadata);
        Assert.Equal(Snapshot("a", 10).Payload, loaded?.Payload);
    }

    /// <summary>Saves each snapshot in turn.</summary>
    protected async Task SaveAllAsync(params StoredSnapshot[] snapshots)
    {
        foreach (var snapshot in snapshots) await Store.SaveAsync(snapshot);
    }

    /// <summary>Loads the youngest snapshot matching <paramref name="criteria"/>.</summary>
    protected Task<StoredSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria) => Store.LoadAsync(persistenceId, criteria);
}
