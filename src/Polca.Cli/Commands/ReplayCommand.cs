using Polca.Cli.Replay;
using Polca.Datacenter.Scenario;
using Polca.Hocon;

namespace Polca.Cli.Commands;

/// <summary><c>polca replay JOURNAL</c>: prints the events a journal holds (read-only), then a summary of them.</summary>
public sealed class ReplayCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "replay";

    /// <inheritdoc />
    public string Summary => "print the events of a journal (SQLite file or HOCON naming one) and a summary";

    /// <inheritdoc />
    public string Help => $"""
        usage: polca replay JOURNAL [--from T] [--to T] [--persistence-id ID] [--tag TAG] [--limit N] [--summary]
               polca replay JOURNAL --rebuild OUT

        Reads a journal without changing it and prints one line per event, then a summary.
        JOURNAL is either
          - a SQLite journal file (opened read-only: nothing is created, converted or written), or
          - a HOCON file (*.conf, *.hocon) whose polca.persistence.journal.plugin names the journal:
            sqlite (polca.persistence.sqlite.path, relative to the current directory) or
            postgres (polca.persistence.postgres.connection-string; POLCA_POSTGRES overrides it).

        Event lines are tab-separated: {ReplayEventFormat.Columns}.
        Timestamps are ISO 8601 UTC; the payload is the stored JSON text, not interpreted.
        Events come in global order; with --persistence-id in sequence order, with --tag in tag order.
        The summary gives the number of events, their time span, and the counts per persistence id and
        per tag (most first, at most {ReplaySummary.MaxListed} of each).

        --from T               only events at or after T
        --to T                 only events before T
                               T is an ISO 8601 instant (2024-01-01T00:10:00Z) or an offset from the
                               journal's first event: +90s, +10m, +1h (units ms, s, m, h, d)
        --persistence-id ID    only the events of ID
        --tag TAG              only the events tagged TAG
        --limit N              print at most N events (the summary still counts all selected events)
        --summary              print the summary only
        --rebuild OUT          rebuild the run's summary.json, timeseries.csv and report.html into the folder OUT
                               from the journal of a polca run alone (they equal the run's own)

        exit codes:
          0  the events and the summary were printed on stdout
          2  bad usage, or a journal that cannot be read (missing file, not a Polca journal, corrupt
             file, unreachable PostgreSQL); the reason is printed on stderr as FILE: message
        """;

    /// <inheritdoc />
    public int Execute(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        if (arguments.Any(a => a is "--help" or "-h"))
        {
            output.WriteLine(Help);
            return ExitCodes.Success;
        }

        ReplayOptions options;
        try
        {
            options = ReplayOptions.Parse(arguments);
        }
        catch (ReplayUsageException e)
        {
            error.WriteLine($"polca replay: {e.Message} (see 'polca replay --help')");
            return ExitCodes.Failure;
        }

        // Off the caller's synchronization context: the journals' async reads complete on the thread pool.
        return Task.Run(() => ReplayAsync(options, output, error)).GetAwaiter().GetResult();
    }

    private static async Task<int> ReplayAsync(ReplayOptions options, TextWriter output, TextWriter error)
    {
        ReplayJournal? journal = null;
        try
        {
            journal = ReplayJournalOpener.Open(options.Journal);
            if (options.RebuildDirectory is { } outDir)
            {
                var summary = await RunRebuild.RebuildAsync(journal.Log, journal.Subject, outDir).ConfigureAwait(false);
                output.WriteLine($"rebuilt {summary.Scenario} (seed {summary.Seed}, {summary.EmulatedS:0.###} s emulated) into {outDir}: summary.json, timeseries.csv, report.html");
                return ExitCodes.Success;
            }

            await ReplayRunner.RunAsync(journal.Log, options, output).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (ReplayInputException e)
        {
            error.WriteLine($"{e.Subject}: {e.Message}");
        }
        catch (InputFileException e)
        {
            error.WriteLine(e.Message);
        }
        catch (HoconException e)
        {
            error.WriteLine(e.Message);
        }
        catch (Exception e) when (journal?.Explain(e) is { } explained)
        {
            error.WriteLine($"{explained.Subject}: {explained.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{options.Journal}: {e.Message}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error.WriteLine($"{options.Journal}: internal error ({e.GetType().Name}): {e.Message}");
        }
        finally
        {
            if (journal is not null) await journal.DisposeAsync().ConfigureAwait(false);
        }
        return ExitCodes.Failure;
    }
}
