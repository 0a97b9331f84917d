using System.Globalization;

namespace Polca.Benchmarks;

/// <summary>
/// The arguments of the journal benchmarks: [sqlite|postgres|in-memory] [--runs N] [--actors N] [--events N] [--profile]
/// [--interleave N] (sqlite and 3 runs by default; in-memory measures the actor path without storage; --interleave: how
/// many consecutive events of one actor the recovery journal holds before the next actor's: 1 by default, as 1,000 actors persisting at once write them).
/// </summary>
internal sealed record JournalBenchmarkOptions(string Backend, int Runs, int? Actors, int? Events, bool Profile, int Interleave)
{
    public static JournalBenchmarkOptions Parse(string scenario, string[] args)
    {
        var backend = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "sqlite";
        if (backend is not ("sqlite" or "postgres" or "in-memory"))
            throw new ArgumentException($"usage: {scenario} [sqlite|postgres|in-memory] [--runs N] [--actors N] [--events N] [--profile] [--interleave N]");
        var runs = 3;
        int? actors = null, events = null;
        var profile = false;
        var interleave = 1;
        for (var i = args.Length > 0 && args[0] == backend ? 1 : 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--runs": runs = Next(); break;
                case "--actors": actors = Next(); break;
                case "--events": events = Next(); break;
                case "--profile": profile = true; break;
                case "--interleave": interleave = Next(); break;
                default: throw new ArgumentException($"{scenario}: unknown option '{args[i]}'");
            }
        }
        return new JournalBenchmarkOptions(backend, runs, actors, events, profile, interleave);
    }
}
