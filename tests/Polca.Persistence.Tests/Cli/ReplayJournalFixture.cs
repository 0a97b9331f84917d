using Microsoft.Data.Sqlite;
using Polca.Actors;
using Polca.Hocon;
using Polca.Persistence.Tests.Sqlite;

namespace Polca.Persistence.Tests.Cli;

/// <summary>
/// A SQLite journal written through real persistent actors on a virtual clock, shared by the replay specs:
/// meter-1 (tags power, rack-a) samples at +0s, +60s, ... +540s; meter-2 (tags power, rack-b) at +30s, +90s, ... +570s;
/// breaker-1 trips once, untagged, at +300s. 21 events, +0s being the first.
/// </summary>
public sealed class ReplayJournalFixture : IDisposable
{
    /// <summary>A power sample as persisted.</summary>
    public sealed record PowerSampled(double Watts, long Sample);

    /// <summary>A breaker trip as persisted (no tags).</summary>
    public sealed record BreakerTripped(string Reason);

    /// <summary>The command that makes a meter persist a sample.</summary>
    public sealed record Sample(double Watts);

    /// <summary>The command that makes a breaker persist a trip.</summary>
    public sealed record Trip(string Reason);

    private sealed class Meter : ReceivePersistentActor
    {
        private readonly string _id;
        private long _samples;

        public Meter(string id, string rack, Action persisted)
        {
            _id = id;
            Recover<PowerSampled>(_ => _samples++);
            Command<Sample>(s => Persist(new Tagged(new PowerSampled(s.Watts, _samples + 1), "power", rack), _ =>
            {
                _samples++;
                persisted();
            }));
        }

        public override string PersistenceId => _id;
    }

    private sealed class Breaker : ReceivePersistentActor
    {
        public Breaker(Action persisted)
        {
            Recover<BreakerTripped>(_ => { });
            Command<Trip>(t => Persist(new BreakerTripped(t.Reason), _ => persisted()));
        }

        public override string PersistenceId => "breaker-1";
    }

    /// <summary>How many events the journal holds.</summary>
    public const int EventCount = 21;

    private readonly SqliteTestFile _file = new();

    /// <summary>Runs the actors until every event is persisted, then terminates the system so that the file is closed.</summary>
    public ReplayJournalFixture()
    {
        Path = _file.Path;
        var config = ConfigurationFactory.ParseString($$"""
            polca.persistence.journal.plugin = sqlite
            polca.persistence.snapshot-store.plugin = sqlite
            polca.persistence.sqlite.path = "{{Path.Replace("\\", "\\\\", StringComparison.Ordinal)}}"
            polca.clock.mode = virtual
            polca.clock.virtual-advance = automatic
            polca.logging.console.enabled = off
            """);
        var system = ActorSystem.Create("replay-spec", config);
        try
        {
            Persistence.Instance.Apply(system).Serializer
                .Register<PowerSampled>("power-sampled")
                .Register<BreakerTripped>("breaker-tripped");
            var persisted = 0;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void Persisted()
            {
                if (Interlocked.Increment(ref persisted) == EventCount) done.TrySetResult();
            }
            var meter1 = system.ActorOf(Props.Create(() => new Meter("meter-1", "rack-a", Persisted)), "meter-1");
            var meter2 = system.ActorOf(Props.Create(() => new Meter("meter-2", "rack-b", Persisted)), "meter-2");
            var breaker = system.ActorOf(Props.Create(() => new Breaker(Persisted)), "breaker-1");

            // Scheduled together, so the delays between the events are exact on the virtual clock.
            var start = TimeSpan.FromSeconds(10);
            for (var i = 0; i < 10; i++)
            {
                system.Scheduler.ScheduleTellOnce(start + TimeSpan.FromSeconds(60 * i), meter1, new Sample(100 + i), ActorRefs.NoSender);
                system.Scheduler.ScheduleTellOnce(start + TimeSpan.FromSeconds(60 * i + 30), meter2, new Sample(200 + i), ActorRefs.NoSender);
            }
            system.Scheduler.ScheduleTellOnce(start + TimeSpan.FromSeconds(300), breaker, new Trip("overload"), ActorRefs.NoSender);
            if (!done.Task.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException($"only {Volatile.Read(ref persisted)} of {EventCount} events were persisted");
        }
        finally
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(30));
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <summary>Deletes the journal file and its companions.</summary>
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _file.Delete();
    }
}
