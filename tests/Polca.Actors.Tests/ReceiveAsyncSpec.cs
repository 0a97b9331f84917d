using System.Collections.Concurrent;
using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>ReceiveAsync: Self and Sender across awaits, no interleaving of other messages, failures supervised.</summary>
public sealed class ReceiveAsyncSpec : TestKit.TestKit
{
    private sealed record Report(string Step, IActorRef Self, IActorRef Sender);

    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<string>(s => Sender.Tell(s.ToUpperInvariant(), Self));
    }

    /// <summary>Reports Self and Sender before and after awaiting Task.Yield and an Ask to another actor.</summary>
    private sealed class Awaiter : ReceiveActor
    {
        public Awaiter(IActorRef other, IActorRef report)
        {
            ReceiveAsync<string>(async s =>
            {
                report.Tell(new Report("before", Self, Sender), Self);
                await Task.Yield();
                report.Tell(new Report("after-yield", Self, Sender), Self);
                var answer = await other.Ask<string>(s, TimeSpan.FromSeconds(3));
                report.Tell(new Report("after-ask:" + answer, Self, Sender), Self);
                Sender.Tell("done:" + answer, Self);
            });
        }
    }

    /// <summary>Logs the start and end of each message; "slow" awaits several times (and an ask) before it ends.</summary>
    private sealed class Sequential : ReceiveActor
    {
        public Sequential(IActorRef other, ConcurrentQueue<string> log, IActorRef report)
        {
            ReceiveAsync<string>(async s =>
            {
                log.Enqueue("start " + s);
                for (var i = 0; i < 3; i++) await Task.Yield();
                await other.Ask<string>(s, TimeSpan.FromSeconds(3));
                log.Enqueue("end " + s);
            }, s => s.StartsWith("slow", StringComparison.Ordinal));
            Receive<string>(s => s == "report", _ => report.Tell(log.ToArray(), Self));
            Receive<string>(s =>
            {
                log.Enqueue("start " + s);
                log.Enqueue("end " + s);
            });
        }
    }

    /// <summary>Counts messages; "fail-after-await" throws after an await, "fail-before-await" before any.</summary>
    private sealed class FailingAsync : ReceiveActor
    {
        private int _count;

        public FailingAsync()
        {
            ReceiveAsync<string>(async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("after await");
            }, s => s == "fail-after-await");
            ReceiveAsync<string>(_ => throw new InvalidOperationException("before await"), s => s == "fail-before-await");
            ReceiveAsync<string>(async _ =>
            {
                await Task.Yield();
                _count++;
                Sender.Tell(_count, Self);
            });
        }
    }

    [Fact]
    public void Self_and_Sender_survive_awaits()
    {
        var other = Sys.ActorOf(Props.Create<Echo>());
        var probe = CreateTestProbe();
        var awaiter = Sys.ActorOf(Props.Create(() => new Awaiter(other, probe.Ref)));
        awaiter.Tell("hi", TestActor);

        foreach (var step in new[] { "before", "after-yield", "after-ask:HI" })
        {
            var report = probe.ExpectMsg<Report>();
            Assert.Equal(step, report.Step);
            Assert.Equal(awaiter, report.Self);
            Assert.Equal(TestActor, report.Sender);
        }
        ExpectMsg("done:HI");
        Assert.Equal(awaiter, LastSender);
    }

    [Fact]
    public void No_other_message_is_processed_until_the_async_handler_completes()
    {
        var other = Sys.ActorOf(Props.Create<Echo>());
        var log = new ConcurrentQueue<string>();
        var actor = Sys.ActorOf(Props.Create(() => new Sequential(other, log, TestActor)));
        actor.Tell("slow-1", TestActor);
        actor.Tell("fast-1", TestActor);
        actor.Tell("slow-2", TestActor);
        actor.Tell("fast-2", TestActor);
        actor.Tell("report", TestActor);
        Assert.Equal(
            ["start slow-1", "end slow-1", "start fast-1", "end fast-1", "start slow-2", "end slow-2", "start fast-2", "end fast-2"],
            ExpectMsg<string[]>());
    }

    [Fact]
    public void An_exception_after_an_await_is_supervised_and_restarts_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new FailingAsync()));
        actor.Tell("count", TestActor);
        ExpectMsg(1);
        EventFilter.Exception<InvalidOperationException>(contains: "after await").ExpectOne(() => actor.Tell("fail-after-await", TestActor));
        actor.Tell("count", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public void An_exception_before_the_first_await_is_supervised_and_restarts_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new FailingAsync()));
        actor.Tell("count", TestActor);
        ExpectMsg(1);
        EventFilter.Exception<InvalidOperationException>(contains: "before await").ExpectOne(() => actor.Tell("fail-before-await", TestActor));
        actor.Tell("count", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public void Messages_queued_behind_a_failing_async_handler_are_handled_by_the_new_instance()
    {
        var actor = Sys.ActorOf(Props.Create(() => new FailingAsync()));
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() =>
        {
            actor.Tell("count", TestActor);
            actor.Tell("fail-after-await", TestActor);
            actor.Tell("count", TestActor);
            actor.Tell("count", TestActor);
        });
        ExpectMsg(1);
        ExpectMsg(1);
        ExpectMsg(2);
    }

    [Fact]
    public void An_async_handler_waiting_on_an_ask_that_times_out_fails_at_the_virtual_timeout()
    {
        var silent = Sys.ActorOf(Props.Create<Silent>());
        var actor = Sys.ActorOf(Props.Create(() => new AsksSilent(silent, TestActor)));
        actor.Tell("go", TestActor);
        var failure = ExpectMsg<Exception>(timeout: Seconds(10));
        Assert.IsType<AskTimeoutException>(failure);
        Assert.Equal(Seconds(2), Sys.Clock.Elapsed);
    }

    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    private sealed class Silent : ReceiveActor
    {
        public Silent() => ReceiveAny(_ => { });
    }

    /// <summary>Asks an actor that never answers and reports the exception.</summary>
    private sealed class AsksSilent : ReceiveActor
    {
        public AsksSilent(IActorRef silent, IActorRef report)
        {
            ReceiveAsync<string>(async _ =>
            {
                try
                {
                    await silent.Ask<string>("anyone?", TimeSpan.FromSeconds(2));
                }
                catch (Exception e)
                {
                    report.Tell(e, Self);
                }
            });
        }
    }
}
