using System.Globalization;
using Polca.Persistence;

namespace Polca.Cli.Replay;

/// <summary>Counts the selected events: how many, their time span, and how many per persistence id and per tag.</summary>
internal sealed class ReplaySummary
{
    /// <summary>How many persistence ids or tags are listed before "... and N more".</summary>
    public const int MaxListed = 50;

    private readonly Dictionary<string, long> _perPersistenceId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _perTag = new(StringComparer.Ordinal);
    private DateTimeOffset _first = DateTimeOffset.MaxValue;
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    /// <summary>How many events were counted.</summary>
    public long Events { get; private set; }

    /// <summary>Counts <paramref name="e"/>.</summary>
    public void Add(Persistent e)
    {
        Events++;
        if (e.Timestamp < _first) _first = e.Timestamp;
        if (e.Timestamp > _last) _last = e.Timestamp;
        _perPersistenceId[e.PersistenceId] = _perPersistenceId.GetValueOrDefault(e.PersistenceId) + 1;
        foreach (var tag in e.Tags) _perTag[tag] = _perTag.GetValueOrDefault(tag) + 1;
    }

    /// <summary>Writes the summary; <paramref name="printed"/> events were printed (null: none were meant to be).</summary>
    public void WriteTo(TextWriter output, long? printed)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"events: {Events}"));
        if (printed is { } shown && shown < Events)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"printed: {shown} (--limit)"));
        if (Events > 0)
        {
            output.WriteLine($"first: {ReplayEventFormat.Timestamp(_first)}");
            output.WriteLine($"last: {ReplayEventFormat.Timestamp(_last)}");
            output.WriteLine($"duration: {ReplayEventFormat.Duration(_last - _first)}");
        }
        WriteCounts(output, "persistence ids", _perPersistenceId);
        WriteCounts(output, "tags", _perTag);
    }

    private static void WriteCounts(TextWriter output, string title, Dictionary<string, long> counts)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title}: {counts.Count}"));
        var listed = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(MaxListed).ToList();
        var width = listed.Count == 0 ? 0 : listed.Max(c => c.Key.Length);
        foreach (var (name, count) in listed)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name.PadRight(width)}  {count}"));
        if (counts.Count > listed.Count)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... and {counts.Count - listed.Count} more"));
    }
}
