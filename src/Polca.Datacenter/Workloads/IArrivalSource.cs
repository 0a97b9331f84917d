namespace Polca.Datacenter.Workloads;

/// <summary>
/// A lazy sequence of request arrivals in non-decreasing time. Looping and Poisson sources never end: the consumer
/// stops reading at the run's end.
/// </summary>
public interface IArrivalSource
{
    /// <summary>Gives the next arrival, or returns false when the source is exhausted.</summary>
    bool TryNext(out ArrivalSpec arrival);
}
