using System.Diagnostics;
using Polca.Actors;

namespace Polca.Benchmarks;

/// <summary>N pairs of actors bouncing messages; 1 or 1000 messages in flight per pair; 1 s warm-up, 5 s measured.</summary>
internal static class PingPongScenario
{
    private static readonly object Ball = new();

    private sealed class Player : ActorBase
    {
        public IActorRef? Partner;
        public long Received;

        protected override bool Receive(object message)
        {
            if (message is IActorRef partner)
            {
                Partner = partner;
                return true;
            }
            Received++;
            Partner!.Tell(message, Self);
            return true;
        }
    }

    public static async Task Run(string[] args)
    {
        var pairsList = args.Length > 0 ? args[0].Split(',').Select(int.Parse).ToArray() : [1, 2, 8, 100];
        var inFlightList = args.Length > 1 ? args[1].Split(',').Select(int.Parse).ToArray() : [1, 1000];
        var measured = TimeSpan.FromSeconds(args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
        foreach (var inFlight in inFlightList)
        foreach (var pairs in pairsList)
            await RunOne(pairs, inFlight, measured);
    }

    private static async Task RunOne(int pairs, int inFlight, TimeSpan measured)
    {
        using var system = ActorSystem.Create("pingpong");
        var players = new List<Player>();
        var refs = new List<(IActorRef A, IActorRef B)>();
        var created = new List<Player>();
        for (var i = 0; i < pairs; i++)
        {
            var a = system.ActorOf(Props.Create(() => Track(new Player(), created)));
            var b = system.ActorOf(Props.Create(() => Track(new Player(), created)));
            a.Tell(b, ActorRefs.NoSender);
            b.Tell(a, ActorRefs.NoSender);
            refs.Add((a, b));
        }
        while (true)
        {
            lock (created) if (created.Count == pairs * 2) break;
            await Task.Yield();
        }
        players.AddRange(created);
        foreach (var (a, b) in refs)
            for (var m = 0; m < inFlight; m++) a.Tell(Ball, b);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = players.Sum(p => Volatile.Read(ref p.Received));
        var sw = Stopwatch.StartNew();
        await Task.Delay(measured);
        var after = players.Sum(p => Volatile.Read(ref p.Received));
        var seconds = sw.Elapsed.TotalSeconds;
        Result.Print("pingpong", ("pairs", pairs), ("in_flight", inFlight), ("seconds", seconds), ("msgs_per_s", (after - before) / seconds));
    }

    private static Player Track(Player player, List<Player> created)
    {
        lock (created) created.Add(player);
        return player;
    }
}
