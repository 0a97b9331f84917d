using System.Diagnostics.Tracing;

namespace Polca.Benchmarks;

/// <summary>
/// Listens to the runtime's GC events in process and keeps every pause (execution engine suspended to restarted) with the
/// generation collected, so a paced benchmark can tell how much of its lag the collector makes.
/// </summary>
internal sealed class GcPauseListener : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly List<(double Ms, int Generation)> _pauses = [];
    private readonly object _gate = new();
    private DateTime _suspended;
    private int _generation = -1;

    /// <summary>Pauses so far: milliseconds and the generation collected (-1 when the pause was not for a collection).</summary>
    public List<(double Ms, int Generation)> Pauses
    {
        get
        {
            lock (_gate) return [.. _pauses];
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Informational, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        switch (e.EventName)
        {
            case "GCSuspendEEBegin_V1":
                _suspended = e.TimeStamp;
                _generation = -1;
                break;
            case "GCStart_V2":
                if (e.Payload is { Count: > 1 } payload) _generation = Convert.ToInt32(payload[1], System.Globalization.CultureInfo.InvariantCulture);
                break;
            case "GCRestartEEEnd_V1":
                if (_suspended != default)
                {
                    lock (_gate) _pauses.Add(((e.TimeStamp - _suspended).TotalMilliseconds, _generation));
                    _suspended = default;
                }
                break;
        }
    }
}
