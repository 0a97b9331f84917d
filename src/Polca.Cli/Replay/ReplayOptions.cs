using System.Globalization;

namespace Polca.Cli.Replay;

/// <summary>The parsed arguments of <c>polca replay</c>.</summary>
internal sealed record ReplayOptions
{
    /// <summary>The journal: a SQLite file, or a HOCON file (*.conf, *.hocon) that names one.</summary>
    public required string Journal { get; init; }

    /// <summary>Only events at or after this time.</summary>
    public ReplayTimeBound? From { get; init; }

    /// <summary>Only events before this time.</summary>
    public ReplayTimeBound? To { get; init; }

    /// <summary>Only the events of this persistence id, in sequence order.</summary>
    public string? PersistenceId { get; init; }

    /// <summary>Only the events with this tag, in tag (global) order.</summary>
    public string? Tag { get; init; }

    /// <summary>At most this many events printed (the summary still counts every selected event).</summary>
    public long? Limit { get; init; }

    /// <summary>Print the summary only.</summary>
    public bool SummaryOnly { get; init; }

    /// <summary>Rebuild a run's summary.json, timeseries.csv and report.html into this folder instead of printing events.</summary>
    public string? RebuildDirectory { get; init; }

    /// <summary>Reads the arguments after the verb; throws <see cref="ReplayUsageException"/> on an unknown option, a missing or bad value.</summary>
    public static ReplayOptions Parse(IReadOnlyList<string> arguments)
    {
        string? journal = null;
        ReplayTimeBound? from = null, to = null;
        string? persistenceId = null, tag = null;
        long? limit = null;
        var summaryOnly = false;
        string? rebuild = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var onlyPositional = false;

        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (onlyPositional || argument == "-" || !argument.StartsWith('-'))
            {
                if (journal is not null) throw new ReplayUsageException($"expected one JOURNAL but got '{journal}' and '{argument}'");
                journal = argument;
                continue;
            }
            if (argument == "--")
            {
                onlyPositional = true;
                continue;
            }

            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? argument[..equals] : argument;
            var inlineValue = equals > 0 ? argument[(equals + 1)..] : null;
            if (!seen.Add(name)) throw new ReplayUsageException($"{name} given twice");

            string Value()
            {
                if (inlineValue is not null) return inlineValue;
                if (i + 1 >= arguments.Count || (arguments[i + 1].StartsWith("--", StringComparison.Ordinal) && arguments[i + 1].Length > 2))
                    throw new ReplayUsageException($"{name} needs a value");
                return arguments[++i];
            }

            switch (name)
            {
                case "--from":
                    from = ReplayTimeBound.Parse(Value(), name);
                    break;
                case "--to":
                    to = ReplayTimeBound.Parse(Value(), name);
                    break;
                case "--persistence-id":
                    persistenceId = NonEmpty(Value(), name);
                    break;
                case "--tag":
                    tag = NonEmpty(Value(), name);
                    break;
                case "--limit":
                    var text = Value();
                    limit = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                        ? n
                        : throw new ReplayUsageException($"--limit: '{text}' is not a count (a whole number, 0 or more)");
                    break;
                case "--summary":
                    if (inlineValue is not null) throw new ReplayUsageException("--summary takes no value");
                    summaryOnly = true;
                    break;
                case "--rebuild":
                    rebuild = NonEmpty(Value(), name);
                    break;
                default:
                    throw new ReplayUsageException($"unknown option '{name}'");
            }
        }

        if (journal is null) throw new ReplayUsageException("missing JOURNAL (a SQLite journal file, or a HOCON file naming the journal)");
        return new ReplayOptions
        {
            Journal = journal,
            From = from,
            To = to,
            PersistenceId = persistenceId,
            Tag = tag,
            Limit = limit,
            SummaryOnly = summaryOnly,
            RebuildDirectory = rebuild,
        };
    }

    private static string NonEmpty(string value, string option) =>
        value.Length > 0 ? value : throw new ReplayUsageException($"{option} needs a non-empty value");
}
