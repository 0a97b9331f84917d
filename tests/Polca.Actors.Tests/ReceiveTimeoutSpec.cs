using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Receive timeout on virtual time: after inactivity, reset by messages except INotInfluenceReceiveTimeout ones, off with null.</summary>
public sealed class ReceiveTimeoutSpec : TestKit.TestKit
{
    private sealed record TimedOut(TimeSpan At);

    private sealed record SetTimeout(TimeSpan? Timeout);

    private sealed record Quiet : INotInfluenceReceiveTimeout;

    /// <summary>Starts with a receive timeout and reports every ReceiveTimeout with the virtual time.</summary>
    private sealed class Sleepy : ReceiveActor
    {
        public Sleepy(IActorRef report, TimeSpan? initial)
        {
            if (initial is not null) SetReceiveTimeout(initial);
            Receive<ReceiveTimeout>(_ => report.Tell(new TimedOut(Context.System.Clock.Elapsed), Self));
            Receive<SetTimeout>(s => SetReceiveTimeout(s.Timeout));
            Receive<string>(s => s == "current", _ => Sender.Tell(Context.ReceiveTimeout?.ToString() ?? "none", Self));
            Receive<string>(s => s == "boom", _ => throw new InvalidOperationException("boom"));
            ReceiveAny(_ => { });
        }
    }

    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    private IActorRef NewSleepy(TimeSpan? initial) => Sys.ActorOf(Props.Create(() => new Sleepy(TestActor, initial)));

    [Fact]
    public void ReceiveTimeout_is_delivered_after_the_period_of_inactivity()
    {
        NewSleepy(Seconds(2));
        Assert.Equal(new TimedOut(Seconds(2)), ExpectMsg<TimedOut>(timeout: Seconds(5)));
    }

    [Fact]
    public void ReceiveTimeout_repeats_while_the_actor_stays_idle()
    {
        NewSleepy(Seconds(2));
        Assert.Equal(new TimedOut(Seconds(2)), ExpectMsg<TimedOut>(timeout: Seconds(5)));
        Assert.Equal(new TimedOut(Seconds(4)), ExpectMsg<TimedOut>(timeout: Seconds(5)));
    }

    [Fact]
    public void A_message_resets_the_receive_timeout()
    {
        var actor = NewSleepy(Seconds(2));
        Advance(Seconds(1.5));
        actor.Tell("activity", TestActor);
        Assert.Equal(new TimedOut(Seconds(3.5)), ExpectMsg<TimedOut>(timeout: Seconds(5)));
    }

    [Fact]
    public void A_message_that_does_not_influence_the_receive_timeout_does_not_reset_it()
    {
        var actor = NewSleepy(Seconds(2));
        Advance(Seconds(1.5));
        actor.Tell(new Quiet(), TestActor);
        Assert.Equal(new TimedOut(Seconds(2)), ExpectMsg<TimedOut>(timeout: Seconds(5)));
    }

    [Fact]
    public void Identify_does_not_reset_the_receive_timeout()
    {
        var actor = NewSleepy(Seconds(2));
        Advance(Seconds(1.5));
        actor.Tell(new Identify(1), TestActor);
        ExpectMsg<ActorIdentity>();
        Assert.Equal(new TimedOut(Seconds(2)), ExpectMsg<TimedOut>(timeout: Seconds(5)));
    }

    [Fact]
    public void Setting_null_turns_the_receive_timeout_off()
    {
        var actor = NewSleepy(Seconds(2));
        Assert.Equal(new TimedOut(Seconds(2)), ExpectMsg<TimedOut>(timeout: Seconds(5)));
        actor.Tell(new SetTimeout(null), TestActor);
        actor.Tell("current", TestActor);
        ExpectMsg("none");
        ExpectNoMsg(Seconds(30));
    }

    [Fact]
    public void A_receive_timeout_set_in_a_handler_starts_after_that_message()
    {
        var actor = NewSleepy(null);
        ExpectNoMsg(Seconds(5));
        actor.Tell(new SetTimeout(Seconds(3)), TestActor);
        Assert.Equal(new TimedOut(Seconds(8)), ExpectMsg<TimedOut>(timeout: Seconds(10)));
    }

    [Fact]
    public void Changing_the_receive_timeout_replaces_the_pending_one()
    {
        var actor = NewSleepy(Seconds(10));
        Advance(Seconds(1));
        actor.Tell(new SetTimeout(Seconds(2)), TestActor);
        Assert.Equal(new TimedOut(Seconds(3)), ExpectMsg<TimedOut>(timeout: Seconds(5)));
        actor.Tell("current", TestActor);
        ExpectMsg(Seconds(2).ToString());
    }

    [Fact]
    public void The_receive_timeout_survives_a_restart_and_is_rearmed()
    {
        var actor = NewSleepy(Seconds(2));
        Advance(Seconds(1));
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => actor.Tell("boom", TestActor));
        Assert.Equal(new TimedOut(Seconds(3)), ExpectMsg<TimedOut>(timeout: Seconds(5)));
    }

    [Fact]
    public void No_receive_timeout_after_the_actor_stopped()
    {
        var actor = NewSleepy(Seconds(2));
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        ExpectNoMsg(Seconds(10));
    }
}
