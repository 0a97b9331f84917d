using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Behaviour switching: Become, BecomeStacked and UnbecomeStacked for ReceiveActor and UntypedActor.</summary>
public sealed class BecomeSpec : TestKit.TestKit
{
    /// <summary>A light switch: "toggle" replaces the behaviour, "state" reports it.</summary>
    private sealed class Switch : ReceiveActor
    {
        public Switch() => Off();

        private void Off()
        {
            Receive<string>(s => s == "state", _ => Sender.Tell("off", Self));
            Receive<string>(s => s == "toggle", _ => Become(On));
        }

        private void On()
        {
            Receive<string>(s => s == "state", _ => Sender.Tell("on", Self));
            Receive<string>(s => s == "toggle", _ => Become(Off));
            Receive<string>(s => s == "boom", _ => throw new InvalidOperationException("boom"));
        }
    }

    /// <summary>Pushes and pops behaviours: "push:x" stacks a behaviour answering x, "pop" unstacks.</summary>
    private sealed class Stacking : ReceiveActor
    {
        public Stacking()
        {
            Receive<string>(s => s.StartsWith("push:", StringComparison.Ordinal), s => Push(s[5..]));
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            Receive<string>(s => s == "who", _ => Sender.Tell("base", Self));
        }

        private void Push(string name) => BecomeStacked(() =>
        {
            Receive<string>(s => s.StartsWith("push:", StringComparison.Ordinal), s => Push(s[5..]));
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            Receive<string>(s => s == "who", _ => Sender.Tell(name, Self));
        });
    }

    /// <summary>An untyped actor with an initial, a replacing ("become") and a stacked ("stack"/"unstack") behaviour.</summary>
    private sealed class UntypedSwitch : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "state":
                    Sender.Tell("initial", Self);
                    break;
                case "become":
                    Become(Other);
                    break;
                case "stack":
                    BecomeStacked(Stacked);
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }

        private void Other(object message)
        {
            if (message is "state") Sender.Tell("other", Self);
            else if (message is "stack") BecomeStacked(Stacked);
            else Unhandled(message);
        }

        private void Stacked(object message)
        {
            if (message is "state") Sender.Tell("stacked", Self);
            else if (message is "unstack") UnbecomeStacked();
            else Unhandled(message);
        }
    }

    [Fact]
    public void Become_replaces_the_behaviour_of_a_ReceiveActor()
    {
        var sw = Sys.ActorOf(Props.Create<Switch>());
        sw.Tell("state", TestActor);
        ExpectMsg("off");
        sw.Tell("toggle", TestActor);
        sw.Tell("state", TestActor);
        ExpectMsg("on");
        sw.Tell("toggle", TestActor);
        sw.Tell("state", TestActor);
        ExpectMsg("off");
    }

    [Fact]
    public void A_message_the_new_behaviour_does_not_handle_is_unhandled()
    {
        var sw = Sys.ActorOf(Props.Create<Switch>());
        Sys.EventStream.Subscribe<Event.UnhandledMessage>(TestActor);
        sw.Tell("boom", TestActor);
        var unhandled = ExpectMsg<Event.UnhandledMessage>();
        Assert.Equal("boom", unhandled.Message);
        Assert.Equal(sw, unhandled.Recipient);
    }

    [Fact]
    public void BecomeStacked_and_UnbecomeStacked_nest_behaviours()
    {
        var actor = Sys.ActorOf(Props.Create<Stacking>());
        actor.Tell("push:one", TestActor);
        actor.Tell("push:two", TestActor);
        actor.Tell("who", TestActor);
        ExpectMsg("two");
        actor.Tell("pop", TestActor);
        actor.Tell("who", TestActor);
        ExpectMsg("one");
        actor.Tell("pop", TestActor);
        actor.Tell("who", TestActor);
        ExpectMsg("base");
    }

    [Fact]
    public void UnbecomeStacked_on_the_initial_behaviour_keeps_it()
    {
        var actor = Sys.ActorOf(Props.Create<Stacking>());
        actor.Tell("pop", TestActor);
        actor.Tell("pop", TestActor);
        actor.Tell("who", TestActor);
        ExpectMsg("base");
    }

    [Fact]
    public void A_restart_returns_to_the_initial_behaviour()
    {
        var sw = Sys.ActorOf(Props.Create<Switch>());
        sw.Tell("toggle", TestActor);
        sw.Tell("state", TestActor);
        ExpectMsg("on");
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => sw.Tell("boom", TestActor));
        sw.Tell("state", TestActor);
        ExpectMsg("off");
    }

    [Fact]
    public void Become_and_BecomeStacked_work_for_an_UntypedActor()
    {
        var actor = Sys.ActorOf(Props.Create<UntypedSwitch>());
        actor.Tell("state", TestActor);
        ExpectMsg("initial");
        actor.Tell("become", TestActor);
        actor.Tell("state", TestActor);
        ExpectMsg("other");
        actor.Tell("stack", TestActor);
        actor.Tell("state", TestActor);
        ExpectMsg("stacked");
        actor.Tell("unstack", TestActor);
        actor.Tell("state", TestActor);
        ExpectMsg("other");
    }

    [Fact]
    public void UnbecomeStacked_returns_an_UntypedActor_to_its_initial_behaviour()
    {
        var actor = Sys.ActorOf(Props.Create<UntypedSwitch>());
        actor.Tell("stack", TestActor);
        actor.Tell("state", TestActor);
        ExpectMsg("stacked");
        actor.Tell("unstack", TestActor);
        actor.Tell("state", TestActor);
        ExpectMsg("initial");
    }
}
