using Polca.Persistence.Sqlite;
using Polca.Persistence.Tests.Conformance;

namespace Polca.Persistence.Tests.Sqlite;

/// <summary>
/// The journal conformance cases against <see cref="SqliteJournal"/> on a fresh temp file per test, with a small
/// query page and small blocks so that reads cross pages and blocks. A storage failure is a full disk: the write
/// connection's max_page_count is pinned just above the file's size, so a batch of large events fails part-way.
/// </summary>
public sealed class SqliteJournalConformanceSpec : JournalConformanceSpec
{
    /// <summary>Blocks of 4 events, so that every case crosses blocks.</summary>
    private const int BlockShift = 2;

    private readonly SqliteTestFile _file = new();

    /// <inheritdoc />
    protected override Task<AsyncWriteJournal> CreateJournalAsync() =>
        Task.FromResult<AsyncWriteJournal>(new SqliteJournal(new SqliteJournalSettings(_file.Path) { QueryPageSize = 4, BlockShift = BlockShift }));

    /// <inheritdoc />
    protected override Task DeleteStorageAsync()
    {
        _file.Delete();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async Task<bool> InjectWriteFailureAsync(AsyncWriteJournal journal)
    {
        var sqlite = (SqliteJournal)journal;
        var pages = (long)(await sqlite.ExecuteOnWriteConnectionAsync("PRAGMA page_count;"))!;
        await sqlite.ExecuteOnWriteConnectionAsync($"PRAGMA max_page_count = {pages + 40};");
        return true;
    }

    /// <inheritdoc />
    protected override async Task ClearWriteFailureAsync(AsyncWriteJournal journal) =>
        await ((SqliteJournal)journal).ExecuteOnWriteConnectionAsync("PRAGMA max_page_count = 2147483646;");
}
