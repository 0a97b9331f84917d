using System.Text;

namespace Polca.Persistence.Tests.Conformance;

/// <summary>Builds events, atomic writes and snapshots with serialized (byte[]) payloads for the conformance specs.</summary>
public static class JournalTestData
{
    /// <summary>The manifest every test event carries.</summary>
    public const string Manifest = "test-event";

    /// <summary>The writer every test event names.</summary>
    public const string Writer = "writer-1";

    /// <summary>A fixed instant the test timestamps count from (no wall clock).</summary>
    public static readonly DateTimeOffset Epoch = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The payload of event <paramref name="sequenceNr"/> of <paramref name="persistenceId"/>: small UTF-8 JSON naming both.</summary>
    public static byte[] PayloadOf(string persistenceId, long sequenceNr) =>
        Encoding.UTF8.GetBytes($$"""{"id":"{{persistenceId}}","seq":{{sequenceNr}}}""");

    /// <summary>The timestamp of event <paramref name="sequenceNr"/>: the epoch plus that many milliseconds and some ticks.</summary>
    public static DateTimeOffset TimestampOf(long sequenceNr) => Epoch.AddMilliseconds(sequenceNr).AddTicks(7);

    /// <summary>One event with the standard payload (or <paramref name="payload"/>) and the given tags.</summary>
    public static Persistent Event(string persistenceId, long sequenceNr, byte[]? payload = null, params string[] tags) =>
        new(payload ?? PayloadOf(persistenceId, sequenceNr), sequenceNr, persistenceId, Manifest, false, Writer, TimestampOf(sequenceNr), tags);

    /// <summary>An atomic write of the events <paramref name="fromSequenceNr"/> .. +<paramref name="count"/>-1, each with <paramref name="tags"/>.</summary>
    public static AtomicWrite Write(string persistenceId, long fromSequenceNr, int count = 1, params string[] tags) =>
        new(Enumerable.Range(0, count).Select(i => Event(persistenceId, fromSequenceNr + i, null, tags)).ToArray());

    /// <summary>An atomic write of one event carrying <paramref name="payload"/>.</summary>
    public static AtomicWrite WriteWithPayload(string persistenceId, long sequenceNr, byte[] payload) =>
        new([Event(persistenceId, sequenceNr, payload)]);

    /// <summary>Atomic writes of one event each for <paramref name="persistenceId"/>, sequence numbers from..to.</summary>
    public static AtomicWrite[] SingleEventWrites(string persistenceId, long fromSequenceNr, long toSequenceNr) =>
        Enumerable.Range(0, (int)(toSequenceNr - fromSequenceNr + 1)).Select(i => Write(persistenceId, fromSequenceNr + i)).ToArray();

    /// <summary><paramref name="length"/> bytes that differ from position to position (seeded, so reproducible).</summary>
    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A snapshot of <paramref name="persistenceId"/> at <paramref name="sequenceNr"/>, taken at the epoch plus that many seconds.</summary>
    public static StoredSnapshot Snapshot(string persistenceId, long sequenceNr, byte[]? payload = null) =>
        new(new SnapshotMetadata(persistenceId, sequenceNr, SnapshotTimestampOf(sequenceNr)), "test-state",
            payload ?? Encoding.UTF8.GetBytes($$"""{"id":"{{persistenceId}}","state":{{sequenceNr}}}"""));

    /// <summary>The timestamp of the snapshot taken at <paramref name="sequenceNr"/>.</summary>
    public static DateTimeOffset SnapshotTimestampOf(long sequenceNr) => Epoch.AddSeconds(sequenceNr).AddTicks(3);
}
