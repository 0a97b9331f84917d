using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Props: how actors are made (parameterless, factory, constructor arguments) and with which supervisor strategy.</summary>
public sealed class PropsSpec : TestKit.TestKit
{
    private sealed class Parameterless : ReceiveActor
    {
        public Parameterless() => ReceiveAny(_ => Sender.Tell("parameterless", Self));
    }

    private sealed class WithArguments : ReceiveActor
    {
        public WithArguments(string name, int count) => ReceiveAny(_ => Sender.Tell($"{name}:{count}", Self));

        public WithArguments(IActorRef target) => ReceiveAny(_ => target.Tell("ref", Self));
    }

    private sealed class Ambiguous : ReceiveActor
    {
        public Ambiguous(string text) => ReceiveAny(_ => Sender.Tell(text, Self));

        public Ambiguous(object value) => ReceiveAny(_ => Sender.Tell(value, Self));
    }

    private sealed class NullableArgument : ReceiveActor
    {
        public NullableArgument(string? text) => ReceiveAny(_ => Sender.Tell(text ?? "null", Self));
    }

    /// <summary>Counts its incarnations through the factory; fails on "boom".</summary>
    private sealed class Incarnation : ReceiveActor
    {
        public Incarnation(int number)
        {
            Receive<string>(s => s == "boom", _ => throw new InvalidOperationException("boom"));
            ReceiveAny(_ => Sender.Tell(number, Self));
        }
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent(Props childProps)
        {
            var child = Context.ActorOf(childProps, "child");
            ReceiveAny(m => child.Forward(m));
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);
    }

    private sealed class NotAnActor;

    [Fact]
    public void Create_with_a_parameterless_constructor()
    {
        var props = Props.Create<Parameterless>();
        Assert.Equal(typeof(Parameterless), props.ActorType);
        Sys.ActorOf(props).Tell("hi", TestActor);
        ExpectMsg("parameterless");
    }

    [Fact]
    public void Create_with_constructor_arguments_picks_the_matching_constructor()
    {
        Sys.ActorOf(Props.Create<WithArguments>("x", 3)).Tell("hi", TestActor);
        ExpectMsg("x:3");
        Sys.ActorOf(Props.Create(typeof(WithArguments), TestActor)).Tell("hi", TestActor);
        ExpectMsg("ref");
    }

    [Fact]
    public void Create_accepts_null_for_a_reference_parameter()
    {
        Sys.ActorOf(Props.Create<NullableArgument>(new object?[] { null })).Tell("hi", TestActor);
        ExpectMsg("null");
    }

    [Fact]
    public void Create_without_a_matching_constructor_throws()
    {
        Assert.Throws<ArgumentException>(() => Props.Create<WithArguments>(1, 2));
    }

    [Fact]
    public void Create_with_several_matching_constructors_throws()
    {
        Assert.Throws<ArgumentException>(() => Props.Create<Ambiguous>("text"));
    }

    [Fact]
    public void Create_of_a_type_that_is_not_an_actor_throws()
    {
        Assert.Throws<ArgumentException>(() => Props.Create(typeof(NotAnActor)));
    }

    [Fact]
    public void The_factory_makes_a_fresh_instance_on_every_restart()
    {
        var made = 0;
        var actor = Sys.ActorOf(Props.Create(() => new Incarnation(Interlocked.Increment(ref made))));
        actor.Tell("which", TestActor);
        ExpectMsg(1);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => actor.Tell("boom", TestActor));
        actor.Tell("which", TestActor);
        ExpectMsg(2);
        Assert.Equal(2, made);
    }

    [Fact]
    public void Props_are_immutable_and_WithSupervisorStrategy_returns_a_copy()
    {
        var props = Props.Create<Parameterless>();
        var strategy = new OneForOneStrategy(_ => Directive.Stop);
        var withStrategy = props.WithSupervisorStrategy(strategy);
        Assert.NotSame(props, withStrategy);
        Assert.Null(props.SupervisorStrategy);
        Assert.Same(strategy, withStrategy.SupervisorStrategy);
        Assert.Equal(props.ActorType, withStrategy.ActorType);
    }

    [Fact]
    public void The_strategy_in_the_props_overrides_the_actors_own()
    {
        // The parent's own strategy restarts; its props say stop, and the props win.
        var childProps = Props.Create(() => new Incarnation(1));
        var parent = Sys.ActorOf(Props.Create(() => new Parent(childProps)).WithSupervisorStrategy(SupervisorStrategy.StoppingStrategy));
        parent.Tell("which", TestActor);
        ExpectMsg(1);
        var child = LastSender;
        Watch(child);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => parent.Tell("boom", TestActor));
        ExpectTerminated(child);
    }

    [Fact]
    public void An_actor_created_with_new_outside_ActorOf_is_rejected()
    {
        Assert.Throws<ActorInitializationException>(() => new Parameterless());
    }
}
