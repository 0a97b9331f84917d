using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Deterministic mode: with virtual time and a seed, a workload of timers and random delays replays identically.</summary>
public sealed class DeterminismSpec : TestKit.TestKit
{
    private sealed record Peers(IReadOnlyList<IActorRef> All);

    private sealed record Ping(int Hop, int Value);

    private sealed record Heartbeat(int Number);

    /// <summary>Records every message it gets; answers pings by pinging random peers after random delays (some at once).</summary>
    private sealed class Worker : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        public Worker(Trace trace, int maxHops)
        {
            var random = Context.System.CreateRandom(Self.Path.Name);
            IReadOnlyList<IActorRef> peers = [];
            var beats = 0;
            Receive<Peers>(p =>
            {
                peers = p.All;
                Timers.StartPeriodicTimer("heartbeat", new Heartbeat(0), TimeSpan.FromSeconds(random.Next(1, 4)));
                Self.Tell(new Ping(0, random.Next(1000)), Self);
            });
            Receive<Heartbeat>(_ =>
            {
                trace.Add(Context, $"heartbeat {++beats}");
                if (beats % 3 == 0) peers[random.Next(peers.Count)].Tell(new Ping(maxHops, beats), Self);
            });
            Receive<Ping>(ping =>
            {
                trace.Add(Context, $"ping hop={ping.Hop} value={ping.Value}");
                if (ping.Hop >= maxHops) return;
                var fanOut = random.Next(1, 3);
                for (var i = 0; i < fanOut; i++)
                {
                    var peer = peers[random.Next(peers.Count)];
                    var next = new Ping(ping.Hop + 1, random.Next(1000));
                    // Whole seconds (or nothing): many timers fall due at the same instants.
                    var delay = TimeSpan.FromSeconds(random.Next(0, 3));
                    if (delay == TimeSpan.Zero) peer.Tell(next, Self);
                    else Context.System.Scheduler.ScheduleTellOnce(delay, peer, next, Self);
                }
            });
        }
    }

    /// <summary>Creates the workers and introduces them to each other from inside the system, so that no outside thread races it.</summary>
    private sealed class Coordinator : ReceiveActor
    {
        public Coordinator(Trace trace, int workers, int maxHops)
        {
            var all = Enumerable.Range(0, workers)
                .Select(i => Context.ActorOf(Props.Create(() => new Worker(trace, maxHops)), $"worker-{i}"))
                .ToList();
            foreach (var worker in all) worker.Tell(new Peers(all), Self);
        }
    }

    /// <summary>The trace of a run: virtual time, receiver (with uid), sender and event, in the order they happened.</summary>
    private sealed class Trace
    {
        private readonly List<string> _lines = [];

        public void Add(IActorContext context, string what)
        {
            var line = $"{context.System.Clock.Elapsed.TotalMilliseconds,8} {context.Self.Path.ToSerializationFormat()} <- {context.Sender.Path.Name}: {what}";
            lock (_lines) _lines.Add(line);
        }

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines) return _lines.ToArray();
            }
        }
    }

    private static IReadOnlyList<string> Run(int seed)
    {
        var settings = TestKit.TestKit.DefaultSettings with { ClockMode = ClockMode.VirtualTime, Deterministic = true, Seed = seed };
        using var system = ActorSystem.Create("determinism", settings);
        var trace = new Trace();
        system.ActorOf(Props.Create(() => new Coordinator(trace, 8, 6)), "coordinator");
        system.VirtualTime!.Advance(TimeSpan.FromSeconds(30));
        return trace.Lines;
    }

    [Fact]
    public void The_same_seed_gives_the_same_trace()
    {
        var first = Run(seed: 42);
        var second = Run(seed: 42);
        Assert.True(first.Count > 400, $"the workload is too small to say much ({first.Count} events)");
        var firstDifference = Enumerable.Range(0, Math.Min(first.Count, second.Count)).FirstOrDefault(i => first[i] != second[i], -1);
        Assert.True(firstDifference < 0 && first.Count == second.Count,
            firstDifference < 0 ? $"lengths differ: {first.Count} and {second.Count}" : $"event {firstDifference} differs:\n{first[firstDifference]}\n{second[firstDifference]}");
    }

    [Fact]
    public void A_different_seed_gives_a_different_trace()
    {
        Assert.NotEqual(Run(seed: 1), Run(seed: 2));
    }

    [Fact]
    public void CreateRandom_gives_the_same_sequence_for_the_same_seed_and_stream()
    {
        var settings = TestKit.TestKit.DefaultSettings with { Seed = 7 };
        using var a = ActorSystem.Create("random-a", settings);
        using var b = ActorSystem.Create("random-b", settings);
        int[] Draw(ActorSystem s, string stream)
        {
            var r = s.CreateRandom(stream);
            return Enumerable.Range(0, 10).Select(_ => r.Next()).ToArray();
        }
        Assert.Equal(Draw(a, "gpu-0"), Draw(b, "gpu-0"));
        Assert.NotEqual(Draw(a, "gpu-0"), Draw(a, "gpu-1"));
    }

    [Fact]
    public void Uids_are_derived_from_the_seed_in_deterministic_mode()
    {
        var settings = TestKit.TestKit.DefaultSettings with { Deterministic = true, Seed = 5 };
        long FirstUid()
        {
            using var s = ActorSystem.Create("uids", settings);
            return s.ActorOf(Props.Create(() => new Worker(new Trace(), 0)), "w").Path.Uid;
        }
        Assert.Equal(FirstUid(), FirstUid());
    }
}
