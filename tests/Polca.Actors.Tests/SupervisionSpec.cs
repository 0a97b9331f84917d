using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Supervision: directives, OneForOne and AllForOne, restart limits on the virtual clock, hooks, default strategy, escalation.</summary>
public sealed class SupervisionSpec : TestKit.TestKit
{
    /// <summary>Creates children on request (answering with their ref) and supervises them with the given strategy.</summary>
    private sealed class Supervisor : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public Supervisor(SupervisorStrategy strategy)
        {
            _strategy = strategy;
            Receive<Props>(p => Sender.Tell(Context.ActorOf(p), Self));
            Receive<string>(s => s == "ping", _ => Sender.Tell("pong", Self));
            Receive<string>(s => s == "children", _ => Sender.Tell(Context.GetChildren().Count(), Self));
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    /// <summary>Keeps a counter, fails on an exception message, and reports its lifecycle hooks.</summary>
    private sealed class Child : ReceiveActor
    {
        private readonly IActorRef _report;
        private readonly int _incarnation;
        private int _count;

        public Child(IActorRef report, int incarnation)
        {
            _report = report;
            _incarnation = incarnation;
            Receive<string>(s => s == "ping", _ => Sender.Tell("pong", Self));
            Receive<string>(s => s == "inc", _ => _count++);
            Receive<string>(s => s == "get", _ => Sender.Tell(_count, Self));
            Receive<string>(s => s == "incarnation", _ => Sender.Tell(_incarnation, Self));
            Receive<string>(s => s.StartsWith("log:", StringComparison.Ordinal), s => _report.Tell($"{s[4..]}@{_incarnation}", Self));
            Receive<Exception>(e => throw e);
        }

        protected override void PreStart() => _report.Tell($"prestart@{_incarnation}", Self);

        protected override void PostStop() => _report.Tell($"poststop@{_incarnation}", Self);

        protected override void PreRestart(Exception reason, object? message)
        {
            _report.Tell($"prerestart@{_incarnation}:{(message as Exception)?.Message ?? message}:{reason.Message}", Self);
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            _report.Tell($"postrestart@{_incarnation}:{reason.Message}", Self);
            base.PostRestart(reason);
        }
    }

    private int _incarnations;

    private Props ChildProps(IActorRef report) => Props.Create(() => new Child(report, Interlocked.Increment(ref _incarnations)));

    private IActorRef NewSupervisor(SupervisorStrategy strategy) => Sys.ActorOf(Props.Create(() => new Supervisor(strategy)));

    private IActorRef ChildOf(IActorRef supervisor, Props props)
    {
        supervisor.Tell(props, TestActor);
        return ExpectMsg<IActorRef>();
    }

    private static InvalidOperationException Boom(string message = "boom") => new(message);

    private static SupervisorStrategy OneForOne(Directive directive) => new OneForOneStrategy(_ => directive);

    [Fact]
    public void Restart_keeps_the_ref_and_the_mailbox_and_resets_the_state()
    {
        var probe = CreateTestProbe();
        var supervisor = NewSupervisor(OneForOne(Directive.Restart));
        var child = ChildOf(supervisor, ChildProps(probe.Ref));
        probe.ExpectMsg("prestart@1");
        child.Tell("inc", TestActor);
        child.Tell("inc", TestActor);
        child.Tell("get", TestActor);
        ExpectMsg(2);
        var uid = child.Path.Uid;

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() =>
        {
            // The messages queued behind the failing one are handled by the new instance.
            child.Tell(Boom(), TestActor);
            child.Tell("log:after-1", TestActor);
            child.Tell("log:after-2", TestActor);
            child.Tell("get", TestActor);
        });
        probe.ExpectMsg("prerestart@1:boom:boom");
        probe.ExpectMsg("poststop@1");
        probe.ExpectMsg("postrestart@2:boom");
        probe.ExpectMsg("prestart@2");
        probe.ExpectMsg("after-1@2");
        probe.ExpectMsg("after-2@2");
        ExpectMsg(0);
        Assert.Equal(child, probe.LastSender);
        Assert.Equal(uid, probe.LastSender.Path.Uid);
    }

