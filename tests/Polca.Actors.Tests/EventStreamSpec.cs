using Polca.Actors.Event;
using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Event stream: subscribe by exact type, base type or interface; unsubscribe; publish.</summary>
public sealed class EventStreamSpec : TestKit.TestKit
{
    private interface IAlarm;

    private abstract record Reading(double Value);

    private sealed record Temperature(double Value) : Reading(Value), IAlarm;

    private sealed record Power(double Value) : Reading(Value);

    private sealed record Unrelated(string Text);

    /// <summary>Subscribes itself in PreStart and forwards what it gets.</summary>
    private sealed class Subscriber(Type channel, IActorRef report) : ActorBase
    {
        protected override void PreStart() => Context.System.EventStream.Subscribe(Self, channel);

        protected override bool Receive(object message)
        {
            report.Tell(message, Self);
            return true;
        }
    }

    [Fact]
    public void A_subscriber_gets_published_events_of_its_type()
    {
        Sys.EventStream.Subscribe<Temperature>(TestActor);
        Sys.EventStream.Publish(new Temperature(21));
        ExpectMsg(new Temperature(21));
    }

    [Fact]
    public void A_subscriber_of_a_base_type_gets_every_subtype()
    {
        Sys.EventStream.Subscribe<Reading>(TestActor);
        Sys.EventStream.Publish(new Temperature(21));
        Sys.EventStream.Publish(new Power(300));
        Sys.EventStream.Publish(new Unrelated("ignored"));
        ExpectMsg(new Temperature(21));
        ExpectMsg(new Power(300));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_subscriber_of_an_interface_gets_the_events_that_implement_it()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(IAlarm));
        Sys.EventStream.Publish(new Power(300));
        Sys.EventStream.Publish(new Temperature(90));
        ExpectMsg(new Temperature(90));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Subscribing_to_overlapping_channels_still_delivers_each_event_once()
    {
        Assert.True(Sys.EventStream.Subscribe<Reading>(TestActor));
        Assert.True(Sys.EventStream.Subscribe<IAlarm>(TestActor));
        Assert.False(Sys.EventStream.Subscribe<Reading>(TestActor));
        Sys.EventStream.Publish(new Temperature(50));
        ExpectMsg(new Temperature(50));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unsubscribing_from_a_channel_stops_its_events()
    {
        Sys.EventStream.Subscribe<Temperature>(TestActor);
        Sys.EventStream.Subscribe<Power>(TestActor);
        Assert.True(Sys.EventStream.Unsubscribe(TestActor, typeof(Temperature)));
        Assert.False(Sys.EventStream.Unsubscribe(TestActor, typeof(Temperature)));
        Sys.EventStream.Publish(new Temperature(1));
        Sys.EventStream.Publish(new Power(2));
        ExpectMsg(new Power(2));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unsubscribing_from_everything_stops_all_events()
    {
        Sys.EventStream.Subscribe<Temperature>(TestActor);
        Sys.EventStream.Subscribe<Power>(TestActor);
        Assert.True(Sys.EventStream.Unsubscribe(TestActor));
        Sys.EventStream.Publish(new Temperature(1));
        Sys.EventStream.Publish(new Power(2));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Every_subscriber_gets_the_event()
    {
        var probes = Enumerable.Range(0, 3).Select(_ => CreateTestProbe()).ToList();
        probes.ForEach(p => Sys.EventStream.Subscribe<Power>(p.Ref));
        Sys.EventStream.Publish(new Power(5));
        probes.ForEach(p => p.ExpectMsg(new Power(5)));
    }

    [Fact]
    public void An_actor_can_subscribe_itself_and_receives_events_in_publish_order()
    {
        Sys.ActorOf(Props.Create(() => new Subscriber(typeof(Reading), TestActor)));
        AwaitQuiescence();
        for (var i = 0; i < 20; i++) Sys.EventStream.Publish(new Power(i));
        for (var i = 0; i < 20; i++) ExpectMsg(new Power(i));
    }

    [Fact]
    public void HasSubscribers_reflects_subscriptions_by_assignable_channel()
    {
        Assert.False(Sys.EventStream.HasSubscribers(typeof(Power)));
        Sys.EventStream.Subscribe<Reading>(TestActor);
        Assert.True(Sys.EventStream.HasSubscribers(typeof(Power)));
        Assert.False(Sys.EventStream.HasSubscribers(typeof(Unrelated)));
    }

    [Fact]
    public void Log_events_go_through_the_event_stream()
    {
        Sys.EventStream.Subscribe<Warning>(TestActor);
        Logging.GetLogger(Sys, "spec").Warning("careful: {0}", 42);
        var warning = ExpectMsg<Warning>();
        Assert.Equal("careful: 42", warning.Message);
        Assert.Equal("spec", warning.LogSource);
    }

    [Fact]
    public void A_stopped_subscriber_is_forgotten_and_its_events_do_not_become_dead_letters()
    {
        var subscriber = Sys.ActorOf(Props.Create(() => new Subscriber(typeof(Power), TestActor)));
        AwaitQuiescence();
        Sys.EventStream.Publish(new Power(1));
        ExpectMsg(new Power(1));
        Watch(subscriber);
        Sys.Stop(subscriber);
        ExpectTerminated(subscriber);
        EventFilter.DeadLetter<Power>().Expect(0, () =>
        {
            Sys.EventStream.Publish(new Power(2));
            Sys.EventStream.Publish(new Power(3));
        });
        Assert.False(Sys.EventStream.HasSubscribers(typeof(Power)));
    }
}
