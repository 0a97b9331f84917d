using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Tests.Workloads;

/// <summary>Reads arrival sources in tests.</summary>
internal static class Arrivals
{
    public static List<ArrivalSpec> Take(IArrivalSource source, int count)
    {
        var list = new List<ArrivalSpec>(count);
        while (list.Count < count && source.TryNext(out var arrival))
        {
            list.Add(arrival);
        }

        return list;
    }

    /// <summary>Every arrival before <paramref name="end"/>, checking that time never goes backwards.</summary>
    public static List<ArrivalSpec> Until(IArrivalSource source, TimeSpan end)
    {
        var list = new List<ArrivalSpec>();
        var last = long.MinValue;
        while (source.TryNext(out var arrival) && arrival.ArrivalTicks < end.Ticks)
        {
            Assert.True(arrival.ArrivalTicks >= last, $"arrival at {arrival.ArrivalTicks} after {last}");
            last = arrival.ArrivalTicks;
            list.Add(arrival);
        }

        return list;
    }

    /// <summary>Everything a finite source yields.</summary>
    public static List<ArrivalSpec> All(IArrivalSource source) => Until(source, TimeSpan.MaxValue);
}
