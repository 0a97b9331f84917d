using Polca.Persistence.Postgres;
using Polca.Persistence.Tests.Services;

namespace Polca.Persistence.Tests.Postgres;

/// <summary>The PostgreSQL snapshot store's own behaviour: save, load by criteria, replace, delete.</summary>
public sealed class PostgresSnapshotStoreSpec
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private static StoredSnapshot Snapshot(string id, long seq, int minutes, byte value) =>
        new(new SnapshotMetadata(id, seq, T0.AddMinutes(minutes)), "test.State", [value, value]);

    [PostgresFact]
    public async Task Loads_the_youngest_snapshot_matching_the_criteria()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var store = new PostgresSnapshotStore(schema.Settings);
        await store.SaveAsync(Snapshot("a", 10, 1, 1));
        await store.SaveAsync(Snapshot("a", 20, 2, 2));
        await store.SaveAsync(Snapshot("a", 30, 3, 3));
        await store.SaveAsync(Snapshot("b", 99, 9, 9));

        var latest = await store.LoadAsync("a", SnapshotSelectionCriteria.Latest);
        Assert.NotNull(latest);
        Assert.Equal(new SnapshotMetadata("a", 30, T0.AddMinutes(3)), latest.Metadata);
        Assert.Equal("test.State", latest.Manifest);
        Assert.Equal([3, 3], latest.Payload);

        Assert.Equal(20, (await store.LoadAsync("a", new SnapshotSelectionCriteria(25, DateTimeOffset.MaxValue)))?.Metadata.SequenceNr);
        Assert.Equal(10, (await store.LoadAsync("a", new SnapshotSelectionCriteria(long.MaxValue, T0.AddMinutes(1.5))))?.Metadata.SequenceNr);
        Assert.Null(await store.LoadAsync("a", new SnapshotSelectionCriteria(long.MaxValue, DateTimeOffset.MaxValue, MinSequenceNr: 31)));
        Assert.Equal(20, (await store.LoadAsync("a", new SnapshotSelectionCriteria(25, DateTimeOffset.MaxValue, 0, T0.AddMinutes(2))))?.Metadata.SequenceNr);
        Assert.Null(await store.LoadAsync("a", SnapshotSelectionCriteria.None));
        Assert.Null(await store.LoadAsync("nobody", SnapshotSelectionCriteria.Latest));
    }

    [PostgresFact]
    public async Task Loads_asked_for_together_each_get_their_own_snapshot()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var store = new PostgresSnapshotStore(schema.Settings);
        for (var i = 0; i < 20; i++)
        {
            await store.SaveAsync(Snapshot($"s{i}", 10, 1, (byte)i));
            await store.SaveAsync(Snapshot($"s{i}", 20 + i, 2, (byte)(100 + i)));
        }

        var loads = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => store.LoadAsync($"s{i}", SnapshotSelectionCriteria.Latest))
            .Append(store.LoadAsync("s3", new SnapshotSelectionCriteria(15, DateTimeOffset.MaxValue)))
            .Append(store.LoadAsync("s4", new SnapshotSelectionCriteria(long.MaxValue, T0.AddMinutes(1.5))))
            .Append(store.LoadAsync("s5", new SnapshotSelectionCriteria(long.MaxValue, DateTimeOffset.MaxValue, MinSequenceNr: 26)))
            .Append(store.LoadAsync("nobody", SnapshotSelectionCriteria.Latest)));

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(new SnapshotMetadata($"s{i}", 20 + i, T0.AddMinutes(2)), loads[i]?.Metadata);
            Assert.Equal(new[] { (byte)(100 + i), (byte)(100 + i) }, loads[i]!.Payload);
        }
        Assert.Equal([3, 3], loads[20]?.Payload);
        Assert.Equal(10, loads[21]?.Metadata.SequenceNr);
        Assert.Null(loads[22]);
        Assert.Null(loads[23]);
    }

    [PostgresFact]
    public async Task Saving_the_same_sequence_number_replaces_the_snapshot()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var store = new PostgresSnapshotStore(schema.Settings);
        await store.SaveAsync(Snapshot("a", 10, 1, 1));
        await store.SaveAsync(Snapshot("a", 10, 5, 7));

        var loaded = await store.LoadAsync("a", SnapshotSelectionCriteria.Latest);
        Assert.Equal(T0.AddMinutes(5), loaded?.Metadata.Timestamp);
        Assert.Equal([7, 7], loaded?.Payload);
    }

    [PostgresFact]
    public async Task Deletes_one_snapshot_or_those_matching_criteria()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var store = new PostgresSnapshotStore(schema.Settings);
        foreach (var seq in new[] { 10, 20, 30, 40 }) await store.SaveAsync(Snapshot("a", seq, seq, (byte)seq));
        await store.SaveAsync(Snapshot("b", 10, 1, 1));

        await store.DeleteAsync(new SnapshotMetadata("a", 40, T0));
        Assert.Equal(30, (await store.LoadAsync("a", SnapshotSelectionCriteria.Latest))?.Metadata.SequenceNr);

        await store.DeleteAsync("a", new SnapshotSelectionCriteria(20, DateTimeOffset.MaxValue));
        Assert.Equal(30, (await store.LoadAsync("a", SnapshotSelectionCriteria.Latest))?.Metadata.SequenceNr);
        Assert.Null(await store.LoadAsync("a", new SnapshotSelectionCriteria(29, DateTimeOffset.MaxValue)));

        await store.DeleteAsync("a", SnapshotSelectionCriteria.Latest);
        Assert.Null(await store.LoadAsync("a", SnapshotSelectionCriteria.Latest));
        Assert.Equal(10, (await store.LoadAsync("b", SnapshotSelectionCriteria.Latest))?.Metadata.SequenceNr);
    }

    [PostgresFact]
    public async Task Stores_large_snapshots_and_survives_a_new_store()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        var big = new byte[8 * 1024 * 1024];
        new Random(7).NextBytes(big);
        await using (var first = new PostgresSnapshotStore(schema.Settings))
        {
            await first.SaveAsync(new StoredSnapshot(new SnapshotMetadata("a", 1, T0), "test.State", big));
        }

        await using var second = new PostgresSnapshotStore(schema.Settings);
        Assert.Equal(big, (await second.LoadAsync("a", SnapshotSelectionCriteria.Latest))?.Payload);
    }
}