    [Fact]
    public void Resume_keeps_the_instance_and_its_state()
    {
        var probe = CreateTestProbe();
        var supervisor = NewSupervisor(OneForOne(Directive.Resume));
        var child = ChildOf(supervisor, ChildProps(probe.Ref));
        child.Tell("inc", TestActor);
        EventFilter.Warning(contains: "boom").ExpectOne(() => child.Tell(Boom(), TestActor));
        child.Tell("inc", TestActor);
        child.Tell("get", TestActor);
        ExpectMsg(2);
        probe.ExpectMsg("prestart@1");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Stop_stops_the_failing_child()
    {
        var probe = CreateTestProbe();
        var supervisor = NewSupervisor(OneForOne(Directive.Stop));
        var child = ChildOf(supervisor, ChildProps(probe.Ref));
        Watch(child);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(Boom(), TestActor));
        ExpectTerminated(child);
        probe.ExpectMsg("prestart@1");
        probe.ExpectMsg("poststop@1");
        supervisor.Tell("ping", TestActor);
        ExpectMsg("pong");
    }

    [Fact]
    public void A_failing_child_never_stops_or_restarts_its_parent()
    {
        var parentProbe = CreateTestProbe();
        var supervisor = Sys.ActorOf(Props.Create(() => new ReportingSupervisor(OneForOne(Directive.Stop), parentProbe.Ref)));
        var child = ChildOf(supervisor, ChildProps(TestActor));
        ExpectMsg("prestart@1");
        Watch(child);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(Boom(), TestActor));
        ExpectMsg("poststop@1");
        ExpectTerminated(child);
        supervisor.Tell("ping", TestActor);
        ExpectMsg("pong");
        parentProbe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    /// <summary>A supervisor that reports its own restarts and stop.</summary>
    private sealed class ReportingSupervisor : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;
        private readonly IActorRef _report;

        public ReportingSupervisor(SupervisorStrategy strategy, IActorRef report)
        {
            _strategy = strategy;
            _report = report;
            Receive<Props>(p => Sender.Tell(Context.ActorOf(p), Self));
            Receive<string>(s => s == "ping", _ => Sender.Tell("pong", Self));
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;

        protected override void PreRestart(Exception reason, object? message)
        {
            _report.Tell("supervisor-prerestart:" + reason.Message, Self);
            base.PreRestart(reason, message);
        }

        protected override void PostStop() => _report.Tell("supervisor-poststop", Self);
    }

