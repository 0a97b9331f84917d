using Polca.Actors;
using Polca.TestKit;

namespace Polca.Actors.Tests;

public sealed class SmokeSpec : TestKit.TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
    }

    private sealed class Failing : ReceiveActor
    {
        private int _count;
        public Failing()
        {
            Receive<string>(s => s == "boom", _ => throw new InvalidOperationException("boom"));
            Receive<string>(s => Sender.Tell($"{s}:{++_count}", Self));
        }
    }

    private sealed class Ticker : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;
        public Ticker(IActorRef target)
        {
            Receive<string>(s => s == "start", _ => Timers.StartPeriodicTimer("t", "tick", TimeSpan.FromSeconds(1)));
            Receive<string>(s => s == "tick", _ => target.Tell(Context.System.Clock.Elapsed, Self));
        }
    }

    [Fact]
    public void Echo_replies()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        echo.Tell("hello", TestActor);
        ExpectMsg("hello");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Restart_keeps_ref_and_resets_state()
    {
        var a = Sys.ActorOf(Props.Create<Failing>());
        a.Tell("x", TestActor);
        ExpectMsg("x:1");
        a.Tell("x", TestActor);
        ExpectMsg("x:2");
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => a.Tell("boom", TestActor));
        a.Tell("y", TestActor);
        ExpectMsg("y:1");
    }

    [Fact]
    public void Timers_fire_in_virtual_time()
    {
        var t = Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));
        t.Tell("start");
        Assert.Equal(TimeSpan.FromSeconds(1), ExpectMsg<TimeSpan>());
        Assert.Equal(TimeSpan.FromSeconds(2), ExpectMsg<TimeSpan>());
        ExpectMsg<TimeSpan>(timeout: TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(3), Sys.Clock.Elapsed);
    }

    [Fact]
    public void Watch_gets_terminated()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        Watch(echo);
        echo.Tell(PoisonPill.Instance);
        ExpectTerminated(echo);
    }

    [Fact]
    public async Task Ask_works()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        var r = await echo.Ask<string>("hi", TimeSpan.FromSeconds(3));
        Assert.Equal("hi", r);
    }
}
