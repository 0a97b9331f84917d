using System.Globalization;
using System.Text;
using Polca.Datacenter.Scenario;
using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Telemetry;

/// <summary>
/// Reads and writes timeseries.csv: one line per row and emulated second, invariant culture, powers in W with one decimal.
/// A row name with a comma or a double quote is quoted as in RFC 4180; line breaks in a row name are refused.
/// </summary>
public static class TimeseriesCsv
{
    /// <summary>The name of the time series in a run's output folder.</summary>
    public const string FileName = "timeseries.csv";

    /// <summary>The header line, naming the columns in order.</summary>
    public const string Header = "time_s,row,true_power_w,sensed_power_w,budget_w,capped_servers_low,capped_servers_high,braked_servers";

    private static readonly string[] Columns = Header.Split(',');

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/> (creating its folder) through a temporary file moved into place.</summary>
    public static void Write(string path, IEnumerable<TimeseriesRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = new TimeseriesCsvWriter(path);
        foreach (var row in rows) writer.Append(row);
        writer.Complete();
    }

    /// <summary>
    /// Reads every row of the file at <paramref name="path"/> (blank lines skipped); a missing file, a wrong header or a bad
    /// field raises an <see cref="InputFileException"/> naming the file, the line and the column.
    /// </summary>
    public static IReadOnlyList<TimeseriesRow> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return Read(reader, path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputFileException(path, 0, "expected a time series (timeseries.csv), found no file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(path, 0, $"cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Reads every row from <paramref name="reader"/>; errors name <paramref name="file"/>.</summary>
    public static IReadOnlyList<TimeseriesRow> Read(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine();
        if (header is null)
        {
            throw new InputFileException(file, 1, $"expected the header \"{Header}\", found an empty file");
        }

        if (header.Trim() != Header)
        {
            throw new InputFileException(file, 1, $"expected the header \"{Header}\", found {CsvFields.Show(header)}");
        }

        var rows = new List<TimeseriesRow>();
        var fields = new List<string>(Columns.Length + 1);
        Span<Range> ranges = stackalloc Range[Columns.Length + 1];
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            rows.Add(ParseLine(line, file, lineNumber, fields, ranges, names));
        }

        return rows;
    }

    /// <summary>The CSV line of <paramref name="row"/> (without line break); throws <see cref="ArgumentException"/> for a value the file cannot hold.</summary>
    public static string FormatLine(TimeseriesRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Validate(row);
        var c = CultureInfo.InvariantCulture;
        return string.Create(c, $"{row.TimeS},{QuoteIfNeeded(row.Row)},{row.TruePowerW.ToString("0.0", c)},{row.SensedPowerW.ToString("0.0", c)},{row.BudgetW.ToString("0.0", c)},{row.CappedServersLow},{row.CappedServersHigh},{row.BrakedServers}");
    }

    private static void Validate(TimeseriesRow row)
    {
        if (row.TimeS < 0) throw new ArgumentException($"time_s must not be negative, found {row.TimeS}", nameof(row));
        if (string.IsNullOrEmpty(row.Row)) throw new ArgumentException("row must be named, found an empty name", nameof(row));
        if (row.Row.AsSpan().IndexOfAny('\r', '\n') >= 0) throw new ArgumentException($"row name must be one line, found \"{row.Row.ReplaceLineEndings(" ")}\"", nameof(row));
        CheckPower(row.TruePowerW, "true_power_w");
        CheckPower(row.SensedPowerW, "sensed_power_w");
        CheckPower(row.BudgetW, "budget_w");
        CheckCount(row.CappedServersLow, "capped_servers_low");
        CheckCount(row.CappedServersHigh, "capped_servers_high");
        CheckCount(row.BrakedServers, "braked_servers");
    }

    private static void CheckPower(double value, string column)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"{column} must be a finite number, found {value.ToString(CultureInfo.InvariantCulture)}", nameof(value));
    }

    private static void CheckCount(int value, string column)
    {
        if (value < 0) throw new ArgumentException($"{column} must not be negative, found {value}", nameof(value));
    }

    private static string QuoteIfNeeded(string name) =>
        name.AsSpan().IndexOfAny(',', '"') >= 0 || name.Trim().Length != name.Length
            ? $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : name;

    private static TimeseriesRow ParseLine(string line, string file, int lineNumber, List<string> fields, Span<Range> ranges, Dictionary<string, string> names)
    {
        ReadOnlySpan<char> text = line;
        if (text.Contains('"'))
        {
            // Quoted fields: the slow path, one string per field.
            Split(line, fields, file, lineNumber);
            if (fields.Count != Columns.Length)
            {
                throw new InputFileException(file, lineNumber, $"expected {Columns.Length} fields ({Header}), found {fields.Count}");
            }

            return Parse(file, lineNumber, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], names);
        }

        var count = text.Split(ranges, ',');
        if (count != Columns.Length)
        {
            throw new InputFileException(file, lineNumber, $"expected {Columns.Length} fields ({Header}), found {CsvFields.Count(text)}");
        }

        return Parse(
            file,
            lineNumber,
            text[ranges[0]].Trim(),
            text[ranges[1]].Trim(),
            text[ranges[2]].Trim(),
            text[ranges[3]].Trim(),
            text[ranges[4]].Trim(),
            text[ranges[5]].Trim(),
            text[ranges[6]].Trim(),
            text[ranges[7]].Trim(),
            names);
    }

    private static TimeseriesRow Parse(
        string file,
        int lineNumber,
        ReadOnlySpan<char> time,
        ReadOnlySpan<char> row,
        ReadOnlySpan<char> truePower,
        ReadOnlySpan<char> sensedPower,
        ReadOnlySpan<char> budget,
        ReadOnlySpan<char> cappedLow,
        ReadOnlySpan<char> cappedHigh,
        ReadOnlySpan<char> braked,
        Dictionary<string, string> names)
    {
        if (row.IsEmpty)
        {
            throw new InputFileException(file, lineNumber, "column row: expected a row name, found an empty field");
        }

        // One string per row name, not one per line: a day of 25 rows is 2 million lines.
        var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(row, out var name))
        {
            name = row.ToString();
            names[name] = name;
        }

        return new TimeseriesRow(
            ParseTime(time, file, lineNumber),
            name,
            ParsePower(truePower, 2, file, lineNumber),
            ParsePower(sensedPower, 3, file, lineNumber),
            ParsePower(budget, 4, file, lineNumber),
            ParseCount(cappedLow, 5, file, lineNumber),
            ParseCount(cappedHigh, 6, file, lineNumber),
            ParseCount(braked, 7, file, lineNumber));
    }

    /// <summary>Splits an RFC 4180 line into <paramref name="fields"/>; unquoted fields are trimmed.</summary>
    private static void Split(string line, List<string> fields, string file, int lineNumber)
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] == ' ') i++;
            if (i < line.Length && line[i] == '"')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new InputFileException(file, lineNumber, $"column {ColumnName(fields.Count)}: expected a closing double quote, found the end of the line");
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            value.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    value.Append(line[i++]);
                }

                while (i < line.Length && line[i] == ' ') i++;
                if (i < line.Length && line[i] != ',')
                {
                    throw new InputFileException(file, lineNumber, $"column {ColumnName(fields.Count)}: expected a comma after the closing double quote, found '{line[i]}'");
                }

                fields.Add(value.ToString());
            }
            else
            {
                var end = line.IndexOf(',', i);
                fields.Add(line[i..(end < 0 ? line.Length : end)].Trim());
                i = end < 0 ? line.Length : end;
            }

            if (i >= line.Length) return;
            i++; // the comma
        }
    }

    private static string ColumnName(int index) => index < Columns.Length ? Columns[index] : $"#{index + 1}";

    private static long ParseTime(ReadOnlySpan<char> field, string file, int lineNumber)
    {
        if (!long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw new InputFileException(file, lineNumber, $"column time_s: expected a whole number of seconds >= 0, found {CsvFields.Show(field)}");
        }

        return value;
    }

    private static double ParsePower(ReadOnlySpan<char> field, int column, string file, int lineNumber)
    {
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new InputFileException(file, lineNumber, $"column {Columns[column]}: expected a finite number of watts, found {CsvFields.Show(field)}");
        }

        return value;
    }

    private static int ParseCount(ReadOnlySpan<char> field, int column, string file, int lineNumber)
    {
        if (!int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw new InputFileException(file, lineNumber, $"column {Columns[column]}: expected a whole number of servers >= 0, found {CsvFields.Show(field)}");
        }

        return value;
    }
}
