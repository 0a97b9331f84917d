using System.Diagnostics;

namespace Polca.Actors.Tests;

/// <summary>
/// Deterministic mode on virtual time, where the dispatcher thread moves the clock itself whenever it runs out of work:
/// freely (automatic advance) or for a caller's Advance or RunUntil (manual advance, as the emulator's runner does).
/// Seeded runs replay exactly, timers due at one instant fire in the order they were set, and open external work (a
/// journal write) holds the clock still until it ends.
/// </summary>
public sealed class AutomaticVirtualTimeSpec
{
    private static readonly TimeSpan WallLimit = TimeSpan.FromSeconds(30);

    private static ActorSystemSettings Settings(int seed = 1, bool automatic = true) => TestKit.TestKit.DefaultSettings with
    {
        ClockMode = ClockMode.VirtualTime,
        VirtualTimeAdvance = automatic ? VirtualTimeAdvance.Automatic : VirtualTimeAdvance.Manual,
        Deterministic = true,
        Seed = seed,
    };

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    /// <summary>A thread-safe list of what happened, in order.</summary>
    private sealed class Log<T>
    {
        private readonly List<T> _items = [];

        public void Add(T item)
        {
            lock (_items) _items.Add(item);
        }

        public int Count
        {
            get
            {
                lock (_items) return _items.Count;
            }
        }

        public T[] ToArray()
        {
            lock (_items) return _items.ToArray();
        }

        /// <summary>Waits (wall clock) until at least <paramref name="count"/> items are in.</summary>
        public T[] WaitFor(int count)
        {
            Assert.True(SpinWait.SpinUntil(() => Count >= count, WallLimit), $"only {Count} of {count} events came within {WallLimit.TotalSeconds} s");
            return ToArray();
        }
    }

