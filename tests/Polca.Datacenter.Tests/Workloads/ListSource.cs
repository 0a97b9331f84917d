using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Tests.Workloads;

/// <summary>An arrival source over a fixed list that counts how often it was read.</summary>
internal sealed class ListSource(params ArrivalSpec[] arrivals) : IArrivalSource
{
    private int _next;

    public int Reads { get; private set; }

    public bool TryNext(out ArrivalSpec arrival)
    {
        Reads++;
        if (_next < arrivals.Length)
        {
            arrival = arrivals[_next++];
            return true;
        }

        arrival = default;
        return false;
    }
}
