using System.Collections.ObjectModel;
using Polca.Hocon;

namespace Polca.Datacenter.Workloads;

/// <summary>
/// A parsed <c>workload</c> section: a non-empty list of uniquely named streams (see <see cref="StreamSpec"/>) whose
/// arrivals merge into one source.
/// </summary>
public sealed class WorkloadSpec
{
    private WorkloadSpec(StreamSpec[] streams)
    {
        Streams = new ReadOnlyCollection<StreamSpec>(streams);
    }

    /// <summary>The streams in the order the section lists them (their stream indexes).</summary>
    public IReadOnlyList<StreamSpec> Streams { get; }

    /// <summary>The sum of the streams' mean arrival rates per second.</summary>
    public double MeanRatePerS => Streams.Sum(s => s.MeanRatePerS);

    /// <summary>
    /// Parses the <c>workload</c> section <paramref name="workload"/> (the object holding <c>streams</c>), loading the
    /// traces it names; relative paths resolve against <paramref name="baseDirectory"/>. Bad values throw a
    /// <see cref="HoconException"/> at their origin; bad trace files an <c>InputFileException</c>.
    /// </summary>
    public static WorkloadSpec Parse(Config workload, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(workload);
        foreach (var (key, value) in workload.AsEnumerable())
        {
            if (key != "streams")
            {
                throw new HoconException(value.Origin, $"workload: unknown key \"{key}\"; expected streams");
            }
        }

        var list = workload.GetValue("streams");
        if (list is not HoconArray array)
        {
            throw new HoconException(list.Origin, $"expected workload.streams to be a list of stream objects, found {(list.IsNull ? "null" : list.Type.ToString().ToLowerInvariant())}");
        }

        if (array.Count == 0)
        {
            throw new HoconException(array.Origin, "expected at least one stream in workload.streams, found an empty list");
        }

        var streams = new StreamSpec[array.Count];
        var seen = new Dictionary<string, StreamSpec>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var stream = StreamSpec.Parse(array[i], i, baseDirectory);
            if (seen.TryGetValue(stream.Name, out var first))
            {
                throw new HoconException(
                    ((HoconObject)array[i])["name"].Origin,
                    $"expected unique stream names, found \"{stream.Name}\" again (first defined at {first.Origin})");
            }

            seen.Add(stream.Name, stream);
            streams[i] = stream;
        }

        return new WorkloadSpec(streams);
    }

    /// <summary>
    /// Builds the merged arrivals of every stream; <paramref name="randomFor"/> gives the seeded random generator for a
    /// stream name (the actor system's per-stream generators), so runs with one seed repeat exactly.
    /// </summary>
    public IArrivalSource CreateSource(Func<string, Random> randomFor)
    {
        ArgumentNullException.ThrowIfNull(randomFor);
        return new MergedArrivals(Streams.Select(s => s.CreateSource(randomFor(s.Name))).ToArray());
    }
}
