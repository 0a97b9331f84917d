using System.Text.Json;
using Polca.Actors;
using Polca.Hocon;

namespace Polca.Persistence.Tests.Actor;

/// <summary>Schema evolution: events stored under an old manifest are upcast on replay; event adapters convert domain events to stored ones and back.</summary>
public sealed class SchemaEvolutionSpec : TestKit.TestKit
{
    public sealed record CapSetV1(int Watts);
    public sealed record CapSet(double Watts, string Reason);
    public sealed record StoredCap(double Watts, string Reason, int Version);
    public sealed record SetCap(double Watts);

    /// <summary>Reads "cap-set.v1" ({"Watts": 300}) as today's CapSet with a default reason.</summary>
    private sealed class CapSetV1Upcaster : IEventUpcaster
    {
        public string FromManifest => "cap-set.v1";

        public object Upcast(JsonElement stored, JsonSerializerOptions options) =>
            new CapSet(stored.GetProperty("Watts").GetInt32(), "migrated from v1");
    }

    /// <summary>Stores CapSet as StoredCap (with a version) and turns it back on replay.</summary>
    private sealed class CapAdapter : IEventAdapter
    {
        public bool Handles(object domainEvent) => domainEvent is CapSet;

        public object ToJournal(object domainEvent) => domainEvent is CapSet c ? new StoredCap(c.Watts, c.Reason, 2) : domainEvent;

        public IReadOnlyList<object> FromJournal(object storedEvent, string manifest) =>
            storedEvent is StoredCap s ? [new CapSet(s.Watts, s.Reason)] : [storedEvent];
    }

    private sealed class Gpu(string id, IActorRef probe) : ReceivePersistentActor
    {
        private readonly List<string> _history = [];

        public override string PersistenceId => id;

        protected override void PreStart()
        {
            Recover<CapSet>(e => _history.Add($"{e.Watts} ({e.Reason})"));
            Recover<RecoveryCompleted>(_ => probe.Tell(string.Join(", ", _history), Self));
            Command<SetCap>(c => Persist(new CapSet(c.Watts, "operator"), e =>
            {
                _history.Add($"{e.Watts} ({e.Reason})");
                Sender.Tell("ok", Self);
            }));
        }
    }

    public SchemaEvolutionSpec() : base(ConfigurationFactory.ParseString("polca.persistence { journal.plugin = in-memory, snapshot-store.plugin = in-memory }"))
    {
        Persistence.Instance.Apply(Sys).Serializer
            .Register<StoredCap>("cap-set.v2")
            .RegisterUpcaster(new CapSetV1Upcaster())
            .RegisterAdapter(new CapAdapter());
    }

    [Fact]
    public async Task Old_events_are_upcast_and_new_ones_go_through_the_adapter_both_ways()
    {
        var persistence = Persistence.Instance.Apply(Sys);
        // An event written by an older version of the program, under the old manifest.
        var old = new Persistent(JsonSerializer.SerializeToUtf8Bytes(new CapSetV1(300)), 1, "gpu-0", "cap-set.v1", false, "old-writer", Sys.Clock.Now, []);
        var written = await persistence.JournalPluginFor().WriteMessagesAsync([new AtomicWrite([old])]);
        Assert.Null(written[0]);

        var gpu = Sys.ActorOf(Props.Create(() => new Gpu("gpu-0", TestActor)));
        ExpectMsg("300 (migrated from v1)");
        gpu.Tell(new SetCap(250.5), TestActor);
        ExpectMsg("ok");
        Watch(gpu);
        Sys.Stop(gpu);
        ExpectTerminated(gpu);

        Sys.ActorOf(Props.Create(() => new Gpu("gpu-0", TestActor)));
        ExpectMsg("300 (migrated from v1), 250.5 (operator)");
    }

    [Fact]
    public async Task The_stored_form_is_the_adapter_output_under_its_registered_manifest()
    {
        var gpu = Sys.ActorOf(Props.Create(() => new Gpu("gpu-1", TestActor)));
        ExpectMsg("");
        gpu.Tell(new SetCap(400), TestActor);
        ExpectMsg("ok");
        var log = (IEventLog)Persistence.Instance.Apply(Sys).JournalPluginFor();
        var stored = new List<StoredEvent>();
        await foreach (var e in log.ReadByPersistenceId("gpu-1", 1, long.MaxValue)) stored.Add(e);
        var only = Assert.Single(stored);
        Assert.Equal("cap-set.v2", only.Event.Manifest);
        var json = JsonDocument.Parse((byte[])only.Event.Payload).RootElement;
        Assert.Equal(2, json.GetProperty("Version").GetInt32());
    }
}
