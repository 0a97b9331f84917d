using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Stash: ordering of unstashed messages, survival across restart, dead letters on stop.</summary>
public sealed class StashSpec : TestKit.TestKit
{
    /// <summary>Stashes strings until "open", then replays them and handles everything after; "boom" fails it.</summary>
    private sealed class Gate : ReceiveActor, IWithUnboundedStash
    {
        public IStash Stash { get; set; } = null!;

        public Gate(IActorRef report)
        {
            Receive<string>(s => s == "open", _ =>
            {
                Stash.UnstashAll();
                Become(() =>
                {
                    Receive<string>(s => s == "boom", _ => throw new InvalidOperationException("boom"));
                    Receive<string>(s => report.Tell(s, Self));
                });
            });
            Receive<string>(s => s == "boom", _ => throw new InvalidOperationException("boom"));
            Receive<string>(s => s == "count", _ => report.Tell(Stash.Count, Self));
            Receive<string>(_ => Stash.Stash());
        }
    }

    /// <summary>Stashes ints; "next" unstashes the oldest one and reports the next int it gets.</summary>
    private sealed class OneByOne : ReceiveActor, IWithUnboundedStash
    {
        public IStash Stash { get; set; } = null!;

        public OneByOne(IActorRef report)
        {
            Receive<int>(_ => Stash.Stash());
            Receive<string>(s => s == "next", _ =>
            {
                Stash.Unstash();
                BecomeStacked(() => Receive<int>(i =>
                {
                    report.Tell(i, Self);
                    UnbecomeStacked();
                }));
            });
        }
    }

    [Fact]
    public void Unstashed_messages_are_handled_in_their_original_order_before_newer_ones()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        gate.Tell("a", TestActor);
        gate.Tell("b", TestActor);
        gate.Tell("c", TestActor);
        gate.Tell("open", TestActor);
        gate.Tell("d", TestActor);
        ExpectMsg("a");
        ExpectMsg("b");
        ExpectMsg("c");
        ExpectMsg("d");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void The_stash_counts_what_it_holds()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        gate.Tell("a", TestActor);
        gate.Tell("b", TestActor);
        gate.Tell("count", TestActor);
        ExpectMsg(2);
    }

    [Fact]
    public void Unstash_puts_back_only_the_oldest_message()
    {
        var actor = Sys.ActorOf(Props.Create(() => new OneByOne(TestActor)));
        actor.Tell(1, TestActor);
        actor.Tell(2, TestActor);
        actor.Tell(3, TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        actor.Tell("next", TestActor);
        ExpectMsg(1);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        actor.Tell("next", TestActor);
        ExpectMsg(2);
    }

    [Fact]
    public void UnstashAll_with_a_predicate_keeps_the_others_stashed()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Filtering(TestActor)));
        foreach (var i in new[] { 1, 2, 3, 4 }) gate.Tell(i, TestActor);
        gate.Tell("even", TestActor);
        ExpectMsg(2);
        ExpectMsg(4);
        gate.Tell("rest", TestActor);
        ExpectMsg(1);
        ExpectMsg(3);
    }

    /// <summary>Stashes ints while closed; "even" replays the even ones into an open behaviour, "rest" the others.</summary>
    private sealed class Filtering : ReceiveActor, IWithUnboundedStash
    {
        public IStash Stash { get; set; } = null!;

        public Filtering(IActorRef report)
        {
            Receive<int>(_ => Stash.Stash());
            Receive<string>(s => s == "even", _ =>
            {
                Stash.UnstashAll(m => m is int i && i % 2 == 0);
                BecomeStacked(() =>
                {
                    Receive<int>(i => report.Tell(i, Self));
                    Receive<string>(s => s == "rest", _ => Stash.UnstashAll());
                });
            });
        }
    }

    [Fact]
    public void ClearStash_drops_the_stashed_messages()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Clearing(TestActor)));
        actor.Tell(1, TestActor);
        actor.Tell(2, TestActor);
        actor.Tell("clear", TestActor);
        ExpectMsg(2);
        actor.Tell("open", TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private sealed class Clearing : ReceiveActor, IWithUnboundedStash
    {
        public IStash Stash { get; set; } = null!;

        public Clearing(IActorRef report)
        {
            Receive<int>(_ => Stash.Stash());
            Receive<string>(s => s == "clear", _ => report.Tell(Stash.ClearStash().Count, Self));
            Receive<string>(s => s == "open", _ =>
            {
                Stash.UnstashAll();
                Become(() => Receive<int>(i => report.Tell(i, Self)));
            });
        }
    }

    [Fact]
    public void Stashing_the_same_message_twice_fails()
    {
        var actor = Sys.ActorOf(Props.Create(() => new DoubleStash(TestActor)));
        actor.Tell("x", TestActor);
        ExpectMsg<InvalidOperationException>();
        ExpectMsg(1);
    }

    /// <summary>Stashes each message twice and reports the exception of the second attempt, then the stash size.</summary>
    private sealed class DoubleStash : ReceiveActor, IWithUnboundedStash
    {
        public IStash Stash { get; set; } = null!;

        public DoubleStash(IActorRef report) => ReceiveAny(_ =>
        {
            Stash.Stash();
            try
            {
                Stash.Stash();
            }
            catch (InvalidOperationException e)
            {
                report.Tell(e, Self);
            }
            report.Tell(Stash.Count, Self);
        });
    }

    [Fact]
    public void Stashed_messages_survive_a_restart()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        gate.Tell("a", TestActor);
        gate.Tell("b", TestActor);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => gate.Tell("boom", TestActor));
        // The new instance starts closed again: the unstashed messages are stashed again until it opens.
        gate.Tell("c", TestActor);
        gate.Tell("open", TestActor);
        ExpectMsg("a");
        ExpectMsg("b");
        ExpectMsg("c");
    }

    [Fact]
    public void Stashed_messages_become_dead_letters_when_the_actor_stops()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        gate.Tell("a", TestActor);
        gate.Tell("b", TestActor);
        gate.Tell("count", TestActor);
        ExpectMsg(2);
        Watch(gate);
        EventFilter.DeadLetter<string>(s => s is "a" or "b").Expect(2, () => Sys.Stop(gate));
        ExpectTerminated(gate);
    }
}
