using Polca.Actors;
using Polca.Actors.Event;
using Polca.Hocon;

namespace Polca.Persistence.Tests.Actor;

/// <summary>Persistent actors on the in-memory journal: persist, recover, stash during persist, snapshots, rejection, deletion, tags.</summary>
public sealed class PersistentActorSpec : TestKit.TestKit
{
    public sealed record Add(int Amount);
    public sealed record Added(int Amount);
    public sealed record CounterState(int Total);
    public sealed record Unregistered(int Value);
    public sealed record Get;
    public sealed record TakeSnapshot;
    public sealed record Forget(long ToSequenceNr);
    public sealed record Boom;

    private sealed class Counter : ReceivePersistentActor
    {
        private readonly string _id;
        private readonly IActorRef _probe;
        private int _total;

        public Counter(string id, IActorRef probe)
        {
            _id = id;
            _probe = probe;
            Recover<Added>(e => _total += e.Amount);
            Recover<SnapshotOffer>(o => _total = ((CounterState)o.Snapshot).Total);
            Recover<RecoveryCompleted>(_ => probe.Tell($"recovered {_total} at {LastSequenceNr}", Self));
            Command<Add>(c => Persist(new Added(c.Amount), e =>
            {
                _total += e.Amount;
                Sender.Tell($"total {_total}", Self);
            }));
            Command<Tagged>(t => Persist(t, e => Sender.Tell($"tagged {((Added)e.Payload).Amount}", Self)));
            Command<Unregistered>(u => Persist(u, _ => Sender.Tell("should not run", Self)));
            Command<Get>(_ => Sender.Tell(_total, Self));
            Command<TakeSnapshot>(_ => SaveSnapshot(new CounterState(_total)));
            Command<SaveSnapshotSuccess>(s => probe.Tell($"snapshot at {s.Metadata.SequenceNr}", Self));
            Command<Forget>(f => DeleteMessages(f.ToSequenceNr));
            Command<DeleteMessagesSuccess>(d => probe.Tell($"deleted to {d.ToSequenceNr}", Self));
            Command<Boom>(_ => throw new InvalidOperationException("boom"));
        }

        public override string PersistenceId => _id;

        protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
        {
            base.OnPersistRejected(cause, @event, sequenceNr);
            _probe.Tell($"rejected {@event.GetType().Name} #{sequenceNr}", Self);
        }
    }

    public PersistentActorSpec() : base(ConfigurationFactory.ParseString("polca.persistence { journal.plugin = in-memory, snapshot-store.plugin = in-memory }"))
    {
        Persistence.Instance.Apply(Sys).Serializer
            .Register<Added>("added")
            .Register<CounterState>("counter-state");
    }

    private IActorRef StartCounter(string id) => Sys.ActorOf(Props.Create(() => new Counter(id, TestActor)));

    [Fact]
    public void Events_are_persisted_and_replayed_into_a_new_incarnation()
    {
        var counter = StartCounter("c1");
        ExpectMsg("recovered 0 at 0");
        counter.Tell(new Add(2), TestActor);
        ExpectMsg("total 2");
        counter.Tell(new Add(3), TestActor);
        ExpectMsg("total 5");
        Watch(counter);
        Sys.Stop(counter);
        ExpectTerminated(counter);

        StartCounter("c1");
        ExpectMsg("recovered 5 at 2");
    }

    [Fact]
    public void Commands_wait_while_a_persist_is_in_flight_and_handlers_see_the_command_sender()
    {
        var counter = StartCounter("c2");
        ExpectMsg("recovered 0 at 0");
        var probe = CreateTestProbe();
        counter.Tell(new Add(1), probe.Ref);
        counter.Tell(new Get(), probe.Ref);
        counter.Tell(new Add(10), probe.Ref);
        counter.Tell(new Get(), probe.Ref);
        probe.ExpectMsg("total 1");
        probe.ExpectMsg(1);
        probe.ExpectMsg("total 11");
        probe.ExpectMsg(11);
    }

    [Fact]
    public void Commands_sent_before_recovery_finishes_are_handled_after_it()
    {
        var first = StartCounter("c3");
        ExpectMsg("recovered 0 at 0");
        for (var i = 0; i < 50; i++) first.Tell(new Add(1), ActorRefs.NoSender);
        first.Tell(new Get(), TestActor);
        ExpectMsg(50);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var second = StartCounter("c3");
        second.Tell(new Get(), TestActor);
        ExpectMsg("recovered 50 at 50");
        ExpectMsg(50);
    }