    [Fact]
    public void Escalate_restarts_the_parent_under_its_own_supervisor_which_stops_the_children()
    {
        var parentProbe = CreateTestProbe();
        var grandparent = NewSupervisor(OneForOne(Directive.Restart));
        var parent = ChildOf(grandparent, Props.Create(() => new ReportingSupervisor(OneForOne(Directive.Escalate), parentProbe.Ref)));
        var child = ChildOf(parent, ChildProps(TestActor));
        ExpectMsg("prestart@1");
        Watch(child);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(Boom("escalated"), TestActor));
        parentProbe.ExpectMsg("supervisor-prerestart:escalated");
        parentProbe.ExpectMsg("supervisor-poststop");
        ExpectMsg("poststop@1");
        ExpectTerminated(child);
        parent.Tell("ping", TestActor);
        ExpectMsg("pong");
    }

    [Fact]
    public void Escalate_to_a_stopping_grandparent_stops_the_parent_and_its_children()
    {
        var parentProbe = CreateTestProbe();
        var grandparent = NewSupervisor(OneForOne(Directive.Stop));
        var parent = ChildOf(grandparent, Props.Create(() => new ReportingSupervisor(OneForOne(Directive.Escalate), parentProbe.Ref)));
        var child = ChildOf(parent, ChildProps(TestActor));
        ExpectMsg("prestart@1");
        Watch(parent);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(Boom("escalated"), TestActor));
        ExpectMsg("poststop@1");
        ExpectTerminated(parent);
        parentProbe.ExpectMsg("supervisor-poststop");
        grandparent.Tell("ping", TestActor);
        ExpectMsg("pong");
    }

    /// <summary>A supervisor whose PreRestart keeps its children (they are then restarted with it).</summary>
    private sealed class KeepChildren : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public KeepChildren(SupervisorStrategy strategy)
        {
            _strategy = strategy;
            Receive<Props>(p => Sender.Tell(Context.ActorOf(p), Self));
            Receive<Exception>(e => throw e);
            Receive<string>(s => s == "ping", _ => Sender.Tell("pong", Self));
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;

        protected override void PreRestart(Exception reason, object? message) { }
    }

    [Fact]
    public void Children_kept_by_PreRestart_are_restarted_with_their_parent()
    {
        var grandparent = NewSupervisor(OneForOne(Directive.Restart));
        var parent = ChildOf(grandparent, Props.Create(() => new KeepChildren(OneForOne(Directive.Restart))));
        var child = ChildOf(parent, ChildProps(TestActor));
        ExpectMsg("prestart@1");

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => parent.Tell(Boom("parent"), TestActor));
        ExpectMsg("prerestart@1::parent");
        ExpectMsg("poststop@1");
        ExpectMsg("postrestart@2:parent");
        ExpectMsg("prestart@2");
        child.Tell("ping", TestActor);
        ExpectMsg("pong");
    }

    [Fact]
    public void A_child_whose_failure_was_escalated_works_again_after_its_parent_restarts()
    {
        var grandparent = NewSupervisor(OneForOne(Directive.Restart));
        var parent = ChildOf(grandparent, Props.Create(() => new KeepChildren(OneForOne(Directive.Escalate))));
        var child = ChildOf(parent, ChildProps(TestActor));
        ExpectMsg("prestart@1");

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(Boom("escalated"), TestActor));
        ExpectMsg("prerestart@1:escalated:escalated");
        ExpectMsg("poststop@1");
        ExpectMsg("postrestart@2:escalated");
        ExpectMsg("prestart@2");
        child.Tell("ping", TestActor);
        ExpectMsg("pong");
        parent.Tell("ping", TestActor);
        ExpectMsg("pong");
    }

    [Fact]
    public void A_child_whose_escalated_failure_was_resumed_is_supervised_again_when_it_fails_again()
    {
        var grandparent = NewSupervisor(OneForOne(Directive.Resume));
        var parent = ChildOf(grandparent, Props.Create(() => new KeepChildren(OneForOne(Directive.Escalate))));
        var child = ChildOf(parent, ChildProps(CreateTestProbe().Ref));
        child.Tell("inc", TestActor);

        EventFilter.Warning(contains: "first").ExpectOne(() => child.Tell(Boom("first"), TestActor));
        child.Tell("get", TestActor);
        ExpectMsg(1);
        // Still failing through its supervisor: a second failure is escalated and resumed again, not swallowed.
        EventFilter.Warning(contains: "second").ExpectOne(() => child.Tell(Boom("second"), TestActor));
        child.Tell("inc", TestActor);
        child.Tell("get", TestActor);
        ExpectMsg(2);
        parent.Tell("ping", TestActor);
        ExpectMsg("pong");
    }

    [Fact]
    public void OneForOne_restarts_only_the_failing_child()
    {
        var supervisor = NewSupervisor(OneForOne(Directive.Restart));
        var failing = ChildOf(supervisor, ChildProps(CreateTestProbe().Ref));
        var sibling = ChildOf(supervisor, ChildProps(CreateTestProbe().Ref));
        sibling.Tell("inc", TestActor);
        failing.Tell("inc", TestActor);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => failing.Tell(Boom(), TestActor));
        failing.Tell("get", TestActor);
        ExpectMsg(0);
        sibling.Tell("get", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public void AllForOne_restarts_every_child()
    {
        var supervisor = NewSupervisor(new AllForOneStrategy(_ => Directive.Restart));
        var failingProbe = CreateTestProbe();
        var siblingProbe = CreateTestProbe();
        var failing = ChildOf(supervisor, ChildProps(failingProbe.Ref));
        var sibling = ChildOf(supervisor, ChildProps(siblingProbe.Ref));
        sibling.Tell("inc", TestActor);
        sibling.Tell("get", TestActor);
        ExpectMsg(1);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => failing.Tell(Boom(), TestActor));
        siblingProbe.FishForMessage<string>(s => s.StartsWith("postrestart", StringComparison.Ordinal));
        failingProbe.FishForMessage<string>(s => s.StartsWith("postrestart", StringComparison.Ordinal));
        sibling.Tell("get", TestActor);
        ExpectMsg(0);
        failing.Tell("ping", TestActor);
        ExpectMsg("pong");
    }

    [Fact]
    public void AllForOne_stop_stops_every_child()
    {
        var supervisor = NewSupervisor(new AllForOneStrategy(_ => Directive.Stop));
        var failing = ChildOf(supervisor, ChildProps(CreateTestProbe().Ref));
        var sibling = ChildOf(supervisor, ChildProps(CreateTestProbe().Ref));
        Watch(failing);
        Watch(sibling);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => failing.Tell(Boom(), TestActor));
        var stopped = new[] { ExpectMsg<Terminated>().ActorRef, ExpectMsg<Terminated>().ActorRef };
        Assert.Contains(failing, stopped);
        Assert.Contains(sibling, stopped);
        supervisor.Tell("children", TestActor);
        ExpectMsg(0);
    }

    [Fact]
    public void AllForOne_resume_resumes_only_the_failing_child_keeping_all_state()
    {
        var supervisor = NewSupervisor(new AllForOneStrategy(_ => Directive.Resume));
        var failing = ChildOf(supervisor, ChildProps(CreateTestProbe().Ref));
        var sibling = ChildOf(supervisor, ChildProps(CreateTestProbe().Ref));
        failing.Tell("inc", TestActor);
        sibling.Tell("inc", TestActor);
        EventFilter.Warning(contains: "boom").ExpectOne(() => failing.Tell(Boom(), TestActor));
        failing.Tell("get", TestActor);
        ExpectMsg(1);
        sibling.Tell("get", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public void Restarts_beyond_the_limit_within_the_window_stop_the_child()
    {
        var probe = CreateTestProbe();
        var supervisor = NewSupervisor(new OneForOneStrategy(3, TimeSpan.FromSeconds(10), _ => Directive.Restart));
        var child = ChildOf(supervisor, ChildProps(probe.Ref));
        Watch(child);
        probe.ExpectMsg("prestart@1");
        for (var i = 1; i <= 3; i++)
        {
            EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(Boom(), TestActor));
            probe.FishForMessage<string>(s => s.StartsWith("prestart", StringComparison.Ordinal));
            Advance(TimeSpan.FromSeconds(1));
        }
        // Fourth failure at 3 s, inside the 10 s window: stopped.
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(Boom(), TestActor));
        ExpectTerminated(child);
        Assert.Equal(TimeSpan.FromSeconds(3), Sys.Clock.Elapsed);
    }

    [Fact]
    public void Restart_counting_starts_again_once_the_window_has_passed()
    {
        var probe = CreateTestProbe();
        var supervisor = NewSupervisor(new OneForOneStrategy(3, TimeSpan.FromSeconds(10), _ => Directive.Restart));
        var child = ChildOf(supervisor, ChildProps(probe.Ref));
        Watch(child);

        void FailAndExpectRestart()
        {
            EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(Boom(), TestActor));
            probe.FishForMessage<string>(s => s.StartsWith("postrestart", StringComparison.Ordinal));
        }

        // Three restarts at 0, 1 and 2 s use up the window that started at 0 s.
        for (var i = 0; i < 3; i++)
        {
            FailAndExpectRestart();
            Advance(TimeSpan.FromSeconds(1));
        }
        // At 13 s the window has passed: a new window starts and allows three more restarts.
        AdvanceTo(TimeSpan.FromSeconds(13));
        for (var i = 0; i < 3; i++)
        {
            FailAndExpectRestart();
            Advance(TimeSpan.FromSeconds(1));
        }
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(Boom(), TestActor));
        ExpectTerminated(child);
    }

    [Fact]
    public void A_retry_limit_without_a_window_counts_all_restarts()
    {
        var supervisor = NewSupervisor(new OneForOneStrategy(2, null, _ => Directive.Restart));
        var probe = CreateTestProbe();
        var child = ChildOf(supervisor, ChildProps(probe.Ref));
        Watch(child);
        for (var i = 0; i < 2; i++)
        {
            EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(Boom(), TestActor));
            probe.FishForMessage<string>(s => s.StartsWith("postrestart", StringComparison.Ordinal));
            Advance(TimeSpan.FromHours(1));
        }
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(Boom(), TestActor));
        ExpectTerminated(child);
    }

    [Fact]
    public void A_retry_limit_of_zero_stops_at_the_first_failure()
    {
        var supervisor = NewSupervisor(new OneForOneStrategy(0, null, _ => Directive.Restart));
        var child = ChildOf(supervisor, ChildProps(CreateTestProbe().Ref));
        Watch(child);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(Boom(), TestActor));
        ExpectTerminated(child);
    }

    [Fact]
    public void The_decider_picks_the_directive_by_exception_type()
    {
        var strategy = new OneForOneStrategy(Decider.From(Directive.Restart,
            (typeof(ArgumentException), Directive.Resume),
            (typeof(NotSupportedException), Directive.Stop)));
        var supervisor = NewSupervisor(strategy);
        var child = ChildOf(supervisor, ChildProps(CreateTestProbe().Ref));
        Watch(child);
        child.Tell("inc", TestActor);
        EventFilter.Warning().ExpectOne(() => child.Tell(new ArgumentException("resume me"), TestActor));
        child.Tell("get", TestActor);
        ExpectMsg(1);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(Boom(), TestActor));
        child.Tell("get", TestActor);
        ExpectMsg(0);
        EventFilter.Exception<NotSupportedException>().ExpectOne(() => child.Tell(new NotSupportedException("stop me"), TestActor));
        ExpectTerminated(child);
    }

    private sealed class FailsInConstructor : ReceiveActor
    {
        public FailsInConstructor() => throw new InvalidOperationException("cannot construct");
    }

    private sealed class FailsInPreStart : ReceiveActor
    {
        protected override void PreStart() => throw new InvalidOperationException("cannot start");
    }

    [Fact]
    public void The_default_strategy_restarts_on_an_ordinary_exception()
    {
        var probe = CreateTestProbe();
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy)));
        var child = ChildOf(supervisor, ChildProps(probe.Ref));
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(Boom(), TestActor));
        probe.FishForMessage<string>(s => s.StartsWith("postrestart", StringComparison.Ordinal));
        child.Tell("ping", TestActor);
        ExpectMsg("pong");
    }

    [Fact]
    public void The_default_strategy_stops_an_actor_whose_constructor_throws()
    {
        EventFilter.Exception<ActorInitializationException>().ExpectOne(() =>
        {
            var actor = Sys.ActorOf(Props.Create<FailsInConstructor>());
            Watch(actor);
        });
        var terminated = ExpectMsg<Terminated>();
        Assert.True(terminated.ExistenceConfirmed);
    }

    [Fact]
    public void The_default_strategy_stops_an_actor_whose_PreStart_throws()
    {
        IActorRef? actor = null;
        EventFilter.Exception<ActorInitializationException>().ExpectOne(() =>
        {
            actor = Sys.ActorOf(Props.Create<FailsInPreStart>());
            Watch(actor);
        });
        ExpectTerminated(actor!);
    }

    [Fact]
    public void Kill_makes_the_actor_fail_with_ActorKilledException_and_the_default_strategy_stops_it()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(ChildProps(probe.Ref));
        Watch(actor);
        EventFilter.Exception<ActorKilledException>().ExpectOne(() => actor.Tell(Kill.Instance, TestActor));
        ExpectTerminated(actor);
        probe.ExpectMsg("prestart@1");
        probe.ExpectMsg("poststop@1");
    }

    [Fact]
    public void An_actors_own_strategy_override_applies_to_its_children()
    {
        var supervisor = NewSupervisor(SupervisorStrategy.StoppingStrategy);
        var child = ChildOf(supervisor, ChildProps(CreateTestProbe().Ref));
        Watch(child);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(Boom(), TestActor));
        ExpectTerminated(child);
    }

    [Fact]
    public void A_strategy_in_the_props_overrides_the_actors_own_strategy()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(OneForOne(Directive.Restart)))
            .WithSupervisorStrategy(OneForOne(Directive.Resume)));
        var child = ChildOf(supervisor, ChildProps(CreateTestProbe().Ref));
        child.Tell("inc", TestActor);
        EventFilter.Warning(contains: "boom").ExpectOne(() => child.Tell(Boom(), TestActor));
        child.Tell("get", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public void A_failure_in_PostStop_is_logged_and_the_actor_still_stops()
    {
        var actor = Sys.ActorOf(Props.Create<ThrowsInPostStop>());
        Watch(actor);
        EventFilter.Error(contains: "PostStop").ExpectOne(() => Sys.Stop(actor));
        ExpectTerminated(actor);
    }

    private sealed class ThrowsInPostStop : ReceiveActor
    {
        protected override void PostStop() => throw new InvalidOperationException("PostStop failed");
    }
}
