using Polca.Persistence.Postgres;
using Polca.Persistence.Tests.Conformance;
using Polca.Persistence.Tests.Services;

namespace Polca.Persistence.Tests.Postgres;

/// <summary>
/// The journal conformance cases against <see cref="PostgresJournal"/>, each test in a fresh schema (dropped afterwards)
/// and with a small query page so that reads cross pages. A storage failure is a row trigger that raises once a few
/// rows of the next batch were inserted.
/// </summary>
[RequiresPostgres]
public sealed class PostgresJournalConformanceSpec : JournalConformanceSpec
{
    private PostgresTestSchema? _schema;

    /// <inheritdoc />
    protected override async Task<AsyncWriteJournal> CreateJournalAsync()
    {
        _schema ??= await PostgresTestSchema.CreateAsync();
        return new PostgresJournal(_schema.Settings with { QueryPageSize = 4 });
    }

    /// <inheritdoc />
    protected override async Task DeleteStorageAsync()
    {
        if (_schema is not null) await _schema.DisposeAsync();
        _schema = null;
    }

    /// <inheritdoc />
    protected override async Task<bool> InjectWriteFailureAsync(AsyncWriteJournal journal)
    {
        var settings = ((PostgresJournal)journal).Settings;
        var schema = $"\"{settings.Schema}\"";
        await _schema!.ExecuteAsync($"""
            CREATE SEQUENCE {schema}.injected_failure_rows;
            CREATE FUNCTION {schema}.injected_failure() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('{schema}.injected_failure_rows') >= 5 THEN
                    RAISE EXCEPTION 'injected storage failure';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER injected_failure BEFORE INSERT ON {schema}."{settings.JournalTable}"
                FOR EACH ROW EXECUTE FUNCTION {schema}.injected_failure();
            """);
        return true;
    }

    /// <inheritdoc />
    protected override async Task ClearWriteFailureAsync(AsyncWriteJournal journal)
    {
        var settings = ((PostgresJournal)journal).Settings;
        var schema = $"\"{settings.Schema}\"";
        await _schema!.ExecuteAsync($"""
            DROP TRIGGER injected_failure ON {schema}."{settings.JournalTable}";
            DROP FUNCTION {schema}.injected_failure();
            DROP SEQUENCE {schema}.injected_failure_rows;
            """);
    }
}