    [Fact]
    public void Recovery_starts_from_the_latest_snapshot_and_replays_only_later_events()
    {
        var counter = StartCounter("c4");
        ExpectMsg("recovered 0 at 0");
        counter.Tell(new Add(4), TestActor);
        ExpectMsg("total 4");
        counter.Tell(new TakeSnapshot(), TestActor);
        ExpectMsg("snapshot at 1");
        counter.Tell(new Add(6), TestActor);
        ExpectMsg("total 10");
        Watch(counter);
        Sys.Stop(counter);
        ExpectTerminated(counter);

        StartCounter("c4");
        ExpectMsg("recovered 10 at 2");
    }

    [Fact]
    public void An_event_that_cannot_be_serialized_is_rejected_and_the_actor_continues()
    {
        var counter = StartCounter("c5");
        ExpectMsg("recovered 0 at 0");
        counter.Tell(new Unregistered(1), TestActor);
        ExpectMsg("rejected Unregistered #1");
        counter.Tell(new Add(7), TestActor);
        ExpectMsg("total 7");
    }

    [Fact]
    public void Deleted_events_are_not_replayed_and_the_sequence_continues()
    {
        var counter = StartCounter("c6");
        ExpectMsg("recovered 0 at 0");
        counter.Tell(new Add(1), TestActor);
        ExpectMsg("total 1");
        counter.Tell(new Add(2), TestActor);
        ExpectMsg("total 3");
        counter.Tell(new Forget(1), TestActor);
        ExpectMsg("deleted to 1");
        Watch(counter);
        Sys.Stop(counter);
        ExpectTerminated(counter);

        StartCounter("c6");
        ExpectMsg("recovered 2 at 2");
    }

    [Fact]
    public void A_failing_command_restarts_the_actor_which_recovers_its_state_from_the_journal()
    {
        var counter = StartCounter("c7");
        ExpectMsg("recovered 0 at 0");
        counter.Tell(new Add(3), TestActor);
        ExpectMsg("total 3");
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => counter.Tell(new Boom(), TestActor));
        ExpectMsg("recovered 3 at 1");
        counter.Tell(new Get(), TestActor);
        ExpectMsg(3);
    }

    [Fact]
    public async Task Tagged_events_can_be_queried_by_tag_in_global_order()
    {
        var a = StartCounter("tag-a");
        ExpectMsg("recovered 0 at 0");
        var b = StartCounter("tag-b");
        ExpectMsg("recovered 0 at 0");
        a.Tell(new Tagged(new Added(1), "row-A"), TestActor);
        ExpectMsg("tagged 1");
        b.Tell(new Tagged(new Added(2), "row-B"), TestActor);
        ExpectMsg("tagged 2");
        a.Tell(new Tagged(new Added(3), "row-A", "hot"), TestActor);
        ExpectMsg("tagged 3");

        var read = Persistence.Instance.Apply(Sys).ReadJournalFor();
        var rowA = new List<int>();
        await foreach (var e in read.CurrentEventsByTag("row-A")) rowA.Add(((Added)e.Event).Amount);
        Assert.Equal([1, 3], rowA);
        var all = new List<string>();
        await foreach (var e in read.CurrentAllEvents()) all.Add($"{e.PersistenceId}#{e.SequenceNr}");
        Assert.Equal(["tag-a#1", "tag-b#1", "tag-a#2"], all);
    }

    private sealed class Deferring : ReceivePersistentActor
    {
        public Deferring(IActorRef probe)
        {
            RecoverAny(_ => { });
            Command<string>(s =>
            {
                PersistAsync(new Added(1), _ => probe.Tell($"persisted {s}", Self));
                DeferAsync(s, d => probe.Tell($"deferred {d}", Self));
                probe.Tell($"handled {s}", Self);
            });
        }

        public override string PersistenceId => "deferring";
    }

    [Fact]
    public void PersistAsync_does_not_hold_back_commands_and_DeferAsync_runs_after_earlier_persists()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Deferring(TestActor)));
        actor.Tell("a", TestActor);
        actor.Tell("b", TestActor);
        var messages = ReceiveN(6).Cast<string>().ToList();
        Assert.True(messages.IndexOf("handled b") < messages.IndexOf("persisted b"));
        Assert.True(messages.IndexOf("persisted a") < messages.IndexOf("deferred a"));
        Assert.True(messages.IndexOf("persisted b") < messages.IndexOf("deferred b"));
        Assert.True(messages.IndexOf("deferred a") < messages.IndexOf("deferred b"));
    }
}
