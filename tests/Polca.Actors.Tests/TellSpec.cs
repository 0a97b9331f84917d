using System.Collections.Concurrent;
using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Tell: delivery, sender, FIFO per sender-receiver pair, and system messages overtaking user messages.</summary>
public sealed class TellSpec : TestKit.TestKit
{
    private sealed record Numbered(int SenderId, int Sequence);

    private sealed record GetReport;

    private sealed record OrderReport(int Received, IReadOnlyList<string> Violations);

    /// <summary>Checks that each sender's numbered messages arrive in order, with no gap.</summary>
    private sealed class OrderChecker : ReceiveActor
    {
        private readonly Dictionary<int, int> _next = new();
        private readonly List<string> _violations = [];
        private int _received;

        public OrderChecker()
        {
            Receive<Numbered>(m =>
            {
                _received++;
                var expected = _next.GetValueOrDefault(m.SenderId);
                if (m.Sequence != expected) _violations.Add($"sender {m.SenderId}: expected {expected}, got {m.Sequence}");
                _next[m.SenderId] = m.Sequence + 1;
            });
            Receive<GetReport>(_ => Sender.Tell(new OrderReport(_received, _violations.ToArray()), Self));
        }
    }

    /// <summary>Sends numbered messages to a target when told "go", then answers "done".</summary>
    private sealed class NumberSender : ReceiveActor
    {
        public NumberSender(int id, IActorRef target, int count)
        {
            Receive<string>(s => s == "go", _ =>
            {
                for (var i = 0; i < count; i++) target.Tell(new Numbered(id, i), Self);
                Sender.Tell("done", Self);
            });
        }
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
    }

    /// <summary>Reports the sender it saw for each message.</summary>
    private sealed class SenderReporter : ReceiveActor
    {
        public SenderReporter(IActorRef report) => ReceiveAny(_ => report.Tell(Sender, Self));
    }

    /// <summary>Blocks inside its first message until the gate opens; logs every message it processes.</summary>
    private sealed class Blocking : ReceiveActor
    {
        public Blocking(ManualResetEventSlim entered, ManualResetEventSlim gate, ConcurrentQueue<string> log)
        {
            Receive<string>(s =>
            {
                log.Enqueue(s);
                if (s != "block") return;
                entered.Set();
                if (!gate.Wait(TimeSpan.FromSeconds(20))) throw new TimeoutException("gate never opened");
            });
        }
    }

    /// <summary>Waits in an async handler until released; meanwhile its user messages wait but system messages are handled.</summary>
    private sealed class Awaiting : ReceiveActor
    {
        public Awaiting(Task release, ConcurrentQueue<string> log)
        {
            ReceiveAsync<string>(async s =>
            {
                log.Enqueue(s);
                await release;
                log.Enqueue(s + "-resumed");
            }, s => s == "wait");
            Receive<string>(s => log.Enqueue(s));
        }
    }

    [Fact]
    public void Tell_delivers_the_message_and_the_sender()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        echo.Tell("hello", TestActor);
        ExpectMsg("hello");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Tell_without_a_sender_makes_dead_letters_the_sender()
    {
        var reporter = Sys.ActorOf(Props.Create(() => new SenderReporter(TestActor)));
        reporter.Tell("anonymous", ActorRefs.NoSender);
        Assert.Equal(Sys.DeadLetters, ExpectMsg<IActorRef>());
    }

