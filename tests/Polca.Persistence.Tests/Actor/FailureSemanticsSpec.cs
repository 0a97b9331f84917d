using Polca.Actors;
using Polca.Hocon;

namespace Polca.Persistence.Tests.Actor;

/// <summary>A failed write stops the actor and a backoff supervisor brings it back from the journal; a down journal trips the circuit breaker and writes resume when it is back, nothing lost or written twice.</summary>
public sealed class FailureSemanticsSpec : TestKit.TestKit
{
    private static readonly FlakyJournal Journal = new();
    private const string Plugin = "flaky-failure-spec";

    static FailureSemanticsSpec() => JournalPlugins.Register(Plugin, _ => (Journal, new InMemorySnapshotStore()));

    public sealed record Add(int Amount);
    public sealed record Added(int Amount);

    private sealed class Counter(string id, IActorRef probe) : ReceivePersistentActor
    {
        private int _total;

        public override string PersistenceId => id;

        protected override void PreStart()
        {
            Recover<Added>(e => _total += e.Amount);
            Recover<RecoveryCompleted>(_ => probe.Tell($"recovered {_total}", Self));
            Command<Add>(c => Persist(new Added(c.Amount), e =>
            {
                _total += e.Amount;
                probe.Tell($"total {_total}", Self);
            }));
        }
    }

    public FailureSemanticsSpec() : base(ConfigurationFactory.ParseString($$"""
        polca.persistence {
          journal { plugin = {{Plugin}}, circuit-breaker { max-failures = 2, call-timeout = 5s, reset-timeout = 10s } }
          snapshot-store.plugin = {{Plugin}}
        }
        """))
    {
        Persistence.Instance.Apply(Sys).Serializer.Register<Added>("failure-spec.added");
        Journal.Down = false;
    }

    private static Props CounterProps(string id, IActorRef probe) => Props.Create(() => new Counter(id, probe));

    [Fact]
    public async Task Down_journal_stops_the_actor_trips_the_breaker_and_the_supervised_actor_resumes_when_it_is_back()
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(BackoffOptions.OnStop(CounterProps("flaky-1", TestActor), "counter",
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), 0.0)));
        ExpectMsg("recovered 0");
        supervisor.Tell(new Add(1), TestActor);
        ExpectMsg("total 1");

        Journal.Down = true;
        // The write fails: the actor logs it and stops; its supervisor restarts it after 1 s.
        EventFilter.Error(contains: "Failed to persist event type [Added] with sequence number [2]").ExpectOne(() => supervisor.Tell(new Add(2), TestActor));
        // The restarted actor's recovery fails too, which is the second failure in a row: the breaker opens.
        EventFilter.Error(contains: "circuit breaker opened after 2 consecutive failures").ExpectOne(() => Advance(TimeSpan.FromSeconds(1)));
        // While open, calls fail at once: the journal sees no more attempts however often the actor is restarted.
        var attempts = Journal.FailedCalls;
        Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(attempts, Journal.FailedCalls);

        Journal.Down = false;
        // After the reset timeout a restart's recovery is the trial call: it succeeds and the breaker closes.
        EventFilter.Info(contains: "circuit breaker closed").ExpectOne(() => FishForMessage(m => m is "recovered 1", TimeSpan.FromSeconds(30)));
        supervisor.Tell(new Add(5), TestActor);
        ExpectMsg("total 6");

        var stored = new List<long>();
        await foreach (var e in Journal.ReadByPersistenceId("flaky-1", 1, long.MaxValue)) stored.Add(e.Event.SequenceNr);
        Assert.Equal([1, 2], stored);
    }
}
