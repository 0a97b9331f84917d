using System.Globalization;
using System.Text;
using Polca.Persistence;

namespace Polca.Cli.Replay;

/// <summary>How <c>polca replay</c> writes an event and a time: one tab-separated line per event, ISO 8601 UTC times.</summary>
internal static class ReplayEventFormat
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The columns of an event line, in order.</summary>
    public const string Columns = "ordering, timestamp, persistence id, sequence number, manifest,\ntags (comma-separated, - for none), payload";

    /// <summary>Appends the line of <paramref name="stored"/> (without the line break) to <paramref name="line"/>.</summary>
    public static void Append(StringBuilder line, StoredEvent stored)
    {
        var e = stored.Event;
        line.Append(stored.Ordering.ToString(CultureInfo.InvariantCulture)).Append('\t')
            .Append(Timestamp(e.Timestamp)).Append('\t')
            .Append(e.PersistenceId).Append('\t')
            .Append(e.SequenceNr.ToString(CultureInfo.InvariantCulture)).Append('\t')
            .Append(e.Manifest).Append('\t')
            .Append(e.Tags.Count == 0 ? "-" : string.Join(',', e.Tags)).Append('\t')
            .Append(Payload(e.Payload));
    }

    /// <summary>An instant in ISO 8601 UTC, with as many fraction digits as it has (at most 7).</summary>
    public static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>A duration as d.hh:mm:ss[.fffffff] followed by its seconds.</summary>
    public static string Duration(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{duration:c} ({duration.TotalSeconds:0.###} s)");

    /// <summary>
    /// The stored payload as text: the UTF-8 JSON as written (its line breaks, insignificant in JSON, become spaces so
    /// that an event stays on one line); bytes that are not UTF-8 are shown as <c>base64:...</c>.
    /// </summary>
    public static string Payload(object payload)
    {
        if (payload is not byte[] bytes) return payload.ToString() ?? "";
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return "base64:" + Convert.ToBase64String(bytes);
        }
        return text.AsSpan().IndexOfAny('\r', '\n') >= 0 ? text.ReplaceLineEndings(" ") : text;
    }
}