    [Fact]
    public void Tell_with_a_null_message_throws()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        Assert.Throws<InvalidMessageException>(() => echo.Tell(null!, TestActor));
    }

    [Fact]
    public void Messages_from_one_sender_arrive_in_the_order_sent()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        for (var i = 0; i < 200; i++) echo.Tell(i, TestActor);
        for (var i = 0; i < 200; i++) ExpectMsg(i);
    }

    [Fact]
    public void Fifo_holds_per_sender_when_several_threads_send_at_once()
    {
        const int threads = 4;
        const int perThread = 5000;
        var checker = Sys.ActorOf(Props.Create<OrderChecker>());
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
        Assert.Empty(report.Violations);
        Assert.Equal(threads * perThread, report.Received);
    }

    [Fact]
    public void Fifo_holds_per_sender_when_several_actors_send_at_once()
    {
        const int senders = 6;
        const int perSender = 2000;
        var checker = Sys.ActorOf(Props.Create<OrderChecker>());
        var actors = Enumerable.Range(0, senders)
            .Select(id => Sys.ActorOf(Props.Create(() => new NumberSender(id, checker, perSender))))
            .ToList();
        actors.ForEach(a => a.Tell("go", TestActor));
        for (var i = 0; i < senders; i++) ExpectMsg("done");

        checker.Tell(new GetReport(), TestActor);
        var report = ExpectMsg<OrderReport>();
        Assert.Empty(report.Violations);
        Assert.Equal(senders * perSender, report.Received);
    }

    [Fact]
    public void A_watch_and_a_stop_overtake_queued_user_messages_which_become_dead_letters()
    {
        using var entered = new ManualResetEventSlim(false);
        using var gate = new ManualResetEventSlim(false);
        var log = new ConcurrentQueue<string>();
        var actor = Sys.ActorOf(Props.Create(() => new Blocking(entered, gate, log)));
        actor.Tell("block", TestActor);
        Assert.True(entered.Wait(TimeSpan.FromSeconds(10)), "the actor never started its first message");

        EventFilter.DeadLetter<string>(s => s.StartsWith("queued", StringComparison.Ordinal)).Expect(3, () =>
        {
            actor.Tell("queued-1", TestActor);
            actor.Tell("queued-2", TestActor);
            actor.Tell("queued-3", TestActor);
            // Both system messages are sent after the user messages, while the actor is busy, and are handled first.
            Watch(actor);
            Sys.Stop(actor);
            gate.Set();
        });
        ExpectTerminated(actor);
        Assert.Equal(["block"], log.ToArray());
    }

    [Fact]
    public void A_stop_is_handled_while_an_async_handler_waits_and_queued_messages_become_dead_letters()
    {
        var release = new TaskCompletionSource();
        var log = new ConcurrentQueue<string>();
        var actor = Sys.ActorOf(Props.Create(() => new Awaiting(release.Task, log)));
        Watch(actor);
        actor.Tell("wait", TestActor);
        actor.Tell("queued-1", TestActor);
        actor.Tell("queued-2", TestActor);
        AwaitQuiescence();
        Assert.Equal(["wait"], log.ToArray());

        EventFilter.DeadLetter<string>().Expect(2, () => Sys.Stop(actor));
        ExpectTerminated(actor);
        release.SetResult();
        AwaitQuiescence();
        Assert.Equal(["wait"], log.ToArray());
    }

    /// <summary>Its child fails while it waits in an async handler; the failure is decided before its queued user messages run.</summary>
    private sealed class Supervising : ReceiveActor
    {
        public Supervising(Task release, ConcurrentQueue<string> log, IActorRef report)
        {
            report.Tell(Context.ActorOf(Props.Create(() => new Failing()), "child"), Self);
            ReceiveAsync<string>(async s =>
            {
                log.Enqueue(s);
                await release;
            }, s => s == "wait");
            Receive<string>(s => log.Enqueue(s));
            _strategy = new OneForOneStrategy(e =>
            {
                log.Enqueue("decided:" + e.Message);
                return Directive.Restart;
            });
        }

        private readonly SupervisorStrategy _strategy;

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    private sealed class Failing : ReceiveActor
    {
        public Failing() => Receive<string>(s => throw new InvalidOperationException(s));
    }

    [Fact]
    public void A_child_failure_is_handled_before_the_parents_queued_user_messages()
    {
        var release = new TaskCompletionSource();
        var log = new ConcurrentQueue<string>();
        var parent = Sys.ActorOf(Props.Create(() => new Supervising(release.Task, log, TestActor)));
        var child = ExpectMsg<IActorRef>();
        parent.Tell("wait", TestActor);
        parent.Tell("queued-1", TestActor);
        parent.Tell("queued-2", TestActor);
        AwaitQuiescence();

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() =>
            child.Tell("boom", TestActor));
        Assert.Equal(["wait", "decided:boom"], log.ToArray());

        release.SetResult();
        AwaitQuiescence();
        Assert.Equal(["wait", "decided:boom", "queued-1", "queued-2"], log.ToArray());
    }
}
