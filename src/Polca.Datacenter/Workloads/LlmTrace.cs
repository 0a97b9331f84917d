using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Globalization;
using Polca.Datacenter.Scenario;

namespace Polca.Datacenter.Workloads;

/// <summary>
/// An LLM request trace in the Azure LLM inference trace format: requests sorted by arrival, with offsets in
/// seconds from the first request.
/// </summary>
public sealed class LlmTrace
{
    /// <summary>The header an Azure LLM inference trace starts with.</summary>
    public const string Header = "TIMESTAMP,ContextTokens,GeneratedTokens";

    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.fffffff (0 to 7 fractional digits)";

    private static readonly BuiltinCache<LlmTrace> Sources = new(Parse);

    private readonly long[] _offsetTicks;

    /// <summary>
    /// Creates a trace from requests in non-decreasing offset order, the first at offset 0, each with at least one
    /// prompt and one output token.
    /// </summary>
    public LlmTrace(string name, IEnumerable<TraceRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(requests);
        var items = requests.ToArray();
        if (items.Length == 0)
        {
            throw new ArgumentException("expected at least one request, found none", nameof(requests));
        }

        var ticks = new long[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var r = items[i];
            if (!double.IsFinite(r.OffsetS) || r.OffsetS < 0 || (i == 0 && r.OffsetS != 0) || (i > 0 && r.OffsetS < items[i - 1].OffsetS))
            {
                throw new ArgumentException(
                    $"expected finite offsets in non-decreasing order starting at 0, found {r.OffsetS.ToString(CultureInfo.InvariantCulture)} s at request {i}",
                    nameof(requests));
            }

            if (r.PromptTokens < 1 || r.OutputTokens < 1)
            {
                throw new ArgumentException(
                    $"expected at least 1 prompt and 1 output token, found {r.PromptTokens} and {r.OutputTokens} at request {i}", nameof(requests));
            }

            ticks[i] = (long)Math.Round(r.OffsetS * TimeSpan.TicksPerSecond);
        }

        Name = name;
        _offsetTicks = ticks;
        Requests = new ReadOnlyCollection<TraceRequest>(items);
    }

    private LlmTrace(string name, TraceRequest[] requests, long[] offsetTicks)
    {
        Name = name;
        _offsetTicks = offsetTicks;
        Requests = new ReadOnlyCollection<TraceRequest>(requests);
    }

    /// <summary>The trace's display name (<c>builtin:azure-conv-2023</c> or the file path).</summary>
    public string Name { get; }

    /// <summary>The requests in arrival order.</summary>
    public IReadOnlyList<TraceRequest> Requests { get; }

    /// <summary>The number of requests.</summary>
    public int Count => _offsetTicks.Length;

    /// <summary>Seconds from the first request to the last.</summary>
    public double SpanS => (double)SpanTicks / TimeSpan.TicksPerSecond;

    /// <summary>100 ns ticks from the first request to the last.</summary>
    internal long SpanTicks => _offsetTicks[^1];

    /// <summary>The offset of request <paramref name="index"/> in 100 ns ticks (exact, unlike <see cref="TraceRequest.OffsetS"/>).</summary>
    internal long OffsetTicks(int index) => _offsetTicks[index];

    /// <summary>
    /// Loads a trace from a source (<c>builtin:azure-code-2023</c>, <c>builtin:azure-conv-2023</c> or a path relative to
    /// <paramref name="baseDirectory"/>). Built-ins are parsed once per process. Bad input throws an
    /// <see cref="InputFileException"/> naming the source and line.
    /// </summary>
    public static LlmTrace Load(string source, string? baseDirectory) => Sources.Load(source, baseDirectory);

    /// <summary>Parses a trace from <paramref name="reader"/>; errors name <paramref name="name"/> as the file.</summary>
    public static LlmTrace Parse(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        var header = reader.ReadLine();
        if (header is null || header.Trim() != Header)
        {
            throw new InputFileException(name, 1, $"expected the header \"{Header}\", found {(header is null ? "an empty file" : CsvFields.Show(header))}");
        }

        var requests = new List<TraceRequest>(1024);
        var ticks = new List<long>(1024);
        Span<Range> ranges = stackalloc Range[4];
        var lineNumber = 1;
        var firstTicks = 0L;
        var previousTicks = 0L;
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
                throw new InputFileException(name, pendingBlankLine, "expected 3 comma-separated fields, found an empty line");
            }

            if (CsvFields.Split(line, ranges) != 3)
            {
                throw new InputFileException(name, lineNumber, $"expected 3 comma-separated fields, found {CsvFields.Count(line)}");
            }

            var stamp = CsvFields.Field(line, ranges[0]);
            if (!TryParseTimestamp(stamp, out var t))
            {
                throw new InputFileException(name, lineNumber, $"expected a timestamp {TimestampFormat}, found {CsvFields.Show(stamp)}");
            }

            var prompt = ParseTokens(name, lineNumber, "ContextTokens", CsvFields.Field(line, ranges[1]));
            var output = ParseTokens(name, lineNumber, "GeneratedTokens", CsvFields.Field(line, ranges[2]));
            if (requests.Count == 0)
            {
                firstTicks = t;
            }
            else if (t < previousTicks)
            {
                throw new InputFileException(
                    name,
                    lineNumber,
                    $"expected timestamps in non-decreasing order, found {CsvFields.Show(stamp)} after an earlier row at {new DateTime(previousTicks).ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture)}");
            }

            previousTicks = t;
            var offset = t - firstTicks;
            ticks.Add(offset);
            requests.Add(new TraceRequest((double)offset / TimeSpan.TicksPerSecond, prompt, output));
        }

        if (requests.Count == 0)
        {
            throw new InputFileException(name, lineNumber, "expected at least one request after the header, found none");
        }

        return new LlmTrace(name, requests.ToArray(), ticks.ToArray());
    }

    private static int ParseTokens(string name, int lineNumber, string column, ReadOnlySpan<char> field)
    {
        if (!int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            throw new InputFileException(name, lineNumber, $"expected {column} as an integer of at least 1, found {CsvFields.Show(field)}");
        }

        return value;
    }

    /// <summary>Parses <c>yyyy-MM-dd HH:mm:ss</c> with an optional fraction of 1 to 7 digits into DateTime ticks.</summary>
    private static bool TryParseTimestamp(ReadOnlySpan<char> s, out long ticks)
    {
        ticks = 0;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!TryDigits(s[..4], out var year) || !TryDigits(s[5..7], out var month) || !TryDigits(s[8..10], out var day)
            || !TryDigits(s[11..13], out var hour) || !TryDigits(s[14..16], out var minute) || !TryDigits(s[17..19], out var second))
        {
            return false;
        }

        var fraction = 0;
        if (s.Length > 19)
        {
            var digits = s[20..];
            if (s[19] != '.' || digits.Length is < 1 or > 7 || !TryDigits(digits, out fraction))
            {
                return false;
            }

            for (var i = digits.Length; i < 7; i++)
            {
                fraction *= 10;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        ticks = new DateTime(year, month, day).Ticks
            + (hour * TimeSpan.TicksPerHour)
            + (minute * TimeSpan.TicksPerMinute)
            + (second * TimeSpan.TicksPerSecond)
            + fraction;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
