using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Globalization;
using Polca.Datacenter.Scenario;

namespace Polca.Datacenter.Workloads;

/// <summary>
/// A SplitwiseSim profiling table (<c>perf_model.csv</c>): prefill and decode latency per (model, hardware,
/// tensor-parallel) configuration, see <see cref="PerfProfile"/>.
/// </summary>
public sealed class PerfModel
{
    /// <summary>The header a SplitwiseSim performance table starts with.</summary>
    public const string Header =
        "model,hardware,prompt_size,batch_size,token_size,peak_power,average_power,prompt_time,token_time,e2e_time,tensor_parallel";

    private const int FieldCount = 11;

    private static readonly BuiltinCache<PerfModel> Sources = new(Parse);

    private readonly Dictionary<(string Model, string Hardware, int TensorParallel), PerfProfile> _profiles;

    private PerfModel(string name, Dictionary<(string, string, int), PerfProfile> profiles)
    {
        Name = name;
        _profiles = profiles;
        Profiles = new ReadOnlyCollection<PerfProfile>(profiles.Values
            .OrderBy(p => p.Model, StringComparer.Ordinal)
            .ThenBy(p => p.Hardware, StringComparer.Ordinal)
            .ThenBy(p => p.TensorParallel)
            .ToArray());
    }

    /// <summary>The table's display name (<c>builtin:splitwise-perf-model</c> or the file path).</summary>
    public string Name { get; }

    /// <summary>Every configuration in the table, sorted by model, hardware and tensor-parallel degree.</summary>
    public IReadOnlyList<PerfProfile> Profiles { get; }

    /// <summary>
    /// The profile of (<paramref name="model"/>, <paramref name="hardware"/>, <paramref name="tensorParallel"/>);
    /// an <see cref="ArgumentException"/> listing the known configurations when the table has none.
    /// </summary>
    public PerfProfile For(string model, string hardware, int tensorParallel)
    {
        if (_profiles.TryGetValue((model, hardware, tensorParallel), out var profile))
        {
            return profile;
        }

        throw new ArgumentException(
            $"{Name} has no profile for {PerfProfile.Describe(model, hardware, tensorParallel)}; expected one of {string.Join(", ", Profiles)}");
    }

    /// <summary>
    /// Loads a table from a source (<c>builtin:splitwise-perf-model</c> or a path relative to
    /// <paramref name="baseDirectory"/>). The built-in is parsed once per process. Bad input throws an
    /// <see cref="InputFileException"/> naming the source and line.
    /// </summary>
    public static PerfModel Load(string source, string? baseDirectory) => Sources.Load(source, baseDirectory);

    /// <summary>Parses a table from <paramref name="reader"/>; errors name <paramref name="name"/> as the file.</summary>
    public static PerfModel Parse(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        var header = reader.ReadLine();
        if (header is null || header.Trim() != Header)
        {
            throw new InputFileException(name, 1, $"expected the header \"{Header}\", found {(header is null ? "an empty file" : CsvFields.Show(header))}");
        }

        var rows = new Dictionary<(string, string, int), List<PerfRow>>();
        Span<Range> ranges = stackalloc Range[FieldCount + 1];
        var lineNumber = 1;
        var pendingBlankLine = 0;
        while (reader.ReadLine() is { } text)
        {
            lineNumber++;
            var line = text.AsSpan();
            if (line.IsWhiteSpace())
            {
                pendingBlankLine = pendingBlankLine == 0 ? lineNumber : pendingBlankLine;
                continue;
            }

            if (pendingBlankLine != 0)
            {
                throw new InputFileException(name, pendingBlankLine, $"expected {FieldCount} comma-separated fields, found an empty line");
            }

            if (CsvFields.Split(line, ranges) != FieldCount)
            {
                throw new InputFileException(name, lineNumber, $"expected {FieldCount} comma-separated fields, found {CsvFields.Count(line)}");
            }

            var row = new RowReader(name, lineNumber, line, ranges);
            var model = row.Name(0, "model");
            var hardware = row.Name(1, "hardware");
            var promptSize = row.Count(2, "prompt_size");
            var batchSize = row.Count(3, "batch_size");
            var tokenSize = row.Count(4, "token_size");
            row.NonNegative(5, "peak_power");
            row.NonNegative(6, "average_power");
            var promptTime = row.Positive(7, "prompt_time");
            var tokenTime = row.Positive(8, "token_time");
            row.Positive(9, "e2e_time");
            var tensorParallel = row.Count(10, "tensor_parallel");

            var key = (model, hardware, tensorParallel);
            if (!rows.TryGetValue(key, out var list))
            {
                list = [];
                rows.Add(key, list);
            }

            list.Add(new PerfRow(promptSize, batchSize, tokenSize, promptTime, tokenTime));
        }

        if (rows.Count == 0)
        {
            throw new InputFileException(name, lineNumber, "expected at least one row after the header, found none");
        }

        var profiles = rows.ToDictionary(kv => kv.Key, kv => PerfProfile.Build(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Value));
        return new PerfModel(name, profiles);
    }

    /// <summary>Reads and validates the fields of one row, throwing with the file and line.</summary>
    private readonly ref struct RowReader(string file, int line, ReadOnlySpan<char> text, Span<Range> ranges)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private readonly Span<Range> _ranges = ranges;

        public string Name(int index, string column)
        {
            var field = CsvFields.Field(_text, _ranges[index]);
            return field.Length > 0 ? field.ToString() : throw Error($"expected {column} as a non-empty name, found an empty field");
        }

        public int Count(int index, string column)
        {
            var field = CsvFields.Field(_text, _ranges[index]);
            return int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
                ? value
                : throw Error($"expected {column} as an integer of at least 1, found {CsvFields.Show(field)}");
        }

        public double Positive(int index, string column)
        {
            var value = Number(index, column, "a positive number");
            return value > 0 ? value : throw Error($"expected {column} as a positive number, found {CsvFields.Show(CsvFields.Field(_text, _ranges[index]))}");
        }

        public double NonNegative(int index, string column)
        {
            var value = Number(index, column, "a number of at least 0");
            return value >= 0 ? value : throw Error($"expected {column} as a number of at least 0, found {CsvFields.Show(CsvFields.Field(_text, _ranges[index]))}");
        }

        private double Number(int index, string column, string expected)
        {
            var field = CsvFields.Field(_text, _ranges[index]);
            return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw Error($"expected {column} as {expected}, found {CsvFields.Show(field)}");
        }

        private InputFileException Error(string reason) => new(file, line, reason);
    }
}
