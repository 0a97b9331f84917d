namespace Polca.Datacenter.Workloads;

/// <summary>
/// Merges several arrival sources by time, lazily (a k-way merge over a small heap). Ties go to the source listed
/// first, which is the lower stream index when the sources are a workload's streams in order.
/// </summary>
public sealed class MergedArrivals : IArrivalSource
{
    private readonly IArrivalSource[] _sources;
    private readonly ArrivalSpec[] _heads;
    private readonly PriorityQueue<int, (long Ticks, int Source)> _queue;

    /// <summary>Creates the merge; each source must yield its arrivals in non-decreasing time.</summary>
    public MergedArrivals(IReadOnlyList<IArrivalSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = sources.ToArray();
        _heads = new ArrivalSpec[_sources.Length];
        _queue = new PriorityQueue<int, (long, int)>(_sources.Length);
        for (var i = 0; i < _sources.Length; i++)
        {
            _heads[i] = new ArrivalSpec(long.MinValue, 0, 0, default, i);
            Pull(i);
        }
    }

    /// <inheritdoc/>
    public bool TryNext(out ArrivalSpec arrival)
    {
        if (!_queue.TryDequeue(out var source, out _))
        {
            arrival = default;
            return false;
        }

        arrival = _heads[source];
        Pull(source);
        return true;
    }

    private void Pull(int source)
    {
        if (!_sources[source].TryNext(out var next))
        {
            return;
        }

        if (next.ArrivalTicks < _heads[source].ArrivalTicks)
        {
            throw new InvalidOperationException(
                $"expected source {source} to yield arrivals in non-decreasing time, found {next.ArrivalTicks} ticks after {_heads[source].ArrivalTicks}");
        }

        _heads[source] = next;
        _queue.Enqueue(source, (next.ArrivalTicks, source));
    }
}
