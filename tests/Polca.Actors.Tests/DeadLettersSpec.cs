using Polca.Actors.Event;
using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Dead letters: what cannot be delivered is published as <see cref="DeadLetter"/> on the event stream.</summary>
public sealed class DeadLettersSpec : TestKit.TestKit
{
    private sealed record Letter(int Number);

    private sealed class Idle : ReceiveActor
    {
        public Idle() => Receive<Letter>(_ => { });
    }

    private IActorRef StoppedActor()
    {
        var actor = Sys.ActorOf(Props.Create<Idle>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        return actor;
    }

    [Fact]
    public void A_message_to_a_stopped_actor_becomes_a_dead_letter()
    {
        var actor = StoppedActor();
        EventFilter.DeadLetter<Letter>().ExpectOne(() => actor.Tell(new Letter(1), TestActor));
    }

    [Fact]
    public void The_dead_letter_carries_the_message_the_sender_and_the_recipient()
    {
        var actor = StoppedActor();
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        actor.Tell(new Letter(7), TestActor);
        var letter = ExpectMsg<DeadLetter>();
        Assert.Equal(new Letter(7), letter.Message);
        Assert.Equal(TestActor, letter.Sender);
        Assert.Equal(actor, letter.Recipient);
    }

    [Fact]
    public void Each_undelivered_message_is_one_dead_letter()
    {
        var actor = StoppedActor();
        EventFilter.DeadLetter<Letter>().Expect(5, () =>
        {
            for (var i = 0; i < 5; i++) actor.Tell(new Letter(i), TestActor);
        });
    }

    [Fact]
    public void The_dead_letter_filter_counts_only_matching_messages()
    {
        var actor = StoppedActor();
        EventFilter.DeadLetter<Letter>(l => l.Number % 2 == 0).Expect(3, () =>
        {
            for (var i = 0; i < 6; i++) actor.Tell(new Letter(i), TestActor);
        });
    }

    [Fact]
    public void Messages_told_to_the_dead_letters_ref_are_published()
    {
        EventFilter.DeadLetter<Letter>().ExpectOne(() => Sys.DeadLetters.Tell(new Letter(1), TestActor));
    }

    [Fact]
    public void A_message_to_a_path_with_no_actor_becomes_a_dead_letter()
    {
        var nobody = Sys.Provider.ResolveActorRef(Sys.Provider.RootPath / "user" / "nobody-here");
        EventFilter.DeadLetter<Letter>().ExpectOne(() => nobody.Tell(new Letter(1), TestActor));
    }

    [Fact]
    public void A_message_without_a_sender_is_a_dead_letter_from_dead_letters()
    {
        var actor = StoppedActor();
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        actor.Tell(new Letter(1), ActorRefs.NoSender);
        Assert.Equal(Sys.DeadLetters, ExpectMsg<DeadLetter>().Sender);
    }

    [Fact]
    public void Messages_queued_when_an_actor_stops_become_dead_letters()
    {
        var actor = Sys.ActorOf(Props.Create(() => new StopsOnFirst()));
        Watch(actor);
        EventFilter.DeadLetter<Letter>().Expect(3, () =>
        {
            actor.Tell("stop", TestActor);
            for (var i = 0; i < 3; i++) actor.Tell(new Letter(i), TestActor);
        });
        ExpectTerminated(actor);
    }

    /// <summary>Stops itself when told "stop"; what follows is never handled.</summary>
    private sealed class StopsOnFirst : ReceiveActor
    {
        public StopsOnFirst()
        {
            Receive<string>(_ => Context.Stop(Self));
            Receive<Letter>(_ => throw new InvalidOperationException("a letter after stop was handled"));
        }
    }

    [Fact]
    public void A_stopped_subscriber_of_dead_letters_does_not_make_them_loop()
    {
        // Without the guard this recursed (dead letter to a stopped subscriber -> dead letter of that -> ...) until the
        // stack overflowed and took the test host down.
        var subscriber = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(subscriber.Ref);
        Watch(subscriber.Ref);
        Sys.Stop(subscriber.Ref);
        ExpectTerminated(subscriber.Ref);

        var actor = StoppedActor();
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        actor.Tell(new Letter(1), TestActor);
        Assert.Equal(new Letter(1), ExpectMsg<DeadLetter>().Message);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Nothing_becomes_a_dead_letter_when_every_message_is_delivered()
    {
        var actor = Sys.ActorOf(Props.Create<Idle>());
        Assert.Equal(0, EventFilter.DeadLetter().Count(() =>
        {
            for (var i = 0; i < 10; i++) actor.Tell(new Letter(i), TestActor);
        }));
    }
}
