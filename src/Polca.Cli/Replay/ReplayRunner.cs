using System.Text;
using Polca.Persistence;

namespace Polca.Cli.Replay;

/// <summary>Reads the selected events of a journal and prints them and their summary.</summary>
internal static class ReplayRunner
{
    private const int FlushThreshold = 64 * 1024;

    /// <summary>Prints the events of <paramref name="log"/> that <paramref name="options"/> selects, then the summary.</summary>
    public static async Task RunAsync(IEventLog log, ReplayOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        var firstEvent = options.From?.OffsetFromFirstEvent is not null || options.To?.OffsetFromFirstEvent is not null
            ? await FirstTimestampAsync(log, cancellationToken).ConfigureAwait(false)
            : null;
        var from = options.From?.Resolve(firstEvent);
        var to = options.To?.Resolve(firstEvent);

        var selected = options.PersistenceId is { } persistenceId ? log.ReadByPersistenceId(persistenceId, 1, long.MaxValue, cancellationToken)
            : options.Tag is { } tag ? log.ReadByTag(tag, 0, cancellationToken)
            : log.ReadAll(0, cancellationToken);
        var alsoByTag = options.PersistenceId is not null ? options.Tag : null;

        var summary = new ReplaySummary();
        var buffer = new StringBuilder(FlushThreshold + 4096);
        long printed = 0;
        await foreach (var stored in selected.ConfigureAwait(false))
        {
            var e = stored.Event;
            if (alsoByTag is not null && !e.Tags.Contains(alsoByTag, StringComparer.Ordinal)) continue;
            if (from is { } lower && e.Timestamp < lower) continue;
            if (to is { } upper && e.Timestamp >= upper) continue;
            summary.Add(e);
            if (options.SummaryOnly || printed >= (options.Limit ?? long.MaxValue)) continue;
            ReplayEventFormat.Append(buffer, stored);
            buffer.Append(output.NewLine);
            printed++;
            if (buffer.Length >= FlushThreshold)
            {
                output.Write(buffer);
                buffer.Clear();
            }
        }
        output.Write(buffer);
        if (printed > 0) output.WriteLine();
        summary.WriteTo(output, options.SummaryOnly ? null : printed);
        output.Flush();
    }

    /// <summary>The timestamp of the journal's first event in global order (what offsets count from), or null when it is empty.</summary>
    private static async Task<DateTimeOffset?> FirstTimestampAsync(IEventLog log, CancellationToken cancellationToken)
    {
        await foreach (var stored in log.ReadAll(0, cancellationToken).ConfigureAwait(false)) return stored.Event.Timestamp;
        return null;
    }
}
