using System.Diagnostics.Tracing;
using System.Globalization;

namespace Polca.Benchmarks;

/// <summary>
/// Samples the runtime's allocation ticks (one event about every 100 KB allocated, naming the type that crossed the
/// mark) and sums the bytes per type: a cheap in-process picture of what a benchmark allocates.
/// </summary>
internal sealed class AllocationCensus : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytesByType = [];

    /// <summary>Sampled bytes per type name, largest first.</summary>
    public List<KeyValuePair<string, long>> ByType()
    {
        lock (_bytesByType) return [.. _bytesByType.OrderByDescending(pair => pair.Value)];
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null || e.Payload is null) return;
        var typeIndex = e.PayloadNames.IndexOf("TypeName");
        var amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
        if (typeIndex < 0 || amountIndex < 0 || e.Payload[typeIndex] is not string type) return;
        var bytes = Convert.ToInt64(e.Payload[amountIndex], CultureInfo.InvariantCulture);
        lock (_bytesByType) _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + bytes;
    }
}
