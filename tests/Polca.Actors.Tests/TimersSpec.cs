using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Actor timers (IWithTimers): single and periodic timers, replacement by key, cancellation, restart and stop.</summary>
public sealed class TimersSpec : TestKit.TestKit
{
    private sealed record Tick(string Name);

    private sealed record Fired(string Name, TimeSpan At);

    private sealed record Single(string Key, string Tick, TimeSpan Delay);

    private sealed record Periodic(string Key, string Tick, TimeSpan Interval, TimeSpan? InitialDelay = null);

    private sealed record CancelTimer(string Key);

    private sealed record IsActive(string Key);

    /// <summary>Waits in an async handler for <c>Release</c>, then runs <c>Then</c> on the timers, inside the actor.</summary>
    private sealed record Hold(Task Release, Action<ITimerScheduler> Then);

    /// <summary>Drives its timers on request and reports each tick with the virtual time it fired at.</summary>
    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        public TimerActor(IActorRef report)
        {
            Receive<Single>(s => Timers.StartSingleTimer(s.Key, new Tick(s.Tick), s.Delay));
            Receive<Periodic>(p =>
            {
                if (p.InitialDelay is { } initial) Timers.StartPeriodicTimer(p.Key, new Tick(p.Tick), initial, p.Interval);
                else Timers.StartPeriodicTimer(p.Key, new Tick(p.Tick), p.Interval);
            });
            Receive<CancelTimer>(c => Timers.Cancel(c.Key));
            Receive<IsActive>(q => Sender.Tell(Timers.IsTimerActive(q.Key), Self));
            Receive<string>(s => s == "active", _ => Sender.Tell(Timers.ActiveTimers.Select(k => (string)k).OrderBy(k => k).ToArray(), Self));
            Receive<string>(s => s == "cancel-all", _ => Timers.CancelAll());
            Receive<string>(s => s == "boom", _ => throw new InvalidOperationException("boom"));
            ReceiveAsync<Hold>(async h =>
            {
                await h.Release;
                h.Then(Timers);
            });
            Receive<Tick>(t => report.Tell(new Fired(t.Name, Context.System.Clock.Elapsed), Self));
        }
    }

    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    private IActorRef NewTimerActor() => Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));

    private bool IsTimerActive(IActorRef actor, string key)
    {
        actor.Tell(new IsActive(key), TestActor);
        return ExpectMsg<bool>();
    }

    [Fact]
    public void A_single_timer_fires_once_after_its_delay()
    {
        var actor = NewTimerActor();
        actor.Tell(new Single("k", "once", Seconds(2)), TestActor);
        Assert.True(IsTimerActive(actor, "k"));
        Assert.Equal(new Fired("once", Seconds(2)), ExpectMsg<Fired>());
        Assert.False(IsTimerActive(actor, "k"));
        ExpectNoMsg(Seconds(10));
    }

    [Fact]
    public void A_periodic_timer_fires_every_interval()
    {
        var actor = NewTimerActor();
        actor.Tell(new Periodic("p", "tick", Seconds(1)), TestActor);
        for (var i = 1; i <= 3; i++) Assert.Equal(new Fired("tick", Seconds(i)), ExpectMsg<Fired>());
        Assert.True(IsTimerActive(actor, "p"));
    }

    [Fact]
    public void A_periodic_timer_with_an_initial_delay_waits_that_long_first()
    {
        var actor = NewTimerActor();
        actor.Tell(new Periodic("p", "tick", Seconds(1), Seconds(5)), TestActor);
        Assert.Equal(new Fired("tick", Seconds(5)), ExpectMsg<Fired>(timeout: Seconds(10)));
        Assert.Equal(new Fired("tick", Seconds(6)), ExpectMsg<Fired>());
    }

    [Fact]
    public void Starting_a_timer_with_a_used_key_replaces_the_old_one()
    {
        var actor = NewTimerActor();
        actor.Tell(new Single("k", "old", Seconds(2)), TestActor);
        Advance(Seconds(1));
        actor.Tell(new Single("k", "new", Seconds(2)), TestActor);
        Assert.Equal(new Fired("new", Seconds(3)), ExpectMsg<Fired>(timeout: Seconds(5)));
        ExpectNoMsg(Seconds(10));
    }

    [Fact]
    public void Replacing_a_timer_whose_message_is_already_queued_never_delivers_the_stale_message()
    {
        var actor = NewTimerActor();
        var release = new TaskCompletionSource();
        actor.Tell(new Single("k", "old", Seconds(1)), TestActor);
        actor.Tell(new Hold(release.Task, timers => timers.StartSingleTimer("k", new Tick("new"), Seconds(1))), TestActor);
        // The actor waits in its async handler while the old timer fires: its message waits in the mailbox.
        Advance(Seconds(2));
        release.SetResult();
        Assert.Equal(new Fired("new", Seconds(3)), ExpectMsg<Fired>(timeout: Seconds(5)));
        ExpectNoMsg(Seconds(10));
    }

    [Fact]
    public void Cancelling_a_timer_whose_message_is_already_queued_drops_it()
    {
        var actor = NewTimerActor();
        var release = new TaskCompletionSource();
        actor.Tell(new Single("k", "old", Seconds(1)), TestActor);
        actor.Tell(new Hold(release.Task, timers => timers.Cancel("k")), TestActor);
        Advance(Seconds(2));
        release.SetResult();
        ExpectNoMsg(Seconds(10));
        Assert.False(IsTimerActive(actor, "k"));
    }

    [Fact]
    public void A_cancelled_timer_never_fires_and_is_no_longer_active()
    {
        var actor = NewTimerActor();
        actor.Tell(new Single("a", "a", Seconds(2)), TestActor);
        actor.Tell(new Periodic("b", "b", Seconds(1)), TestActor);
        actor.Tell("active", TestActor);
        Assert.Equal(["a", "b"], ExpectMsg<string[]>());
        actor.Tell(new CancelTimer("a"), TestActor);
        actor.Tell(new CancelTimer("b"), TestActor);
        Assert.False(IsTimerActive(actor, "a"));
        Assert.False(IsTimerActive(actor, "b"));
        ExpectNoMsg(Seconds(10));
    }

    [Fact]
    public void CancelAll_cancels_every_timer()
    {
        var actor = NewTimerActor();
        actor.Tell(new Single("a", "a", Seconds(2)), TestActor);
        actor.Tell(new Periodic("b", "b", Seconds(1)), TestActor);
        actor.Tell("cancel-all", TestActor);
        actor.Tell("active", TestActor);
        Assert.Empty(ExpectMsg<string[]>());
        ExpectNoMsg(Seconds(10));
    }

    [Fact]
    public void Timers_are_cancelled_when_the_actor_restarts()
    {
        var actor = NewTimerActor();
        actor.Tell(new Periodic("p", "tick", Seconds(1)), TestActor);
        Assert.Equal(new Fired("tick", Seconds(1)), ExpectMsg<Fired>());
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => actor.Tell("boom", TestActor));
        ExpectNoMsg(Seconds(10));
        Assert.False(IsTimerActive(actor, "p"));
    }

    [Fact]
    public void Timers_are_cancelled_when_the_actor_stops()
    {
        var actor = NewTimerActor();
        actor.Tell(new Periodic("p", "tick", Seconds(1)), TestActor);
        actor.Tell(new Single("s", "single", Seconds(5)), TestActor);
        Assert.Equal(new Fired("tick", Seconds(1)), ExpectMsg<Fired>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Assert.Equal(0, EventFilter.DeadLetter().Count(() => Advance(Seconds(10))));
        ExpectNoMsg(Seconds(1));
    }

    [Fact]
    public void A_periodic_timer_needs_a_positive_interval()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        EventFilter.Exception<ArgumentOutOfRangeException>().ExpectOne(() => actor.Tell(new Periodic("p", "x", TimeSpan.Zero), TestActor));
    }
}
