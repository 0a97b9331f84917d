using System.Globalization;
using System.Text.RegularExpressions;
using Polca.Hocon;

namespace Polca.Cli.Replay;

/// <summary>A bound of <c>--from</c> / <c>--to</c>: an ISO 8601 instant, or an offset (<c>+90s</c>) from the journal's first event.</summary>
internal sealed partial record ReplayTimeBound(DateTimeOffset? Instant, TimeSpan? OffsetFromFirstEvent)
{
    /// <summary>Reads <paramref name="text"/> given to <paramref name="option"/>; throws <see cref="ReplayUsageException"/> when it is neither form.</summary>
    public static ReplayTimeBound Parse(string text, string option)
    {
        var offset = OffsetPattern().Match(text);
        if (offset.Success)
        {
            try
            {
                // The pattern admits only a number and lowercase letters, so the HOCON text cannot be anything but a duration.
                var duration = ConfigurationFactory.ParseString($"offset = {offset.Groups["number"].Value}{offset.Groups["unit"].Value}").GetTimeSpan("offset");
                return new ReplayTimeBound(null, duration);
            }
            catch (HoconException)
            {
                throw NotAnOffset(text, option);
            }
        }
        if (text.StartsWith('+'))
            throw NotAnOffset(text, option);
        if (IsoDatePattern().IsMatch(text) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            return new ReplayTimeBound(instant, null);
        throw new ReplayUsageException(
            $"{option}: '{text}' is neither an ISO 8601 instant (e.g. 2024-01-01T00:10:00Z) nor an offset from the journal's first event (e.g. +90s, +10m, +1h)");
    }

    /// <summary>The instant this bound stands for, given the journal's first event; null (no bound) when an offset meets an empty journal.</summary>
    public DateTimeOffset? Resolve(DateTimeOffset? firstEvent)
    {
        if (Instant is { } instant) return instant;
        if (firstEvent is not { } first || OffsetFromFirstEvent is not { } offset) return null;
        return offset < DateTimeOffset.MaxValue - first ? first + offset : DateTimeOffset.MaxValue;
    }

    private static ReplayUsageException NotAnOffset(string text, string option) =>
        new($"{option}: '{text}' is not an offset (a number and a unit: ms, s, m, h or d, e.g. +90s, +10m, +1h)");

    [GeneratedRegex(@"^\+(?<number>[0-9]+(\.[0-9]+)?)\s*(?<unit>[a-z]+)$")]
    private static partial Regex OffsetPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}")]
    private static partial Regex IsoDatePattern();
}
