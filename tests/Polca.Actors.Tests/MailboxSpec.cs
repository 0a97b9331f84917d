using Polca.Actors;

namespace Polca.Actors.Tests;

/// <summary>The mailbox under load: no lost wake-ups, no lost or duplicated messages, no allocation per Tell, bursts beyond one block.</summary>
public sealed class MailboxSpec : TestKit.TestKit
{
    private sealed record Ball(int Remaining);

    /// <summary>Bounces a ball back and forth until it has made its last hop, then tells the probe.</summary>
    private sealed class Player(IActorRef done) : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is not Ball ball) return false;
            if (ball.Remaining == 0) done.Tell("done", Self);
            else Sender.Tell(new Ball(ball.Remaining - 1), Self);
            return true;
        }
    }

    /// <summary>Like <see cref="Player"/>, but completes a task: for systems outside the TestKit.</summary>
    private sealed class RallyPlayer(TaskCompletionSource done) : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is not Ball ball) return false;
            if (ball.Remaining == 0) done.TrySetResult();
            else Sender.Tell(new Ball(ball.Remaining - 1), Self);
            return true;
        }
    }

    [Fact]
    public async Task One_message_in_flight_in_real_time_is_never_lost()
    {
        // On the thread pool with real time (no quiescence counting to add fences), a lost wake-up stalls a rally.
        using var system = ActorSystem.Create("rally", new ActorSystemSettings { ClockMode = ClockMode.RealTime, HandoffLimit = 0 });
        var rallies = Enumerable.Range(0, 4).Select(_ =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var a = system.ActorOf(Props.Create(() => new RallyPlayer(done)));
            var b = system.ActorOf(Props.Create(() => new RallyPlayer(done)));
            a.Tell(new Ball(200_000), b);
            return done.Task;
        }).ToArray();
        // A stalled rally (a message left in an unscheduled mailbox) never completes: the bound turns it into a failure.
        await Task.WhenAll(rallies).WaitAsync(TimeSpan.FromSeconds(60));
    }

    private sealed class Counter : ActorBase
    {
        private int _count;

        protected override bool Receive(object message)
        {
            if (message is "count?") Sender.Tell(_count, Self);
            else _count++;
            return true;
        }
    }

    [Fact]
    public void One_message_in_flight_between_two_actors_is_never_lost_over_many_hops()
    {
        // Every hop wakes an idle actor: a lost wake-up would stall the rally and the expectation would time out.
        const int pairs = 4;
        const int hops = 20_000;
        for (var p = 0; p < pairs; p++)
        {
            var a = Sys.ActorOf(Props.Create(() => new Player(TestActor)));
            var b = Sys.ActorOf(Props.Create(() => new Player(TestActor)));
            a.Tell(new Ball(hops), b);
        }
        ReceiveN(pairs, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Bursts_larger_than_a_block_arrive_complete_and_in_order()
    {
        var received = new List<int>();
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(received, TestActor)));
        const int total = 5_000;
        for (var i = 0; i < total; i++) actor.Tell(i, ActorRefs.NoSender);
        actor.Tell("end", ActorRefs.NoSender);
        ExpectMsg("end");
        Assert.Equal(Enumerable.Range(0, total), received);
    }

    private sealed class Recorder(List<int> received, IActorRef probe) : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is int i) received.Add(i);
            else probe.Tell(message, Self);
            return true;
        }
    }

    [Fact]
    public void Telling_a_reused_message_allocates_nothing_on_the_sending_thread()
    {
        var counter = Sys.ActorOf(Props.Create(() => new Counter()));
        var message = new object();
        void Batch()
        {
            for (var i = 0; i < 16; i++) counter.Tell(message, ActorRefs.NoSender);
            AwaitQuiescence();
        }
        for (var i = 0; i < 100; i++) Batch();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            for (var j = 0; j < 16; j++) counter.Tell(message, ActorRefs.NoSender);
            Sys.VirtualTime!.WaitForQuiescence();
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        counter.Tell("count?", TestActor);
        ExpectMsg(100 * 16 + 200 * 16);
    }

    [Fact]
    public void Concurrent_senders_lose_and_duplicate_nothing()
    {
        var counter = Sys.ActorOf(Props.Create(() => new Counter()));
        const int threads = 4;
        const int perThread = 25_000;
        var workers = Enumerable.Range(0, threads)
            .Select(_ => new Thread(() =>
            {
                for (var i = 0; i < perThread; i++) counter.Tell(i, ActorRefs.NoSender);
            }))
            .ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        counter.Tell("count?", TestActor);
        ExpectMsg(threads * perThread);
    }

    [Fact]
    public void Messages_queued_behind_a_stop_become_dead_letters()
    {
        var counter = Sys.ActorOf(Props.Create(() => new Counter()));
        EventFilter.DeadLetter<string>(s => s == "late").Expect(3, () =>
        {
            counter.Tell(PoisonPill.Instance, ActorRefs.NoSender);
            for (var i = 0; i < 3; i++) counter.Tell("late", ActorRefs.NoSender);
        });
    }
}