    /// <summary>Waits (wall clock) until the system is idle for good: nothing pending, no live timer, twice in a row.</summary>
    private static void WaitUntilFinished(ActorSystem system, Func<int> progress)
    {
        var time = system.VirtualTime!;
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var before = progress();
            if (time.IsQuiescent && time.NextTimerDue is null && time.IsQuiescent)
            {
                Thread.Sleep(50);
                if (time.IsQuiescent && time.NextTimerDue is null && progress() == before) return;
            }
            Assert.True(stopwatch.Elapsed < WallLimit, $"the system did not finish within {WallLimit.TotalSeconds} s of wall time");
            Thread.Sleep(5);
        }
    }

    // ----- reproducibility -----

    private sealed record Peers(IReadOnlyList<IActorRef> All);

    private sealed record Ping(int Hop, int Value);

    private sealed record Beat;

    private sealed record Wakeup(int Value);

    /// <summary>
    /// Keeps a periodic heartbeat (whole tens of milliseconds), schedules one-off wake-ups and pings random peers after
    /// random delays in whole tens of milliseconds or at once, so that many timers and messages collide at the same
    /// instants; stops scheduling at the horizon. Logs everything it receives with the virtual time.
    /// </summary>
    private sealed class Worker : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        public Worker(Log<string> log, TimeSpan horizon)
        {
            var random = Context.System.CreateRandom(Self.Path.Name);
            IReadOnlyList<IActorRef> peers = [];
            var beats = 0;
            void Note(string what) =>
                log.Add($"{Context.System.Clock.Elapsed.Ticks,12} {Self.Path.Name} <- {Sender.Path.Name}: {what}");
            bool Over() => Context.System.Clock.Elapsed >= horizon;
            TimeSpan Tens(int max) => Ms(10 * random.Next(0, max + 1));
            void PingSomeone(int hop)
            {
                var peer = peers[random.Next(peers.Count)];
                var ping = new Ping(hop, random.Next(1000));
                var delay = Tens(3);
                if (delay == TimeSpan.Zero) peer.Tell(ping, Self);
                else Context.System.Scheduler.ScheduleTellOnce(delay, peer, ping, Self);
            }

            Receive<Peers>(p =>
            {
                peers = p.All;
                Note("peers");
                Timers.StartPeriodicTimer("beat", new Beat(), Ms(10 * random.Next(1, 4)));
                Context.System.Scheduler.ScheduleTellOnce(Tens(5), Self, new Wakeup(random.Next(1000)), Self);
                PingSomeone(0);
            });
            Receive<Beat>(_ =>
            {
                Note($"beat {++beats}");
                if (Over()) Timers.CancelAll();
                else if (beats % 2 == 0) PingSomeone(0);
            });
            Receive<Wakeup>(w =>
            {
                Note($"wakeup {w.Value}");
                if (!Over()) Context.System.Scheduler.ScheduleTellOnce(Tens(5), Self, new Wakeup(random.Next(1000)), Self);
            });
            Receive<Ping>(ping =>
            {
                Note($"ping hop={ping.Hop} value={ping.Value}");
                if (Over() || ping.Hop >= 4) return;
                var fanOut = random.Next(1, 3);
                for (var i = 0; i < fanOut; i++) PingSomeone(ping.Hop + 1);
            });
        }
    }

    /// <summary>Creates the workers and introduces them from inside the system, so that no outside thread races it.</summary>
    private sealed class Coordinator : ReceiveActor
    {
        public Coordinator(Log<string> log, int workers, TimeSpan horizon)
        {
            var all = Enumerable.Range(0, workers)
                .Select(i => Context.ActorOf(Props.Create(() => new Worker(log, horizon)), $"worker-{i}"))
                .ToList();
            foreach (var worker in all) worker.Tell(new Peers(all), Self);
        }
    }

    /// <summary>Runs the workload to its end: by itself (automatic), or advanced by this thread in steps of 100 ms (manual).</summary>
    private static (string[] Lines, TimeSpan End) RunWorkload(int seed, bool automatic = true)
    {
        using var system = ActorSystem.Create("automatic-determinism", Settings(seed, automatic));
        var log = new Log<string>();
        system.ActorOf(Props.Create(() => new Coordinator(log, 12, TimeSpan.FromSeconds(2))), "coordinator");
        if (automatic)
        {
            WaitUntilFinished(system, () => log.Count);
        }
        else
        {
            var time = system.VirtualTime!;
            do time.Advance(Ms(100));
            while (time.NextTimerDue is not null);
        }
        return (log.ToArray(), system.Clock.Elapsed);
    }

    [Fact]
    public void A_seeded_timer_heavy_run_replays_exactly()
    {
        var first = RunWorkload(seed: 42);
        var second = RunWorkload(seed: 42);
        Assert.True(first.Lines.Length > 2000, $"the workload is too small to say much ({first.Lines.Length} events)");
        Assert.True(first.End >= TimeSpan.FromSeconds(2), $"the clock stopped at {first.End}, before the horizon");
        // Many events share an instant: the order among them is what must replay.
        var sharedInstants = first.Lines.GroupBy(l => l[..12]).Count(g => g.Count() > 1);
        Assert.True(sharedInstants > 50, $"too few instants with several events ({sharedInstants})");
        var firstDifference = Enumerable.Range(0, Math.Min(first.Lines.Length, second.Lines.Length)).FirstOrDefault(i => first.Lines[i] != second.Lines[i], -1);
        Assert.True(firstDifference < 0 && first.Lines.Length == second.Lines.Length,
            firstDifference < 0
                ? $"lengths differ: {first.Lines.Length} and {second.Lines.Length}"
                : $"event {firstDifference} differs:\n{first.Lines[firstDifference]}\n{second.Lines[firstDifference]}");
        Assert.Equal(first.End, second.End);
        Assert.NotEqual(first.Lines, RunWorkload(seed: 43).Lines);
    }

    [Fact]
    public void A_seeded_timer_heavy_run_advanced_by_the_caller_replays_exactly()
    {
        // Manual mode: the dispatcher thread takes the steps for the caller, one timer at a time as before.
        var first = RunWorkload(seed: 42, automatic: false);
        var second = RunWorkload(seed: 42, automatic: false);
        Assert.True(first.Lines.Length > 2000, $"the workload is too small to say much ({first.Lines.Length} events)");
        Assert.Equal(first.Lines, second.Lines);
        Assert.Equal(first.End, second.End);
    }

    // ----- order at one instant -----

    /// <summary>On "go", sets timers for three instants in shuffled order: actions that log their index, and tells to a recorder.</summary>
    private sealed class Setter : ReceiveActor
    {
        public const int Count = 60;

        public static TimeSpan DueOf(int i) => Ms(10 * (1 + i * 7 % 3));

        public Setter(Log<(int Index, TimeSpan At)> fired, IActorRef recorder)
        {
            Receive<string>(_ =>
            {
                var scheduler = Context.System.Scheduler;
                var clock = Context.System.Clock;
                for (var i = 0; i < Count; i++)
                {
                    var index = i;
                    scheduler.Advanced.ScheduleOnce(DueOf(i), () => fired.Add((index, clock.Elapsed)));
                    scheduler.ScheduleTellOnce(DueOf(i), recorder, index, Self);
                }
            });
        }
    }

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(Log<(int Index, TimeSpan At)> received) =>
            Receive<int>(i => received.Add((i, Context.System.Clock.Elapsed)));
    }

    [Fact]
    public void Timers_due_at_the_same_instant_fire_in_the_order_they_were_set()
    {
        using var system = ActorSystem.Create("automatic-order", Settings());
        var fired = new Log<(int Index, TimeSpan At)>();
        var received = new Log<(int Index, TimeSpan At)>();
        var recorder = system.ActorOf(Props.Create(() => new Recorder(received)), "recorder");
        system.ActorOf(Props.Create(() => new Setter(fired, recorder)), "setter").Tell("go", ActorRefs.NoSender);
        var expected = Enumerable.Range(0, Setter.Count).Select(i => (i, Setter.DueOf(i))).OrderBy(x => x.Item2).ThenBy(x => x.i).ToArray();
        Assert.Equal(expected, fired.WaitFor(Setter.Count));
        Assert.Equal(expected, received.WaitFor(Setter.Count));
    }

    [Fact]
    public void A_timer_set_for_now_by_a_firing_timer_fires_at_the_same_instant_after_the_others()
    {
        using var system = ActorSystem.Create("automatic-cascade", Settings());
        var fired = new Log<(string Name, TimeSpan At)>();
        var scheduler = system.Scheduler.Advanced;
        // Set from inside the system, so that the clock cannot move while they are set.
        system.ActorOf(Props.Create(() => new Starter(() =>
        {
            scheduler.ScheduleOnce(Ms(5), () =>
            {
                fired.Add(("a", system.Clock.Elapsed));
                scheduler.ScheduleOnce(TimeSpan.Zero, () => fired.Add(("a-now", system.Clock.Elapsed)));
            });
            scheduler.ScheduleOnce(Ms(5), () => fired.Add(("b", system.Clock.Elapsed)));
            scheduler.ScheduleOnce(Ms(6), () => fired.Add(("c", system.Clock.Elapsed)));
        })));
        Assert.Equal([("a", Ms(5)), ("b", Ms(5)), ("a-now", Ms(5)), ("c", Ms(6))], fired.WaitFor(4));
    }

    private sealed class Starter : ActorBase
    {
        private readonly Action _start;

        public Starter(Action start) => _start = start;

        protected override void PreStart() => _start();

        protected override bool Receive(object message) => false;
    }

    // ----- external work -----

    private sealed record Write(int WallMs, bool Reply);

    private sealed record Written(TimeSpan StartedAt);

    /// <summary>Like a journal: starts external work, finishes it on another thread after a wall-clock delay, tells the result (or not) and ends the work.</summary>
    private sealed class Journal : ReceiveActor
    {
        public Journal(Log<string> log)
        {
            void Note(string what) => log.Add($"{Context.System.Clock.Elapsed.TotalMilliseconds} {what}");
            Receive<Write>(write =>
            {
                Note("write");
                var work = Context.System.BeginExternalWork();
                // A timer due 1 ms of emulated time later: it must wait for the write however long the write takes.
                Context.System.Scheduler.ScheduleTellOnce(Ms(1), Self, "tick", Self);
                var self = Self;
                var startedAt = Context.System.Clock.Elapsed;
                _ = Task.Run(async () =>
                {
                    await Task.Delay(write.WallMs);
                    if (write.Reply) self.Tell(new Written(startedAt), self);
                    work.Dispose();
                });
            });
            Receive<Written>(_ => Note("written"));
            Receive<string>(s => Note(s));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Open_external_work_holds_the_clock_until_it_ends(bool reply)
    {
        using var system = ActorSystem.Create("automatic-external", Settings());
        var log = new Log<string>();
        var journal = system.ActorOf(Props.Create(() => new Journal(log)), "journal");
        journal.Tell(new Write(300, reply), ActorRefs.NoSender);
        Thread.Sleep(100);
        // The write is still open: the clock has not moved and the timer has not fired.
        Assert.Equal(["0 write"], log.ToArray());
        Assert.Equal(TimeSpan.Zero, system.Clock.Elapsed);
        Assert.Equal(reply ? ["0 write", "0 written", "1 tick"] : ["0 write", "1 tick"], log.WaitFor(reply ? 3 : 2));
        Assert.Equal(Ms(1), system.Clock.Elapsed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Open_external_work_holds_the_clock_of_a_caller_driven_run_until_it_ends(bool reply)
    {
        using var system = ActorSystem.Create("manual-external", Settings(automatic: false));
        var log = new Log<string>();
        var journal = system.ActorOf(Props.Create(() => new Journal(log)), "journal");
        journal.Tell(new Write(300, reply), ActorRefs.NoSender);
        log.WaitFor(1);
        var wall = Stopwatch.StartNew();
        system.VirtualTime!.Advance(Ms(10));
        Assert.True(wall.ElapsedMilliseconds >= 150, $"the run did not wait for the write ({wall.ElapsedMilliseconds} ms)");
        Assert.Equal(reply ? ["0 write", "0 written", "1 tick"] : ["0 write", "1 tick"], log.ToArray());
        Assert.Equal(Ms(10), system.Clock.Elapsed);
    }

    [Fact]
    public void External_work_begun_outside_the_actors_holds_the_clock_too()
    {
        using var system = ActorSystem.Create("automatic-outside", Settings());
        var log = new Log<string>();
        var journal = system.ActorOf(Props.Create(() => new Journal(log)), "journal");
        var work = system.BeginExternalWork();
        system.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), journal, "later", ActorRefs.NoSender);
        Thread.Sleep(100);
        Assert.Equal(TimeSpan.Zero, system.Clock.Elapsed);
        Assert.Equal(0, log.Count);
        work.Dispose();
        Assert.Equal(["1000 later"], log.WaitFor(1));
    }

    [Fact]
    public void A_timer_set_from_outside_on_an_idle_system_fires_at_its_time()
    {
        using var system = ActorSystem.Create("automatic-idle", Settings());
        var log = new Log<string>();
        var journal = system.ActorOf(Props.Create(() => new Journal(log)), "journal");
        journal.Tell("hello", ActorRefs.NoSender);
        log.WaitFor(1);
        Thread.Sleep(50);
        system.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(5), journal, "five", ActorRefs.NoSender);
        Assert.Equal(["0 hello", "5000 five"], log.WaitFor(2));
    }

    [Fact]
    public async Task Ask_from_outside_gets_its_answer()
    {
        using var system = ActorSystem.Create("automatic-ask", Settings());
        var echo = system.ActorOf(Props.Create(() => new Echo()), "echo");
        for (var i = 0; i < 20; i++) Assert.Equal(i, await echo.Ask<int>(i).WaitAsync(WallLimit));
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
    }

    private sealed class DeadLetterListener : ReceiveActor
    {
        public DeadLetterListener(Log<Event.DeadLetter> log) => Receive<Event.DeadLetter>(log.Add);
    }

    [Fact]
    public void A_message_told_from_outside_to_a_stopped_actor_becomes_a_dead_letter()
    {
        using var system = ActorSystem.Create("automatic-dead-letter", Settings());
        var deadLetters = new Log<Event.DeadLetter>();
        var listener = system.ActorOf(Props.Create(() => new DeadLetterListener(deadLetters)), "listener");
        system.EventStream.Subscribe(listener, typeof(Event.DeadLetter));
        var echo = system.ActorOf(Props.Create(() => new Echo()), "echo");
        system.Stop(echo);
        Assert.True(SpinWait.SpinUntil(() => ((IInternalActorRef)echo).IsTerminated, WallLimit));
        echo.Tell("too late", ActorRefs.NoSender);
        var letter = Assert.Single(deadLetters.WaitFor(1));
        Assert.Equal("too late", letter.Message);
        Assert.Equal(echo, letter.Recipient);
    }

    private sealed class Counter : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        public Counter(Log<TimeSpan> ticks) => Receive<string>(_ => ticks.Add(Context.System.Clock.Elapsed));

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", "tick", Ms(1));
    }

    [Fact]
    public void A_manual_advance_takes_turns_with_the_dispatcher_thread()
    {
        using var system = ActorSystem.Create("automatic-manual", Settings());
        var ticks = new Log<TimeSpan>();
        system.ActorOf(Props.Create(() => new Counter(ticks)), "counter");
        ticks.WaitFor(100);
        for (var i = 0; i < 20; i++)
        {
            var before = system.Clock.Elapsed;
            system.VirtualTime!.Advance(Ms(5));
            Assert.True(system.Clock.Elapsed >= before + Ms(5));
        }
        // The dispatcher thread advances again once the manual advances are over.
        var count = ticks.Count;
        ticks.WaitFor(count + 100);
        var seen = ticks.ToArray();
        Assert.Equal(seen.OrderBy(t => t), seen);
        Assert.Equal(seen.Length, seen.Distinct().Count());
    }
}
