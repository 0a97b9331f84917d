using System.Diagnostics;
using Polca.Actors;

namespace Polca.Benchmarks;

/// <summary>10,000 actors each tell one aggregator 100 messages; 9 warm-up rounds, then the median of 10 measured rounds.</summary>
internal static class FanInScenario
{
    private static readonly object Go = new();
    private static readonly object Hit = new();

    private sealed class Sender(IActorRef aggregator, int messages) : ActorBase
    {
        protected override bool Receive(object message)
        {
            for (var i = 0; i < messages; i++) aggregator.Tell(Hit, Self);
            return true;
        }
    }

    private sealed class Aggregator : ActorBase
    {
        public long Expected;
        public long Count;
        public TaskCompletionSource? Done;

        protected override bool Receive(object message)
        {
            if (++Count == Expected) Done!.TrySetResult();
            return true;
        }
    }

    public static async Task Run(string[] args)
    {
        var senders = args.Length > 0 ? int.Parse(args[0]) : 10_000;
        var perSender = args.Length > 1 ? int.Parse(args[1]) : 100;
        using var system = ActorSystem.Create("fanin");
        Aggregator? aggregatorInstance = null;
        var aggregator = system.ActorOf(Props.Create(() => aggregatorInstance = new Aggregator()), "aggregator");
        var senderRefs = Enumerable.Range(0, senders).Select(i => system.ActorOf(Props.Create(() => new Sender(aggregator, perSender)))).ToArray();
        while (Volatile.Read(ref aggregatorInstance) is null) await Task.Yield();
        var rates = new List<double>();
        for (var round = 0; round < 19; round++)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // Set up the round before any message flows: the aggregator is idle between rounds.
            aggregatorInstance!.Count = 0;
            aggregatorInstance.Expected = (long)senders * perSender;
            aggregatorInstance.Done = done;
            Thread.MemoryBarrier();
            var sw = Stopwatch.StartNew();
            foreach (var s in senderRefs) s.Tell(Go, ActorRefs.NoSender);
            await done.Task;
            sw.Stop();
            if (round >= 9) rates.Add(senders * (double)perSender / sw.Elapsed.TotalSeconds);
        }
        Result.Print("fanin", ("senders", senders), ("messages_per_sender", perSender), ("rounds", rates.Count),
            ("msgs_per_s", Result.Median(rates)), ("min_msgs_per_s", rates.Min()), ("max_msgs_per_s", rates.Max()));
    }
}
