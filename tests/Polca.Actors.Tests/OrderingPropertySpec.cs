using FsCheck;
using FsCheck.Fluent;
using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Property: whatever the interleaving of concurrent senders, each sender's messages reach a receiver in the order sent.</summary>
public sealed class OrderingPropertySpec : TestKit.TestKit
{
    private sealed record Numbered(int Sender, int Sequence);

    private sealed record Burst(int Size);

    private sealed record GetReport;

    private sealed record OrderReport(IReadOnlyDictionary<int, int> Received, IReadOnlyList<string> Violations);

    /// <summary>Checks that each sender's numbered messages arrive in order and without gaps.</summary>
    private sealed class Checker : ReceiveActor
    {
        public Checker()
        {
            var next = new Dictionary<int, int>();
            var violations = new List<string>();
            Receive<Numbered>(m =>
            {
                var expected = next.GetValueOrDefault(m.Sender);
                if (m.Sequence != expected) violations.Add($"sender {m.Sender}: expected {expected}, got {m.Sequence}");
                next[m.Sender] = m.Sequence + 1;
            });
            Receive<GetReport>(_ => Sender.Tell(new OrderReport(new Dictionary<int, int>(next), violations.ToArray()), Self));
        }
    }

    /// <summary>On each burst, sends its next numbers to the checker.</summary>
    private sealed class Producer : ReceiveActor
    {
        public Producer(int id, IActorRef target)
        {
            var sequence = 0;
            Receive<Burst>(b =>
            {
                for (var i = 0; i < b.Size; i++) target.Tell(new Numbered(id, sequence++), Self);
            });
        }
    }

    /// <summary>A schedule: how many producers, and a list of (producer, burst size) steps told to them in that order.</summary>
    private static Gen<(int Producers, (int Producer, int Size)[] Steps)> ScheduleGen =>
        from producers in Gen.Choose(1, 6)
        from length in Gen.Choose(1, 25)
        from steps in Gen.ArrayOf(Gen.Choose(0, producers - 1).Zip(Gen.Choose(1, 40)), length)
        select (producers, steps);

    private bool ArrivesInOrder(int producers, (int Producer, int Size)[] steps)
    {
        var checker = Sys.ActorOf(Props.Create<Checker>());
        var actors = Enumerable.Range(0, producers).Select(id => Sys.ActorOf(Props.Create(() => new Producer(id, checker)))).ToArray();
        // The test thread is one more sender, interleaved with the producer actors running on other threads.
        var ownSequence = 0;
        foreach (var (producer, size) in steps)
        {
            actors[producer].Tell(new Burst(size), ActorRefs.NoSender);
            checker.Tell(new Numbered(-1, ownSequence++), ActorRefs.NoSender);
        }
        AwaitQuiescence();
        checker.Tell(new GetReport(), TestActor);
        var report = ExpectMsg<OrderReport>();

        foreach (var actor in actors) Sys.Stop(actor);
        Sys.Stop(checker);

        var expected = steps.GroupBy(s => s.Producer).ToDictionary(g => g.Key, g => g.Sum(s => s.Size));
        expected[-1] = ownSequence;
        return report.Violations.Count == 0
               && report.Received.Count == expected.Count
               && expected.All(e => report.Received.GetValueOrDefault(e.Key) == e.Value);
    }

    [Fact]
    public void Each_senders_messages_arrive_in_order_whatever_the_interleaving()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(50).WithQuietOnSuccess(true),
            Prop.ForAll(ScheduleGen.ToArbitrary(), schedule => ArrivesInOrder(schedule.Producers, schedule.Steps)));
    }

    [Fact]
    public void Each_senders_messages_arrive_in_order_when_the_senders_are_threads()
    {
        var threadCounts = Gen.Choose(2, 4).Zip(Gen.Choose(100, 2000));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(20).WithQuietOnSuccess(true), Prop.ForAll(threadCounts.ToArbitrary(), pair =>
        {
            var (threads, perThread) = pair;
            var checker = Sys.ActorOf(Props.Create<Checker>());
            using var start = new ManualResetEventSlim(false);
            var workers = Enumerable.Range(0, threads).Select(id => new Thread(() =>
            {
                start.Wait();
                for (var i = 0; i < perThread; i++) checker.Tell(new Numbered(id, i), ActorRefs.NoSender);
            })).ToList();
            workers.ForEach(t => t.Start());
            start.Set();
            workers.ForEach(t => t.Join());
            checker.Tell(new GetReport(), TestActor);
            var report = ExpectMsg<OrderReport>();
            Sys.Stop(checker);
            return report.Violations.Count == 0 && report.Received.Values.All(n => n == perThread) && report.Received.Count == threads;
        }));
    }
}
